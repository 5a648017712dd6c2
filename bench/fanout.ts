// fanout: pool results to members (DESIGN §15: 1 M pooled results to 10 M people < 60 s). Setup, not
// timed: a city written straight into the tables (bulk-city.ts) and a round whose residents are all
// sampled in pooled tubes of 10–20 (default 100,000 tubes ≈ 1.5 M members; --xl: 1,000,000 tubes of 10
// over 10 M people). Timed: a results sheet for every tube (0.3 % positive pools by default) through
// recordResultRows — the path of `cordon import lab-results` and POST /api/screening/results: per
// batch of 2,000, validation, tube look-up, result rows, tube state, retests settled, and for the
// positive pools every member controlled (yellow, with its basis), a status change and a retest task
// for the team of their building — as the city's lab. Projected time for the target scale from the
// measured rate. Baseline in the same run and database: the same lab_results rows as raw multi-row
// INSERTs plus the UPDATE of their tubes, one transaction per 2,000, on one connection (as the service).
import { sql } from 'kysely';
import pg from 'pg';
import { recordResultRows, type ResultRow } from '../server/modules/screening/result-service.ts';
import type { ScreeningDeps } from '../server/modules/screening/round-service.ts';
import { bulkCity, bulkPooledRound } from './bulk-city.ts';
import { freshDb, seconds, type BenchOptions, type BenchResult } from './harness.ts';
import { benchUsers, BENCH_SECRET, newRound, runTag, type City } from './screening-setup.ts';

const BATCH = 2000; // recordResultRows' batch

