// The CLI as a user runs it: bin/cordon in a child process, on a PGlite data dir and on PostgreSQL.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cordon } from './run-cordon.ts';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDb, type TestDb } from '../server/testing/engines.ts';
import { describeEachEngine } from '../server/testing/app.ts';
import { acquireDataDirLock } from '../server/platform/data-dir-lock.ts';

describeEachEngine('cordon CLI', (engine) => {
  let dir: string;
  let testDb: TestDb | null = null;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cordon-cli-'));
    env = { CORDON_DATA_DIR: join(dir, 'data'), CORDON_SECRET: 'cli-test-secret-cli-test-secret-012345' };
    if (engine === 'postgres') {
      testDb = await createTestDb('postgres', 'empty');
      await testDb.db.close(); // the CLI opens its own connections
      env.DATABASE_URL = testDb.databaseUrl!;
    } else env.DATABASE_URL = '';
  });
  afterAll(async () => {
    if (testDb) await testDb.drop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  it('seeds the demo city, imports places with row errors, exports and adds a user', async () => {
    const seeded = await cordon(['seed', 'demo', '--people', '300', '--seed', '7'], env);
    expect(seeded.code, seeded.stderr).toBe(0);
    const seedSummary = JSON.parse(seeded.stdout);
    expect(seedSummary.users).toContain('admin');
    expect(seedSummary.places).toBeGreaterThan(50);
    expect(seeded.stderr).toContain('cordon-demo');

    const again = await cordon(['seed', 'demo', '--people', '300'], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('SEED_NOT_EMPTY');

    const csv = join(dir, 'places.csv');
    writeFileSync(csv, '编码,上级编码,类型,名称,排序\nNEW1,990100,区,新城区,20\nNEW2,MISSING,街道,坏街道,1\nNEW3,NEW1,街道,新城街道,x\nNEW4,NEW1,街道,新城街道,2\n');
    const imported = await cordon(['import', 'places', csv], env);
    expect(imported.code, imported.stderr).toBe(0);
    const summary = JSON.parse(imported.stdout);
    expect(summary).toMatchObject({ accepted: 2, created: 2, rejected: 2 });
    expect(summary.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([
      [3, 'PLACE_PARENT_UNKNOWN'],
      [4, 'PLACE_SORT_ORDER_INVALID'],
    ]);

    const exported = await cordon(['export', 'places', '--format', 'csv', '--root', 'NEW1'], env);
    expect(exported.code, exported.stderr).toBe(0);
    const lines = exported.stdout.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('code,parent_code,kind,name,sort_order,lat,lng,capacity,capacity_per_hour,site_mode');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['NEW1,990100,district', 'NEW4,NEW1,subdistrict']);

    const user = await cordon(['users', 'add', 'zhang', '--role', 'grid_worker@NEW1', '--password', 'long-enough-pw'], env);
    expect(user.code, user.stderr).toBe(0);
    expect(JSON.parse(user.stdout)).toMatchObject({ username: 'zhang', roles: [{ role: 'grid_worker', placeCode: 'NEW1' }] });
    const badRole = await cordon(['users', 'add', 'li', '--role', 'wizard', '--password', 'long-enough-pw'], env);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('ROLE_UNKNOWN');
  }, 180_000); // the seed includes the demo city's testing round

  it('rejects an unreadable file and unknown import kinds with a clear error', async () => {
    const bad = join(dir, 'places.txt');
    writeFileSync(bad, 'x');
    const r = await cordon(['import', 'places', bad], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('IMPORT_FORMAT_UNKNOWN');
    const k = await cordon(['import', 'widgets', bad], env);
    expect(k.stderr).toContain('IMPORT_KIND_UNKNOWN');
  });

  if (engine === 'pglite') {
    it('fails at once when another process holds the embedded database', async () => {
      const lock = acquireDataDirLock(env.CORDON_DATA_DIR);
      try {
        const r = await cordon(['migrate'], env);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/in use by another Cordon process \(pid \d+\)/);
      } finally {
        lock.release();
      }
    });
  }
});
