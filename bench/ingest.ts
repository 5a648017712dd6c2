// ingest: sample registrations through the HTTP batch API into PostgreSQL (DESIGN §15: ≥ 20,000/s on
// 2 cores and ≥ 0.5 × a raw multi-row INSERT of the same rows). A seeded city (--people, default
// 200,000), rounds over it created by the round service, the real server listening on loopback, and
// a sampler fleet in a worker thread POSTing batches of ~1,000 registrations (20合1: 20 consecutive
// residents of one community per tube, fresh UUID clientIds, the resident's ID number, a sampling
// site of their community) from several keep-alive connections. Each concurrency of --concurrency
// (default 2,4,6,8) gets a short trial in its own round; the best one registers --registrations
// (default: everyone) in a fresh round, and the counts are checked after it.
// Baseline in the same run and database: the same rows (tubes + samples, person ids already known)
// as raw multi-row INSERTs, one transaction per batch of the same size, in a fresh round, at its own
// best concurrency of the same list.
// Each timed part also reports the CPU it cost per 1,000 rows (this process, and the machine's
// PostgreSQL processes when they are local): steadier than throughput on a shared host.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { seconds, type BenchOptions, type BenchResult } from './harness.ts';
import { cpuPerThousand, cpuSnapshot } from './cpu-cost.ts';
import { startRegistrationLoad, tubeRanges, type LoadResult } from './registration-load.ts';
import {
  batchesOfTubes, newRound, openCity, percentile, poolTubes, residentsInTreeOrder, runTag, startServer, tubePlan, type City, type Tube,
} from './screening-setup.ts';

const POOL = 20;