export async function run(opts: BenchOptions): Promise<BenchResult> {
  if (opts.engine !== 'postgres') throw new Error('fanout measures PostgreSQL');
  const tubesWanted = Number(opts.args.tubes ?? (opts.xl ? 1_000_000 : 100_000));
  const minPool = Number(opts.args['min-pool'] ?? (opts.xl ? 10 : 10));
  const maxPool = Number(opts.args['max-pool'] ?? (opts.xl ? 10 : 20));
  const positiveRate = Number(opts.args['positive-rate'] ?? 0.003);
  // Enough residents for every tube (household sizes average 2.6 in both generators).
  const people = Number(opts.args.people ?? Math.ceil((tubesWanted * (minPool + maxPool)) / 2 * 1.02));
  const fresh = await freshDb('postgres');
  const db = fresh.db;
  try {
    const log = (m: string) => console.error(m);
    log(`fanout: setting up ${tubesWanted.toLocaleString('en')} pooled tubes of ${minPool}–${maxPool} over a ${people.toLocaleString('en')}-person city (not timed)`);
    let t0 = process.hrtime.bigint();
    const made = await bulkCity(db, fresh.url!, people, log);
    const cityRow = await db.kysely.selectFrom('places').select(['id', 'code', 'path']).where('kind', '=', 'city').executeTakeFirstOrThrow();
    const actors = await benchUsers(db, cityRow.code);
    const deps: ScreeningDeps = { db, clock: () => new Date(), secret: BENCH_SECRET, timeZone: 'Asia/Shanghai' };
    const city = { db, deps, admin: actors.admin, city: cityRow } as unknown as City;
    const tag = runTag();
    const t1 = process.hrtime.bigint();
    const roundId = await newRound(city, `fanout-${tag}`);
    log(`  round created and planned by the service (${seconds(t1).toFixed(1)} s); tubes and samples (INSERT … SELECT)`);
    const pooled = await bulkPooledRound(db, roundId, { tubes: tubesWanted, minPool, maxPool, prefix: `F${tag}`, at: new Date(Date.now() - 6 * 3_600_000), log });
    const setupSeconds = seconds(t0);
    log(`  ${made.places.toLocaleString('en')} places, ${made.persons.toLocaleString('en')} people, ${pooled.tubes.toLocaleString('en')} tubes, ${pooled.members.toLocaleString('en')} members (setup ${setupSeconds.toFixed(0)} s)`);

    // The lab's sheet: every tube, a few pools positive (evenly spread), each tube to the lab of its district.
    const tubes = (
      await sql<{ id: number; code: string; members: number; lab: string | null }>`
        SELECT t.id, t.code, t.members, f.code AS lab FROM tubes t LEFT JOIN facilities f ON f.id = t.lab_id WHERE t.round_id = ${roundId} ORDER BY t.id`.execute(db.kysely)
    ).rows;
    const every = Math.max(1, Math.round(1 / positiveRate));
    const testedAt = new Date(Date.now() - 3_600_000).toISOString();
    const positive = (i: number) => i % every === every >> 1;
    const rows: ResultRow[] = tubes.map((t, i) => ({
      row: i + 2,
      fields: positive(i)
        ? { tubeCode: t.code, result: 'positive', ctOrf1ab: 28.4, ctN: 30.1, testedAt, labCode: t.lab }
        : { tubeCode: t.code, result: 'negative', ctOrf1ab: null, ctN: null, testedAt, labCode: t.lab },
    }));
    const positiveTubes = tubes.filter((_, i) => positive(i));
    const positiveMembers = positiveTubes.reduce((s, t) => s + t.members, 0);

    log(`  recordResultRows: ${rows.length.toLocaleString('en')} results, ${positiveTubes.length} positive pools (${positiveMembers.toLocaleString('en')} members)`);
    const lab = { all: false as const, paths: [cityRow.path] };
    t0 = process.hrtime.bigint();
    let reported = 0;
    const summary = await recordResultRows(deps, actors.lab, lab, rows, 'file', (s) => {
      if (s.accepted - reported >= 100_000) log(`    ${(reported = s.accepted).toLocaleString('en')} results, ${seconds(t0).toFixed(1)} s`);
    });
    const serviceSeconds = seconds(t0);
    const check = (
      await sql<{ reported: number; controls: number; retests: number; yellow: number }>`
        SELECT (SELECT count(*) FROM tubes WHERE round_id = ${roundId} AND result IS NOT NULL)::int AS reported,
          (SELECT count(*) FROM screening_controls WHERE round_id = ${roundId})::int AS controls,
          (SELECT count(*) FROM retest_tasks WHERE round_id = ${roundId} AND reason = 'pool_positive')::int AS retests,
          (SELECT count(*) FROM status_changes WHERE rule = 'pool_positive')::int AS yellow`.execute(db.kysely)
    ).rows[0];
    const problems = [
      summary.accepted !== rows.length && `accepted ${summary.accepted} of ${rows.length} (${JSON.stringify(summary.errors.slice(0, 3))})`,
      check.reported !== tubes.length && `tubes with a result ${check.reported} ≠ ${tubes.length}`,
      summary.positivePools !== positiveTubes.length && `positive pools ${summary.positivePools} ≠ ${positiveTubes.length}`,
      check.controls !== positiveMembers && `controls ${check.controls} ≠ members of positive pools ${positiveMembers}`,
      check.retests !== positiveMembers && `retest tasks ${check.retests} ≠ ${positiveMembers}`,
      check.yellow !== positiveMembers && `status changes ${check.yellow} ≠ ${positiveMembers}`,
    ].filter(Boolean);
    if (problems.length) throw new Error(`fanout verification failed: ${problems.join('; ')}`);
    log(`  service: ${serviceSeconds.toFixed(1)} s, ${Math.round(rows.length / serviceSeconds).toLocaleString('en')} results/s; verified ${JSON.stringify(check)}`);

    // Baseline: the same lab_results rows and tube updates, raw, same batch size, built before the clock.
    const labIds = new Map((await db.kysely.selectFrom('facilities').select(['id', 'code']).where('kind', '=', 'lab').execute()).map((l) => [l.code, l.id]));
    const reportedAt = new Date().toISOString();
    const statements: { insert: pg.QueryConfig; update: pg.QueryConfig }[] = [];
    for (let i = 0; i < tubes.length; i += BATCH) {
      const part = tubes.slice(i, i + BATCH);
      const ins: unknown[] = [];
      const upd: unknown[] = [];
      const insRows: string[] = [];
      const updRows: string[] = [];
      part.forEach((t, j) => {
        const f = rows[i + j].fields;
        const b = ins.length;
        ins.push(t.id, roundId, f.result, f.ctOrf1ab ?? null, f.ctN ?? null, testedAt, reportedAt, t.lab ? labIds.get(t.lab) : null, actors.lab.userId);
        insRows.push(`($${b + 1}::bigint, $${b + 2}::bigint, $${b + 3}, $${b + 4}::numeric, $${b + 5}::numeric, $${b + 6}::timestamptz, $${b + 7}::timestamptz, $${b + 8}::bigint, 'file', $${b + 9}::bigint)`);
        const u = upd.length;
        upd.push(t.id, f.result, t.lab ? labIds.get(t.lab) : null);
        updRows.push(`($${u + 1}::bigint, $${u + 2}, $${u + 3}::bigint)`);
      });
      statements.push({
        insert: { text: `INSERT INTO lab_results (tube_id, round_id, result, ct_orf1ab, ct_n, tested_at, reported_at, lab_id, source, reported_by) VALUES ${insRows.join(',')}`, values: ins },
        update: { text: `UPDATE tubes t SET result = v.result, reported_at = now(), lab_id = v.lab_id FROM (VALUES ${updRows.join(',')}) AS v(id, result, lab_id) WHERE t.id = v.id`, values: upd },
      });
    }
    const client = new pg.Client({ connectionString: fresh.url! });
    await client.connect();
    t0 = process.hrtime.bigint();
    for (const s of statements) {
      await client.query('BEGIN');
      await client.query(s.insert);
      await client.query(s.update);
      await client.query('COMMIT');
    }
    const rawSeconds = seconds(t0);
    await client.end();
    log(`  raw INSERT + UPDATE: ${rawSeconds.toFixed(1)} s, ${Math.round(tubes.length / rawSeconds).toLocaleString('en')} results/s`);

    const resultsPerSecond = rows.length / serviceSeconds;
    const membersPerSecond = pooled.members / serviceSeconds;
    // The target scale: 1 M pooled results reaching 10 M people. Both rates project it; the slower one is reported.
    const projected = Math.max(1_000_000 / resultsPerSecond, 10_000_000 / membersPerSecond);
    return {
      params: {
        people: made.persons, places: made.places, tubes: tubes.length, members: pooled.members, minPool, maxPool, positiveRate, batch: BATCH,
        setupSeconds: Math.round(setupSeconds), target: '1,000,000 pooled results to 10,000,000 people < 60 s',
      },
      metrics: {
        seconds: Math.round(serviceSeconds * 100) / 100,
        resultsPerSecond: Math.round(resultsPerSecond),
        membersPerSecond: Math.round(membersPerSecond),
        positivePools: summary.positivePools,
        membersControlled: summary.membersControlled,
        retestTasks: summary.retestTasks,
        projectedSecondsFor1MResults10MPeople: Math.round(projected * 10) / 10,
      },
      baseline: { seconds: Math.round(rawSeconds * 100) / 100, resultsPerSecond: Math.round(tubes.length / rawSeconds) },
      ratio: rawSeconds / serviceSeconds,
    };
  } finally {
    await fresh.drop();
  }
}
