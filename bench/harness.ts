// Shared benchmark plumbing (DESIGN §15): fresh migrated databases on the chosen engine, and the
// result file bench/results/<name>.json {name, params, metrics, baseline, ratio, db, cpus, memoryMB}.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import pg from 'pg';
import { openDatabase, type Db, type Engine } from '../server/platform/db.ts';
import { migrate } from '../server/platform/migrate.ts';

export interface BenchOptions {
  xl: boolean;
  engine: Engine;
  args: Record<string, string>;
}

export interface BenchResult {
  params: Record<string, unknown>;
  metrics: Record<string, number>;
  baseline: Record<string, number>;
  /** The headline ratio: this system's figure over the same-run baseline's (higher is better). */
  ratio: number;
}

export interface BenchDb {
  db: Db;
  url: string | null;
  drop(): Promise<void>;
}

const adminUrl = () => process.env.CORDON_BENCH_PG_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function freshDb(engine: Engine): Promise<BenchDb> {
  if (engine === 'pglite') {
    const db = await openDatabase({ databaseUrl: null, dataDir: '', inMemory: true });
    await migrate(db);
    return { db, url: null, drop: () => db.close() };
  }
  const name = `cordon_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(adminUrl());
  u.pathname = '/' + name;
  const db = await openDatabase({ databaseUrl: u.toString(), dataDir: '', poolSize: 10 });
  await migrate(db);
  return {
    db,
    url: u.toString(),
    async drop() {
      await db.close();
      const c = new pg.Client({ connectionString: adminUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export function writeResult(name: string, engine: Engine, r: BenchResult): string {
  const out = {
    name,
    params: r.params,
    metrics: r.metrics,
    baseline: r.baseline,
    ratio: Math.round(r.ratio * 1000) / 1000,
    db: engine === 'postgres' ? 'postgresql' : 'pglite',
    cpus: cpus().length,
    memoryMB: Math.round(totalmem() / 1024 / 1024),
  };
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${name}.json`;
  writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
  return file;
}

export const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;
