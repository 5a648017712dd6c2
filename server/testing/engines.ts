// Every database test runs on both engines: PGlite (loaded from a migrated template snapshot, so a
// test file does not pay for initdb) and PostgreSQL (a fresh database cloned from a migrated template).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { openDatabase, type Db, type Engine } from '../platform/db.ts';

export const ENGINES: Engine[] = process.env.CORDON_TEST_ENGINES
  ? (process.env.CORDON_TEST_ENGINES.split(',') as Engine[])
  : ['pglite', 'postgres'];

export function testPostgresUrl(database = 'test'): string {
  const base = process.env.CORDON_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const u = new URL(base);
  u.pathname = '/' + database;
  return u.toString();
}

export interface TestDb {
  db: Db;
  engine: Engine;
  /** Connection settings to hand to a child process (CLI tests): a PostgreSQL URL, or null for PGlite. */
  databaseUrl: string | null;
  drop(): Promise<void>;
}

/** The instance secret of test apps (keyed hashes in the templates are made with it). */
export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';

/** People in the seeded demo city of the `demo` template: small, so tests stay fast. */
export const TEST_DEMO_PEOPLE = 600;

export type TemplateVariant = 'empty' | 'demo';

export async function createTestDb(engine: Engine, variant: TemplateVariant = 'demo'): Promise<TestDb> {
  if (engine === 'pglite') {
    const file = process.env[`CORDON_TEST_PGLITE_${variant.toUpperCase()}`]!;
    const db = await openDatabase({ databaseUrl: null, dataDir: '', pgliteDump: new Blob([readFileSync(file)]) });
    return { db, engine, databaseUrl: null, drop: () => db.close() };
  }
  return createPostgresDb(process.env[`CORDON_TEST_PG_${variant.toUpperCase()}`]!);
}

/** A database with nothing in it, not even the migrations (tests of the migration runner). */
export async function createBlankDb(engine: Engine): Promise<TestDb> {
  if (engine === 'pglite') {
    const db = await openDatabase({ databaseUrl: null, dataDir: '', inMemory: true });
    return { db, engine, databaseUrl: null, drop: () => db.close() };
  }
  return createPostgresDb('template0');
}

async function createPostgresDb(template: string): Promise<TestDb> {
  const engine: Engine = 'postgres';
  const name = `cordon_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testPostgresUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  const databaseUrl = testPostgresUrl(name);
  const db = await openDatabase({ databaseUrl, dataDir: '', poolSize: 5 });
  return {
    db,
    engine,
    databaseUrl,
    async drop() {
      await db.close();
      const c = new pg.Client({ connectionString: testPostgresUrl() });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
