// Plain SQL migrations from server/migrations, applied in name order, each once and in its own
// transaction. The checksum of every applied file is kept: editing an applied migration is an error
// at boot, because the database would no longer be what the files say.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './db.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

export class MigrationError extends Error {}

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const text = readFileSync(dir + name, 'utf8');
      return { name, sql: text, checksum: createHash('sha256').update(text).digest('hex') };
    });
}

/** Applies pending migrations; returns the names applied. */
export async function migrate(db: Db, files = readMigrations()): Promise<string[]> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`.execute(db.kysely);
  const applied = new Map(
    (await db.kysely.selectFrom('schema_migrations').select(['name', 'checksum']).execute()).map((r) => [r.name, r.checksum]),
  );
  for (const [name, checksum] of applied) {
    const file = files.find((f) => f.name === name);
    if (!file) throw new MigrationError(`migration ${name} is applied in the database but missing from ${MIGRATIONS_DIR}`);
    if (file.checksum !== checksum)
      throw new MigrationError(`migration ${name} was edited after it was applied (checksum differs); add a new migration instead`);
  }
  const done: string[] = [];
  for (const file of files) {
    if (applied.has(file.name)) continue;
    await db.kysely.transaction().execute(async (tx) => {
      await db.execScript(tx, file.sql);
      await tx.insertInto('schema_migrations').values({ name: file.name, checksum: file.checksum }).execute();
    });
    done.push(file.name);
  }
  return done;
}