interface Trial {
  concurrency: number;
  registrations: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

const summarize = (concurrency: number, r: { registrations: number; seconds: number; latencies: number[] }): Trial => ({
  concurrency,
  registrations: r.registrations,
  seconds: Math.round(r.seconds * 100) / 100,
  perSecond: Math.round(r.registrations / r.seconds),
  p50: percentile(r.latencies, 50),
  p99: percentile(r.latencies, 99),
});

function checkRun(r: LoadResult, expected: number, what: string) {
  if (r.registrations !== expected || r.errors.length) throw new Error(`${what}: ${r.registrations} of ${expected} registered; statuses ${JSON.stringify(r.statuses)}; ${r.errors.join(' | ')}`);
}

/** After the measured run: every registration stored once, each person counted once, the rollup in step. */
async function verify(city: City, roundId: number, tubes: Tube[], registrations: number) {
  const r = await sql<{ samples: number; people: number; sampled: number; repeats: number; tubes: number; members: number; unsealed: number; rollup: number }>`
    SELECT (SELECT count(*) FROM samples WHERE round_id = ${roundId})::int AS samples,
      (SELECT count(DISTINCT person_id) FROM samples WHERE round_id = ${roundId})::int AS people,
      (SELECT count(*) FROM round_sampled WHERE round_id = ${roundId})::int AS sampled,
      (SELECT count(*) FROM samples WHERE round_id = ${roundId} AND repeat)::int AS repeats,
      (SELECT count(*) FROM tubes WHERE round_id = ${roundId})::int AS tubes,
      (SELECT coalesce(sum(members), 0) FROM tubes WHERE round_id = ${roundId})::int AS members,
      (SELECT count(*) FROM tubes WHERE round_id = ${roundId} AND sealed_at IS NULL)::int AS unsealed,
      (SELECT coalesce(sum(sampled), 0) FROM round_rollup WHERE round_id = ${roundId} AND place_id = ${city.city.id})::int AS rollup`.execute(city.db.kysely);
  const c = r.rows[0];
  const problems = [
    c.samples !== registrations && `count(samples) ${c.samples} ≠ ${registrations} registrations`,
    c.people !== registrations && `distinct people ${c.people} ≠ ${registrations}`,
    c.sampled !== c.people && `round sampled ${c.sampled} ≠ distinct people ${c.people}`,
    c.rollup !== c.people && `city rollup sampled ${c.rollup} ≠ distinct people ${c.people}`,
    c.repeats !== 0 && `${c.repeats} samples flagged repeat`,
    c.tubes !== tubes.length && `tubes ${c.tubes} ≠ ${tubes.length}`,
    c.members !== registrations && `tube members ${c.members} ≠ ${registrations}`,
    c.unsealed !== 0 && `${c.unsealed} tubes left open`,
  ].filter(Boolean);
  if (problems.length) throw new Error(`ingest verification failed: ${problems.join('; ')}`);
  return c;
}

/** The same rows as the API stores in tubes and samples, as raw multi-row INSERTs (built before the clock starts). */
function baselineStatements(batches: Tube[][], roundId: number, prefix: string, samplerId: number) {
  const at = new Date().toISOString();
  return batches.map((batch) => {
    const tubeParams: unknown[] = [];
    const tubeRows = batch.map((t) => {
      const b = tubeParams.length;
      tubeParams.push(`${prefix}${t.n}`, roundId, t.members.length, t.siteId, t.sitePath, at);
      return `($${b + 1}, $${b + 2}, 'pool', ${POOL}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 6})`;
    });
    const samples = batch.flatMap((t) => t.members.map((m, i) => ({ tube: `${prefix}${t.n}`, slot: i + 1, m })));
    return {
      tubes: { text: `INSERT INTO tubes (code, round_id, kind, capacity, members, site_id, path, collected_at, sealed_at) VALUES ${tubeRows.join(',')} RETURNING id, code`, values: tubeParams },
      samples: (ids: Map<string, number>) => {
        const values: unknown[] = [];
        const rows = samples.map((s) => {
          const b = values.length;
          values.push(randomUUID(), roundId, ids.get(s.tube), s.slot, s.m.id, s.m.path, at, samplerId);
          return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8})`;
        });
        return { text: `INSERT INTO samples (client_id, round_id, tube_id, slot, person_id, path, collected_at, sampler_id) VALUES ${rows.join(',')}`, values };
      },
      n: samples.length,
    };
  });
}

type CpuCost = ReturnType<typeof cpuPerThousand>;
const cpuText = (c: CpuCost) => `Node ${c.nodeMs} ms, PostgreSQL ${c.postgresMs ?? '?'} ms`;
const cpuMetrics = (c: CpuCost) => ({ cpuNodeMsPer1000: c.nodeMs, ...(c.postgresMs === null ? {} : { cpuPostgresMsPer1000: c.postgresMs }) });

async function rawInsert(url: string, statements: ReturnType<typeof baselineStatements>, concurrency: number) {
  const pool = new pg.Pool({ connectionString: url, max: concurrency });
  const clients = await Promise.all(Array.from({ length: concurrency }, () => pool.connect()));
  const latencies: number[] = [];
  let next = 0;
  let registrations = 0;
  const cpu0 = cpuSnapshot();
  const t0 = performance.now();
  await Promise.all(
    clients.map(async (c) => {
      for (let k = next++; k < statements.length; k = next++) {
        const s = statements[k];
        const t = performance.now();
        await c.query('BEGIN');
        const ids = new Map((await c.query<{ id: string; code: string }>(s.tubes)).rows.map((r) => [r.code, Number(r.id)]));
        await c.query(s.samples(ids));
        await c.query('COMMIT');
        latencies.push(performance.now() - t);
        registrations += s.n;
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  const cpu = cpuPerThousand(cpu0, registrations); // before the pool ends: an ended backend's CPU is no longer in /proc
  clients.forEach((c) => c.release());
  await pool.end();
  return { registrations, seconds: secs, latencies, cpu };
}

export async function run(opts: BenchOptions): Promise<BenchResult> {
  if (opts.engine !== 'postgres') throw new Error('ingest measures PostgreSQL (DESIGN §15)');
  const people = Number(opts.args.people ?? (opts.xl ? 1_000_000 : 200_000));
  const batchSize = Number(opts.args.batch ?? 1000);
  const concurrencies = (opts.args.concurrency ?? '2,4,6,8').split(',').map(Number);
  const city = await openCity(opts.engine, opts.args, people, 'ingest');
  const server = await startServer(city);
  const tag = runTag();
  try {
    const residents = await residentsInTreeOrder(city.db);
    const allTubes = await poolTubes(city.db, residents, POOL);
    const wanted = Math.min(Number(opts.args.registrations ?? residents.length), residents.length);
    const tubes: Tube[] = [];
    let registrations = 0;
    for (const t of allTubes) {
      if (registrations >= wanted) break;
      tubes.push(t);
      registrations += t.members.length;
    }
    const batches = batchesOfTubes(tubes, batchSize);
    const ranges = tubeRanges(batches);
    const trialBatches = Math.min(batches.length, Math.max(10, Math.round(Number(opts.args['trial-registrations'] ?? 40_000) / batchSize)));
    const trialRegs = batches.slice(0, trialBatches).reduce((s, b) => s + b.reduce((n, t) => n + t.members.length, 0), 0);
    console.error(`  ${registrations.toLocaleString('en')} registrations in ${tubes.length.toLocaleString('en')} tubes, ${batches.length} batches of ≤ ${batchSize}`);

    const samplerId = (await city.db.kysely.selectFrom('users').select('id').where('username', '=', 'bench-sampler').executeTakeFirstOrThrow()).id;
    const load = startRegistrationLoad(server.url, await server.token('bench-sampler'), tubePlan(allTubes, POOL));
    try {
      // Warm-up (JIT, connection pools, caches) in a throwaway round.
      const warm = await newRound(city, `ingest-${tag}-warmup`);
      checkRun(await load.run({ roundId: warm, prefix: `W${tag}`, batches: ranges.slice(0, 5), concurrency: 2, pregenerate: true }), batches.slice(0, 5).flat().reduce((n, t) => n + t.members.length, 0), 'warm-up');

      const trials: Trial[] = [];
      for (const c of concurrencies) {
        const roundId = await newRound(city, `ingest-${tag}-c${c}`);
        const r = await load.run({ roundId, prefix: `C${c}${tag}`, batches: ranges.slice(0, trialBatches), concurrency: c, pregenerate: true });
        checkRun(r, trialRegs, `trial at concurrency ${c}`);
        trials.push(summarize(c, r));
        console.error(`  trial, ${c} connections: ${trials.at(-1)!.perSecond.toLocaleString('en')} registrations/s, p50 ${trials.at(-1)!.p50} ms, p99 ${trials.at(-1)!.p99} ms`);
      }
      const best = trials.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));

      const roundId = await newRound(city, `ingest-${tag}`);
      console.error(`  measured run: ${registrations.toLocaleString('en')} registrations at ${best.concurrency} connections`);
      const cpu0 = cpuSnapshot();
      const main = await load.run({ roundId, prefix: `I${tag}`, batches: ranges, concurrency: best.concurrency, pregenerate: true });
      const cpu = cpuPerThousand(cpu0, main.registrations);
      checkRun(main, registrations, 'measured run');
      const measured = summarize(best.concurrency, main);
      const counts = await verify(city, roundId, tubes, registrations);
      console.error(`  API: ${measured.perSecond.toLocaleString('en')} registrations/s, p50 ${measured.p50} ms, p99 ${measured.p99} ms, CPU per 1,000: ${cpuText(cpu)}; verified ${JSON.stringify(counts)}`);

      // Baseline: raw INSERTs of the rows the API stored (with the sampler), its own best concurrency on the same trial size, then the full run.
      const baseTrials: Trial[] = [];
      for (const c of concurrencies) {
        const r = await newRound(city, `ingest-${tag}-raw-c${c}`);
        baseTrials.push(summarize(c, await rawInsert(city.url!, baselineStatements(batches.slice(0, trialBatches), r, `R${c}${tag}`, samplerId), c)));
      }
      const baseBest = baseTrials.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
      const rawRound = await newRound(city, `ingest-${tag}-raw`);
      const t0 = process.hrtime.bigint();
      const statements = baselineStatements(batches, rawRound, `X${tag}`, samplerId);
      const buildSeconds = seconds(t0);
      const raw = await rawInsert(city.url!, statements, baseBest.concurrency);
      const baseline = summarize(baseBest.concurrency, raw);
      console.error(`  raw INSERT: ${baseline.perSecond.toLocaleString('en')} rows/s at ${baseline.concurrency} connections, p50 ${baseline.p50} ms, p99 ${baseline.p99} ms, CPU per 1,000: ${cpuText(raw.cpu)} (statements built in ${buildSeconds.toFixed(1)} s, not timed)`);

      return {
        params: {
          people: city.people, registrations, tubes: tubes.length, poolSize: POOL, batchSize, batches: batches.length, concurrencyTried: concurrencies,
          trialRegistrations: trialRegs, seedSeconds: Math.round(city.seedSeconds), target: '>= 20,000 registrations/s and ratio >= 0.5',
        },
        metrics: {
          registrationsPerSecond: measured.perSecond, seconds: measured.seconds, concurrency: measured.concurrency, batchP50ms: measured.p50, batchP99ms: measured.p99,
          ...cpuMetrics(cpu),
          ...Object.fromEntries(trials.map((t) => [`trialPerSecond_c${t.concurrency}`, t.perSecond])),
        },
        baseline: {
          rowsPerSecond: baseline.perSecond, seconds: baseline.seconds, concurrency: baseline.concurrency, batchP50ms: baseline.p50, batchP99ms: baseline.p99,
          ...cpuMetrics(raw.cpu),
          ...Object.fromEntries(baseTrials.map((t) => [`trialPerSecond_c${t.concurrency}`, t.perSecond])),
        },
        ratio: measured.perSecond / baseline.perSecond,
      };
    } finally {
      await load.close();
    }
  } finally {
    await server.close();
    await city.drop();
  }
}
