// Builds the migrated templates once per test run (and reuses them while the migrations and the demo
// generators in sim/ are unchanged).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../platform/db.ts';
import { migrate, readMigrations } from '../platform/migrate.ts';
import { ENGINES, testPostgresUrl, TEST_DEMO_PEOPLE, TEST_SECRET } from './engines.ts';
import { seedDemoCity } from '../../sim/seed-demo.ts';
import type { Db } from '../platform/db.ts';

async function prepare(db: Db, variant: 'empty' | 'demo', migrations: ReturnType<typeof readMigrations>) {
  await migrate(db, migrations);
  if (variant === 'demo')
    await seedDemoCity({ db, clock: () => new Date(), secret: TEST_SECRET, timeZone: 'Asia/Shanghai' }, { userId: null, username: 'system', requestId: null }, { people: TEST_DEMO_PEOPLE, seed: 1 });
}

/** The generators of the demo template (city, people, the demo round): a change to them rebuilds the templates. */
function seedSources(): string {
  const dir = resolve('sim');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort()
    .map((f) => `${f}:${createHash('sha256').update(readFileSync(`${dir}/${f}`)).digest('hex')}`)
    .join();
}

export default async function setup() {
  const migrations = readMigrations();
  const digest = createHash('sha256').update(migrations.map((m) => m.checksum).join()).update(seedSources()).digest('hex').slice(0, 12);
  if (ENGINES.includes('pglite')) {
    const dir = resolve('.tmp');
    mkdirSync(dir, { recursive: true });
    for (const variant of ['empty', 'demo'] as const) {
      const file = `${dir}/pglite-${variant}-${digest}.tar`;
      if (!existsSync(file)) {
        const db = await openDatabase({ databaseUrl: null, dataDir: '', inMemory: true });
        await prepare(db, variant, migrations);
        const blob = await db.dump!();
        writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
        await db.close();
      }
      process.env[`CORDON_TEST_PGLITE_${variant.toUpperCase()}`] = file;
    }
  }
  if (ENGINES.includes('postgres')) {
    const admin = new pg.Client({ connectionString: testPostgresUrl() });
    try {
      await admin.connect();
    } catch (err) {
      throw new Error(
        `PostgreSQL is not reachable at ${testPostgresUrl()} (${(err as Error).message}). ` +
          `Start it (pg_ctlcluster … main start) or set CORDON_TEST_ENGINES=pglite to run only the embedded engine.`,
      );
    }
    try {
      for (const variant of ['empty', 'demo'] as const) {
      const template = `cordon_tpl_${variant}_${digest}`;
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (exists.rowCount === 0) {
        const building = `${template}_build_${process.pid}`;
        await admin.query(`DROP DATABASE IF EXISTS ${building}`);
        await admin.query(`CREATE DATABASE ${building}`);
        const db = await openDatabase({ databaseUrl: testPostgresUrl(building), dataDir: '' });
        await prepare(db, variant, migrations);
        await db.close();
        // Renamed only when complete, so a half-built template is never cloned.
        await admin.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
      }
      process.env[`CORDON_TEST_PG_${variant.toUpperCase()}`] = template;
      }
    } finally {
      await admin.end();
    }
  }
}
