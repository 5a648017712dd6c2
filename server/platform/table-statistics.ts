// Planner statistics kept fresh by the application. PGlite has no autovacuum daemon, and a
// PostgreSQL may run with it turned off; without fresh statistics a plan made while a table was
// small is kept while it grows a thousandfold. The worst of these is the foreign-key check: each
// connection prepares it once, and one prepared while `tubes` was empty (a fresh install, its first
// round) scans every tube for every sample registered, until an ANALYZE invalidates the plan.
// So every few seconds the tables that grew by a fifth (in pages) since their statistics were taken
// are analyzed, the same idea as autovacuum's analyze threshold, measured by size so that it works
// on both engines (PGlite keeps no row counters).
import { sql } from 'kysely';
import type { Db } from './db.ts';

/** Tables of the current schema at least 8 pages large that grew by a fifth since their last ANALYZE. */
export async function grownTables(db: Db): Promise<string[]> {
  const r = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind = 'r'
      AND pg_relation_size(c.oid) / current_setting('block_size')::int >= greatest(8, c.relpages + c.relpages / 5 + 1)
    ORDER BY c.relname`.execute(db.kysely);
  return r.rows.map((x) => x.name);
}

/** ANALYZEs the grown tables, one at a time (an ANALYZE blocks no reads or writes); returns their names. */
export async function analyzeGrownTables(db: Db): Promise<string[]> {
  const tables = await grownTables(db);
  for (const t of tables) await sql`ANALYZE ${sql.table(t)}`.execute(db.kysely);
  return tables;
}

export interface StatisticsKeeper {
  stop(): Promise<void>;
}

/** Runs analyzeGrownTables every `intervalMs` (a run never overlaps the next; errors are logged). */
export function keepStatisticsFresh(db: Db, opts: { intervalMs: number; log: (msg: string, err?: unknown) => void }): StatisticsKeeper {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = analyzeGrownTables(db)
      .catch((err) => opts.log('could not refresh planner statistics', err))
      .then(() => {
        if (!stopped) timer = setTimeout(tick, opts.intervalMs).unref();
      });
  };
  let timer = setTimeout(tick, opts.intervalMs).unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
