import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../testing/app.ts';
import { createBlankDb, type TestDb } from '../testing/engines.ts';
import { analyzeGrownTables, grownTables, keepStatisticsFresh } from './table-statistics.ts';

describeEachEngine('planner statistics', (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createBlankDb(engine);
  });
  afterAll(async () => t.drop());

  const q = (text: string) => sql.raw(text).execute(t.db.kysely);
  const reltuples = async (table: string) =>
    (await sql<{ n: number }>`SELECT reltuples::int AS n FROM pg_class WHERE relname = ${table}`.execute(t.db.kysely)).rows[0].n;

  it('analyzes a table that grew since its statistics, and leaves small and unchanged ones alone', async () => {
    await q('CREATE TABLE grown (id int PRIMARY KEY, note text)');
    await q('CREATE TABLE tiny (id int PRIMARY KEY)');
    await q("INSERT INTO grown SELECT i, repeat('x', 40) FROM generate_series(1, 5000) i");
    await q('INSERT INTO tiny SELECT generate_series(1, 10)');
    expect(await grownTables(t.db)).toEqual(['grown']);

    expect(await analyzeGrownTables(t.db)).toEqual(['grown']);
    expect(await reltuples('grown')).toBe(5000);
    expect(await grownTables(t.db)).toEqual([]);

    // A tenth more is not yet a fifth; doubling is.
    await q("INSERT INTO grown SELECT i, repeat('x', 40) FROM generate_series(5001, 5500) i");
    expect(await grownTables(t.db)).toEqual([]);
    await q("INSERT INTO grown SELECT i, repeat('x', 40) FROM generate_series(5501, 10000) i");
    expect(await analyzeGrownTables(t.db)).toEqual(['grown']);
    expect(await reltuples('grown')).toBe(10000);
  });

  it('keeps them fresh on a timer until stopped', async () => {
    await q('CREATE TABLE streamed (id int PRIMARY KEY, note text)');
    const problems: unknown[] = [];
    const keeper = keepStatisticsFresh(t.db, { intervalMs: 20, log: (_msg, err) => problems.push(err) });
    try {
      await q("INSERT INTO streamed SELECT i, repeat('x', 40) FROM generate_series(1, 3000) i");
      const deadline = Date.now() + 10_000;
      while ((await reltuples('streamed')) !== 3000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(await reltuples('streamed')).toBe(3000);
    } finally {
      await keeper.stop();
    }
    await q("INSERT INTO streamed SELECT i, repeat('x', 40) FROM generate_series(3001, 9000) i");
    await new Promise((r) => setTimeout(r, 100));
    expect(await reltuples('streamed')).toBe(3000);
    expect(problems).toEqual([]);
  });
});
