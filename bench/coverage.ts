// coverage: the round coverage rollup read while registrations stream in (DESIGN §15: coverage of a
// 1 M-person district while ingest runs, p95 < 200 ms). A seeded city (--people, default 300,000;
// run it with --people 1000000 for the target), rounds over it, the real server on loopback. A
// sampler fleet in a worker thread pushes registrations at full speed (--concurrency connections,
// default 4; batches of --batch registrations, default 1,000; 20合1), moving on to a fresh round
// when everyone is registered, while one reader asks GET /api/screening/rounds/:id/coverage/:placeId
// of the round being registered for the city (the whole population: the 1 M-person area at
// --people 1000000), its largest district, a subdistrict and a community, one request after another
// for --seconds (default 20). The same requests with nothing else running, the server's event-loop
// delay and its pool's waiters are recorded beside them.
// Baseline in the same run, still under the same load: the same figures counted from the records
// (rollup.ts countCoverage, straight on the database, no HTTP) for the same places, for --seconds
// or at least 5 times each. ratio = baseline p95 / rollup p95 of the largest area (higher is better).
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sql } from 'kysely';
import { countCoverage } from '../server/modules/screening/rollup.ts';
import type { BenchOptions, BenchResult } from './harness.ts';
import { startRegistrationLoad, tubeRanges } from './registration-load.ts';
import { batchesOfTubes, newRound, openCity, percentile, poolTubes, residentsInTreeOrder, runTag, startServer, tubePlan } from './screening-setup.ts';

interface Area {
  level: string;
  id: number;
  path: string;
  people: number;
}

