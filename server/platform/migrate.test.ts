import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../testing/app.ts';
import { createBlankDb, type TestDb } from '../testing/engines.ts';
import { migrate, MigrationError, readMigrations, type MigrationFile } from './migrate.ts';

const file = (name: string, text: string): MigrationFile => ({ name, sql: text, checksum: createHash('sha256').update(text).digest('hex') });

describeEachEngine('migrations', (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createBlankDb(engine);
  });
  afterAll(async () => t.drop());

  const tableExists = async (name: string) =>
    (await sql<{ t: string | null }>`SELECT to_regclass(${name})::text AS t`.execute(t.db.kysely)).rows[0].t !== null;
  const recorded = async () => (await t.db.kysely.selectFrom('schema_migrations').select(['name', 'checksum']).orderBy('name').execute());

  it('applies every file once on an empty database, and nothing on a second run', async () => {
    const files = readMigrations();
    expect(files.length).toBeGreaterThan(0);
    expect(files.map((f) => f.name)).toEqual([...files.map((f) => f.name)].sort());
    expect(await tableExists('places')).toBe(false);

    expect(await migrate(t.db)).toEqual(files.map((f) => f.name));
    for (const table of ['places', 'facilities', 'facility_rooms', 'users', 'role_assignments', 'sessions', 'audit_log'])
      expect(await tableExists(table), table).toBe(true);
    expect(await recorded()).toEqual(files.map((f) => ({ name: f.name, checksum: f.checksum })));

    expect(await migrate(t.db)).toEqual([]);
    expect(await recorded()).toHaveLength(files.length);
  });

  it('refuses to run when an applied migration was edited or removed', async () => {
    const [first, ...rest] = readMigrations();
    const edited = [file(first.name, first.sql + '\n-- edited after release\n'), ...rest];
    await expect(migrate(t.db, edited)).rejects.toThrow(MigrationError);
    await expect(migrate(t.db, edited)).rejects.toThrow(new RegExp(`${first.name} was edited`));
    await expect(migrate(t.db, rest)).rejects.toThrow(/missing/);
    // Nothing pending was applied along the way.
    const withNew = [...edited, file('9000_after_edit.sql', 'CREATE TABLE after_edit_probe (id int);')];
    await expect(migrate(t.db, withNew)).rejects.toThrow(MigrationError);
    expect(await tableExists('after_edit_probe')).toBe(false);
  });

  it('rolls back a migration that fails midway: no partial schema, not recorded', async () => {
    const applied = readMigrations();
    const broken = file('9001_partial.sql', 'CREATE TABLE partial_probe (id int PRIMARY KEY);\nINSERT INTO partial_probe VALUES (1);\nSELECT * FROM no_such_table;\n');
    await expect(migrate(t.db, [...applied, broken])).rejects.toThrow(/no_such_table/);
    expect(await tableExists('partial_probe')).toBe(false);
    expect((await recorded()).map((r) => r.name)).not.toContain('9001_partial.sql');

    // Fixed (a file not yet applied may still change), it applies alone and is recorded.
    const fixed = file('9001_partial.sql', 'CREATE TABLE partial_probe (id int PRIMARY KEY);\nINSERT INTO partial_probe VALUES (1);\n');
    expect(await migrate(t.db, [...applied, fixed])).toEqual(['9001_partial.sql']);
    expect(await tableExists('partial_probe')).toBe(true);
    expect((await recorded()).find((r) => r.name === '9001_partial.sql')?.checksum).toBe(fixed.checksum);
  });
});
