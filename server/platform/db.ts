// One database interface over two engines: PGlite (PostgreSQL in WASM, embedded, the default) and
// PostgreSQL (DATABASE_URL, pooled). Queries are written once with Kysely and run on both.
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import type { Database } from './db-types.ts';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';

export type Engine = 'pglite' | 'postgres';
export type Tx = Transaction<Database>;
export type Queryable = Kysely<Database>;

export interface Db {
  engine: Engine;
  kysely: Kysely<Database>;
  /** Run a multi-statement SQL script (migrations) inside the given transaction. */
  execScript(tx: Tx, script: string): Promise<void>;
  /** Pool statistics for /metrics (PGlite has one connection). */
  poolStats(): { total: number; idle: number; waiting: number };
  /** PGlite only: a snapshot of the whole database (tests load a migrated template from it). */
  dump?: () => Promise<Blob>;
  close(): Promise<void>;
}

// Same JS types from both engines: int8 (ids, counts) as number, numeric as number,
// date as 'YYYY-MM-DD' text (never a Date at UTC midnight, see DESIGN §13 on days).
const OID = { int8: 20, numeric: 1700, date: 1082 } as const;
const toNumber = (v: string) => Number(v);
const asIs = (v: string) => v;
const PGLITE_PARSERS = { [OID.int8]: toNumber, [OID.numeric]: toNumber, [OID.date]: asIs };

function pgTypes(): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: string) => {
      if (oid === OID.int8 || oid === OID.numeric) return toNumber;
      if (oid === OID.date) return asIs;
      return pg.types.getTypeParser(oid, format as 'text');
    }) as pg.CustomTypesConfig['getTypeParser'],
  };
}

export interface OpenOptions {
  databaseUrl: string | null;
  dataDir: string;
  /** In-memory PGlite from a dump (tests); ignores dataDir. */
  pgliteDump?: Blob;
  /** PGlite in memory, nothing on disk. */
  inMemory?: boolean;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Db> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.poolSize ?? 10) : openPglite(opts);
}

async function openPostgres(url: string, max: number): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max, types: pgTypes() });
  pool.on('error', () => {
    /* an idle client died (server restart); the pool replaces it and /readyz reports the outage */
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    engine: 'postgres',
    kysely,
    async execScript(tx, script) {
      // No parameters → node-postgres uses the simple protocol, which accepts several statements.
      await sql.raw(script).execute(tx);
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => kysely.destroy(),
  };
}

/**
 * PGlite has exactly one connection. Kysely asks a pool for a connection per query and holds it for
 * a whole transaction, so the pool below hands out that one connection under a mutex: a query from
 * another request waits instead of running inside someone else's transaction.
 */
async function openPglite(opts: OpenOptions): Promise<Db> {
  let lock: DataDirLock | null = null;
  let pglite: PGlite;
  if (opts.pgliteDump) {
    pglite = await PGlite.create({ loadDataDir: opts.pgliteDump, parsers: PGLITE_PARSERS });
  } else if (opts.inMemory) {
    pglite = await PGlite.create({ parsers: PGLITE_PARSERS });
  } else {
    mkdirSync(opts.dataDir, { recursive: true });
    lock = acquireDataDirLock(opts.dataDir);
    try {
      pglite = await PGlite.create(`${opts.dataDir}/pgdata`, { parsers: PGLITE_PARSERS });
    } catch (err) {
      lock.release();
      throw err;
    }
  }
  let waiting = 0;
  let tail: Promise<void> = Promise.resolve();
  const client = {
    async query(text: string, params: unknown[]) {
      if (params.length === 0 && text.includes(';')) {
        const results = await pglite.exec(text);
        const last = results[results.length - 1];
        return { command: 'SCRIPT', rowCount: last?.affectedRows ?? 0, rows: last?.rows ?? [] };
      }
      const r = await pglite.query(text, params);
      return { command: (r as { command?: string }).command, rowCount: r.affectedRows ?? 0, rows: r.rows };
    },
    release: () => {},
  };
  const pool = {
    async connect() {
      waiting++;
      let release!: () => void;
      const previous = tail;
      tail = new Promise<void>((r) => (release = r));
      await previous;
      waiting--;
      return { ...client, release };
    },
    async end() {
      await pglite.close();
      lock?.release();
    },
  };
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }) });
  return {
    engine: 'pglite',
    kysely,
    async execScript(tx, script) {
      await sql.raw(script).execute(tx);
    },
    poolStats: () => ({ total: 1, idle: waiting === 0 ? 1 : 0, waiting }),
    dump: async () => (await pglite.dumpDataDir('none')) as Blob,
    close: () => kysely.destroy(),
  };
}

/** Refreshes planner statistics after a bulk load, so the next queries get index plans at once
 *  instead of waiting for autovacuum (a fresh million-row table otherwise looks empty to the planner). */
export async function analyzeTables(db: Queryable, tables: (keyof Database)[]): Promise<void> {
  for (const t of tables) await sql.raw(`ANALYZE ${t}`).execute(db);
}
