// The screening commands as a site that worked on paper and a lab run them: `import samples`,
// `import lab-results` (which returns only after the pool-positive follow-up), `round status`,
// `analyze pool` — bin/cordon in a child process, on a PGlite data dir and on PostgreSQL.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cordon } from './run-cordon.ts';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createTestDb, type TestDb } from '../server/testing/engines.ts';
import { describeEachEngine } from '../server/testing/app.ts';
import { openDatabase } from '../server/platform/db.ts';
import { parseFhirLabBundle } from '../domain/fhir.ts';

describeEachEngine('cordon screening CLI', (engine) => {
  let dir: string;
  let testDb: TestDb | null = null;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cordon-cli-screening-'));
    env = { CORDON_DATA_DIR: join(dir, 'data'), CORDON_SECRET: 'cli-test-secret-cli-test-secret-012345' };
    if (engine === 'postgres') {
      testDb = await createTestDb('postgres', 'empty');
      await testDb.db.close();
      env.DATABASE_URL = testDb.databaseUrl!;
    } else env.DATABASE_URL = '';
  });
  afterAll(async () => {
    if (testDb) await testDb.drop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  /** Reads the database between commands (the CLI is not running then). */
  async function query<T>(text: ReturnType<typeof sql<T>>): Promise<T[]> {
    const db = await openDatabase({ databaseUrl: env.DATABASE_URL || null, dataDir: env.CORDON_DATA_DIR, poolSize: 1 });
    try {
      return (await text.execute(db.kysely)).rows;
    } finally {
      await db.close();
    }
  }

  it('imports a paper site’s samples, then a lab’s results with a positive pool, and reports the round', async () => {
    const seeded = await cordon(['seed', 'demo', '--people', '300', '--seed', '3'], env);
    expect(seeded.code, seeded.stderr).toBe(0);
    const people = await query(sql<{ id_number: string }>`SELECT id_number FROM persons WHERE id_type = 'id_card' AND household_id IS NOT NULL ORDER BY id LIMIT 3`);
    const [site] = await query(sql<{ code: string }>`SELECT code FROM facilities WHERE kind = 'sampling_site' ORDER BY code LIMIT 1`);
    const [lab] = await query(sql<{ code: string }>`SELECT code FROM facilities WHERE kind = 'lab' ORDER BY code LIMIT 1`);

    const samples = join(dir, 'samples.csv');
    writeFileSync(
      samples,
      [
        'sample_id,round,tube_code,tube_kind,pool_size,id_number,collected_at,site_code',
        ...people.map((p, i) => `S${i + 1},纸质轮次,CLITUBE1,pool,10,${p.id_number},2026-12-01 09:0${i},${site.code}`),
        `S9,纸质轮次,CLITUBE2,pool,10,990101199001011234,2026-12-01 09:10,${site.code}`,
        `S10,纸质轮次,CLITUBE3,bucket,10,${people[0].id_number},2026-12-01 09:11,`,
      ].join('\n') + '\n',
    );
    const imported = await cordon(['import', 'samples', samples], env);
    expect(imported.code, imported.stderr).toBe(0);
    const summary = JSON.parse(imported.stdout);
    expect(summary).toMatchObject({ accepted: 3, created: 3, rejected: 2, roundsCreated: ['纸质轮次'] });
    expect(summary.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([[5, 'SAMPLE_PERSON_UNKNOWN'], [6, 'SAMPLE_TUBE_KIND_INVALID']]);

    const again = await cordon(['import', 'samples', samples], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ accepted: 3, created: 0, replayed: 3, roundsCreated: [] });
    const [stored] = await query(sql<{ n: number }>`SELECT count(*)::int AS n FROM samples`);
    expect(stored.n).toBeGreaterThanOrEqual(3);
    const [tube] = await query(sql<{ members: number }>`SELECT members FROM tubes WHERE code = 'CLITUBE1'`);
    expect(tube.members).toBe(3);

    const results = join(dir, 'results.csv');
    writeFileSync(results, `tube_code,result,ct_orf1ab,ct_n,tested_at,lab_code\nCLITUBE1,阳性,27.5,29.1,2026-12-01 18:00,${lab.code}\nNOSUCHTUBE,阴性,,,,\nCLITUBE1,positive,abc,,,\n`);
    const labRun = await cordon(['import', 'lab-results', results], env);
    expect(labRun.code, labRun.stderr).toBe(0);
    expect(JSON.parse(labRun.stdout)).toMatchObject({ accepted: 1, unmatched: 1, rejected: 1, positivePools: 1, membersControlled: 3, retestTasks: 3 });

    const status = await cordon(['round', 'status', '纸质轮次'], env);
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      round: '纸质轮次', sampled: 3, tubes: 1, tubesWithResult: 1, positivePools: 1, membersControlled: 3, retestTasks: 3, retestsDone: 0,
    });
    expect(JSON.parse(status.stdout).expected).toBeGreaterThan(0);

    // The results go out again as the import's columns and as a FHIR R4 Bundle that reads back the same.
    const csvOut = await cordon(['export', 'lab-results', '--round', '纸质轮次', '--format', 'csv'], env);
    expect(csvOut.code, csvOut.stderr).toBe(0);
    expect(csvOut.stdout).toContain('tube_code,result,ct_orf1ab,ct_n,tested_at,lab_code,instrument');
    expect(csvOut.stdout).toContain(`CLITUBE1,positive,27.5,29.1,`);
    const fhirOut = await cordon(['export', 'lab-results', '--round', '纸质轮次', '--format', 'fhir'], env);
    const parsed = parseFhirLabBundle(JSON.parse(fhirOut.stdout));
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map((r) => r.fields)).toEqual([expect.objectContaining({ tubeCode: 'CLITUBE1', result: 'positive', ctOrf1ab: 27.5, ctN: 29.1, labCode: lab.code })]);

    const missing = await cordon(['round', 'status', '没有这个轮次'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('ROUND_NOT_FOUND');
  }, 240_000); // a dozen CLI processes, each starting the embedded database

  it('simulates a whole round over a district through the services', async () => {
    const r = await cordon(['simulate', 'round', '--place', '990101', '--name', 'CLI模拟轮', '--positive-pools', '1'], env);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ round: 'CLI模拟轮', positivePools: 1 });
    expect(out.registrations).toBeGreaterThan(0);
    const status = JSON.parse((await cordon(['round', 'status', 'CLI模拟轮'], env)).stdout);
    expect(status).toMatchObject({ positivePools: 1, membersControlled: out.membersControlled, retestsDone: status.retestTasks });
    const again = await cordon(['simulate', 'round', '--place', '990101', '--name', 'CLI模拟轮'], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('ROUND_NAME_TAKEN');
  }, 180_000);

  it('advises a pool size', async () => {
    const r = await cordon(['analyze', 'pool', '--prevalence', '0.01'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ bestPoolSize: 11 });
  });
});