function get(agent: http.Agent, url: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** Calls `once(area)` round-robin over the areas for `secs` seconds (and at least `min` times each); latencies per level. */
async function sampleLatencies(areas: Area[], secs: number, min: number, once: (a: Area) => Promise<void>) {
  const lat = new Map<string, number[]>(areas.map((a) => [a.level, []]));
  const end = performance.now() + secs * 1000;
  for (let i = 0; performance.now() < end || [...lat.values()].some((l) => l.length < min); i++) {
    const a = areas[i % areas.length];
    const t = performance.now();
    await once(a);
    lat.get(a.level)!.push(performance.now() - t);
  }
  return lat;
}

export async function run(opts: BenchOptions): Promise<BenchResult> {
  if (opts.engine !== 'postgres') throw new Error('coverage measures PostgreSQL (ingest runs from several connections)');
  const people = Number(opts.args.people ?? (opts.xl ? 1_000_000 : 300_000));
  const secs = Number(opts.args.seconds ?? 20);
  const concurrency = Number(opts.args.concurrency ?? 4);
  const batchSize = Number(opts.args.batch ?? 1000);
  const city = await openCity(opts.engine, opts.args, people, 'coverage');
  const server = await startServer(city);
  const tag = runTag();
  try {
    const k = city.db.kysely;
    const residents = await residentsInTreeOrder(city.db);
    const tubes = await poolTubes(city.db, residents, 20);
    const ranges = tubeRanges(batchesOfTubes(tubes, batchSize));
    const pick = async (kind: string, under: string) =>
      (
        await sql<{ id: number; path: string; people: number }>`
          SELECT p.id, p.path, r.people FROM places p JOIN place_rollup r ON r.place_id = p.id
          WHERE p.kind = ${kind} AND p.path LIKE ${under + '%'} ORDER BY r.people DESC, p.id LIMIT 1`.execute(k)
      ).rows[0];
    const cityArea = await pick('city', '/');
    const district = await pick('district', cityArea.path);
    const subdistrict = await pick('subdistrict', district.path);
    const community = await pick('community', subdistrict.path);
    const areas: Area[] = [
      { level: 'city', ...cityArea },
      { level: 'district', ...district },
      { level: 'subdistrict', ...subdistrict },
      { level: 'community', ...community },
    ];
    console.error(`  areas: ${areas.map((a) => `${a.level} ${a.people.toLocaleString('en')}`).join(', ')}`);

    // Rounds for the whole measurement at ~10,000 registrations/s (more are made if the load outruns them), made before the load starts.
    const needed = Math.min(8, Math.ceil(((3 * secs + 30) * 10_000) / residents.length) + 1);
    const rounds: number[] = [];
    for (let i = 0; i < needed; i++) rounds.push(await newRound(city, `coverage-${tag}-${i + 1}`));
    console.error(`  ${rounds.length} rounds ready; ${residents.length.toLocaleString('en')} registrations each`);

    const readToken = await server.token('bench-admin');
    let current = rounds[0];
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const coverage = async (a: Area) => {
      const r = await get(agent, `${server.url}/api/screening/rounds/${current}/coverage/${a.id}`, readToken);
      if (r.status !== 200) throw new Error(`coverage ${a.level}: ${r.status} ${r.body.slice(0, 300)}`);
    };
    // The same requests with nothing else running, for reference.
    for (const a of areas) await coverage(a);
    const idle = await sampleLatencies(areas, 0, 20, coverage);

    const load = startRegistrationLoad(server.url, await server.token('bench-sampler'), tubePlan(tubes, 20));
    let stopping = false;
    let pushed = 0;
    const loadErrors: string[] = [];
    const pusher = (async () => {
      for (let i = 0; !stopping; i++) {
        if (i >= rounds.length) rounds.push(await newRound(city, `coverage-${tag}-${i + 1}`));
        current = rounds[i];
        const r = await load.run({ roundId: current, prefix: `V${i}${tag}`, batches: ranges, concurrency, pregenerate: false });
        pushed += r.registrations;
        if (r.errors.length) loadErrors.push(...r.errors);
        if (!r.stopped && r.registrations !== residents.length) loadErrors.push(`round ${current}: ${r.registrations} of ${residents.length} registered`);
        if (loadErrors.length) {
          stopping = true;
          break;
        }
      }
    })();
    const sampledSoFar = async () => Number((await sql<{ n: number }>`SELECT coalesce(max(id), 0)::bigint AS n FROM samples`.execute(k)).rows[0].n);

    try {
      // Let the load reach full speed and warm the reader.
      await new Promise((r) => setTimeout(r, 5000));
      for (const a of areas) await coverage(a);

      let s0 = await sampledSoFar();
      let t0 = performance.now();
      console.error(`  rollup through HTTP, ${secs} s under load`);
      // Why a read of a few rows waits: the server's event loop (busy with the registration batches)
      // and its database pool (shared with them), sampled while the reader runs.
      const loopDelay = monitorEventLoopDelay({ resolution: 5 });
      loopDelay.enable();
      const poolWaiting: number[] = [];
      const poolSampler = setInterval(() => poolWaiting.push(city.db.poolStats().waiting), 20);
      const rollup = await sampleLatencies(areas, secs, 20, coverage);
      clearInterval(poolSampler);
      loopDelay.disable();
      let s1 = await sampledSoFar();
      const rollupLoad = Math.round((s1 - s0) / ((performance.now() - t0) / 1000));

      s0 = s1;
      t0 = performance.now();
      console.error(`  baseline countCoverage, ${secs} s (at least 5 per area) under load`);
      const counted = await sampleLatencies(areas, secs, 5, async (a) => {
        await countCoverage(k, current, a.path);
      });
      s1 = await sampledSoFar();
      const baselineLoad = Math.round((s1 - s0) / ((performance.now() - t0) / 1000));
      if (stopping) throw new Error(`the registration load failed: ${loadErrors.slice(0, 3).join(' | ')}`);

      // Correctness, once the load is stopped: the rollup the API served equals the count from the records.
      stopping = true;
      load.stop();
      await pusher;
      for (const a of areas) {
        const api = JSON.parse((await get(agent, `${server.url}/api/screening/rounds/${current}/coverage/${a.id}`, readToken)).body);
        const truth = await countCoverage(k, current, a.path);
        if (api.place.sampled !== truth.sampled || api.place.residents !== truth.residents)
          throw new Error(`coverage of the ${a.level} disagrees with the records: API ${api.place.sampled}/${api.place.residents}, counted ${truth.sampled}/${truth.residents}`);
      }
      const p95 = (m: Map<string, number[]>, level: string) => percentile(m.get(level)!, 95);
      const metrics: Record<string, number> = {};
      const baseline: Record<string, number> = {};
      for (const a of areas) {
        metrics[`p95_${a.level}_ms`] = p95(rollup, a.level);
        metrics[`p50_${a.level}_ms`] = percentile(rollup.get(a.level)!, 50);
        baseline[`p95_${a.level}_ms`] = p95(counted, a.level);
        baseline[`p50_${a.level}_ms`] = percentile(counted.get(a.level)!, 50);
      }
      for (const a of areas) metrics[`p95_${a.level}_idle_ms`] = p95(idle, a.level);
      metrics.eventLoopDelayP50ms = Math.round(loopDelay.percentile(50) / 1e5) / 10;
      metrics.eventLoopDelayP99ms = Math.round(loopDelay.percentile(99) / 1e5) / 10;
      metrics.eventLoopDelayMaxms = Math.round(loopDelay.max / 1e5) / 10;
      metrics.poolWaitingMean = Math.round((poolWaiting.reduce((s, x) => s + x, 0) / Math.max(1, poolWaiting.length)) * 10) / 10;
      metrics.poolWaitingShare = Math.round((poolWaiting.filter((x) => x > 0).length / Math.max(1, poolWaiting.length)) * 100) / 100;
      metrics.requests = [...rollup.values()].reduce((s, l) => s + l.length, 0);
      metrics.ingestPerSecondDuringRollup = rollupLoad;
      baseline.counts = [...counted.values()].reduce((s, l) => s + l.length, 0);
      baseline.ingestPerSecondDuring = baselineLoad;
      console.error(`  rollup p95 ${areas.map((a) => `${a.level} ${metrics[`p95_${a.level}_ms`]} ms`).join(', ')} (ingest ${rollupLoad.toLocaleString('en')}/s); idle ${areas.map((a) => `${metrics[`p95_${a.level}_idle_ms`]}`).join('/')} ms`);
      console.error(`  server event loop delay p50 ${metrics.eventLoopDelayP50ms} ms, p99 ${metrics.eventLoopDelayP99ms} ms, max ${metrics.eventLoopDelayMaxms} ms; pool waiters ${metrics.poolWaitingMean} on average, some waiting ${Math.round(metrics.poolWaitingShare * 100)} % of the time`);
      console.error(`  counted p95 ${areas.map((a) => `${a.level} ${baseline[`p95_${a.level}_ms`]} ms`).join(', ')} (ingest ${baselineLoad.toLocaleString('en')}/s)`);
      return {
        params: {
          people: city.people, areaPeople: Object.fromEntries(areas.map((a) => [a.level, a.people])), seconds: secs, ingestConcurrency: concurrency, ingestBatch: batchSize,
          registered: pushed, rounds: rounds.length, seedSeconds: Math.round(city.seedSeconds), target: 'p95 < 200 ms for a 1,000,000-person area while ingest runs',
        },
        metrics,
        baseline,
        ratio: baseline.p95_city_ms / metrics.p95_city_ms,
      };
    } finally {
      stopping = true;
      load.stop();
      await pusher.catch(() => {});
      agent.destroy();
      await load.close();
    }
  } finally {
    await server.close();
    await city.drop();
  }
}
