// The only SQL of people.
import { sql, type Selectable } from 'kysely';
import type { PersonsTable } from '../../platform/db-types.ts';
import type { Queryable, Tx } from '../../platform/db.ts';
import { inScope, type Scope } from '../../platform/access.ts';

/** The columns an upsert writes: the table's row less what the database keeps for itself. */
export type PersonRowInput = Omit<Selectable<PersonsTable>, 'id' | 'status' | 'confirmed_at' | 'created_at' | 'updated_at'>;

const PERSON_COLUMNS = [
  'p.id', 'p.id_type', 'p.id_number', 'p.name', 'p.sex', 'p.birth_date', 'p.phone', 'p.household_id', 'p.residence_type',
  'p.tags', 'p.needs', 'p.status', 'p.confirmed_at', 'p.created_at', 'p.updated_at',
] as const;

function personQuery(db: Queryable) {
  return db
    .selectFrom('persons as p')
    .leftJoin('places as h', 'h.id', 'p.household_id')
    .select(PERSON_COLUMNS)
    .select(['h.code as household_code', 'h.name as household_name', 'h.path as household_path']);
}
export type PersonRow = Awaited<ReturnType<ReturnType<typeof personQuery>['executeTakeFirstOrThrow']>>;

/** People without a household are visible only to readers of the whole tree. */
function scoped<T extends ReturnType<typeof personQuery>>(q: T, scope: Scope): T {
  return (scope.all ? q : q.where(inScope(scope, 'h.path'))) as T;
}

export async function findPerson(db: Queryable, scope: Scope, id: number) {
  return scoped(personQuery(db), scope).where('p.id', '=', id).executeTakeFirst();
}

export async function findPersonByHash(db: Queryable, idHash: string) {
  return personQuery(db).where('p.id_hash', '=', idHash).executeTakeFirst();
}

export interface PersonFilter {
  name?: string;
  idHash?: string;
  phoneHash?: string;
  placePath?: string;
  tag?: string;
  status?: string;
  limit: number;
  offset: number;
}

export async function searchPersons(db: Queryable, scope: Scope, f: PersonFilter) {
  let q = scoped(personQuery(db), scope);
  if (f.idHash) q = q.where('p.id_hash', '=', f.idHash);
  if (f.phoneHash) q = q.where('p.phone_hash', '=', f.phoneHash);
  if (f.name) q = q.where(sql<boolean>`p.name COLLATE "C" LIKE ${f.name.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`);
  if (f.placePath) q = q.where('h.path', 'like', `${f.placePath}%`);
  if (f.tag) q = q.where(sql<boolean>`p.tags @> ARRAY[${f.tag}]::text[]`);
  if (f.status) q = q.where('p.status', '=', f.status);
  return q.orderBy(sql`p.name COLLATE "C"`).orderBy('p.id').limit(f.limit).offset(f.offset).execute();
}

export async function householdMembers(db: Queryable, householdId: number) {
  return personQuery(db).where('p.household_id', '=', householdId).orderBy('p.birth_date').orderBy('p.id').execute();
}

/**
 * Insert or update by identity (id_hash) in one statement per batch. Returns each row's id and
 * whether it was new (xmax = 0 marks a freshly inserted tuple in PostgreSQL).
 */
export async function upsertPersons(tx: Queryable, rows: PersonRowInput[], now: Date) {
  if (rows.length === 0) return [];
  const col = <K extends keyof PersonRowInput>(k: K) => rows.map((r) => r[k]);
  // text[][] cannot hold ragged arrays: tags travel as one ';'-joined string per row.
  const r = await sql<{ id: number; id_hash: string; inserted: boolean }>`
    INSERT INTO persons (id_type, id_number, id_hash, name, sex, birth_date, phone, phone_hash, household_id, residence_type, tags, needs, updated_at)
    SELECT t.id_type, t.id_number, t.id_hash, t.name, t.sex, t.birth_date, t.phone, t.phone_hash, t.household_id, t.residence_type,
           CASE WHEN t.tags = '' THEN '{}'::text[] ELSE string_to_array(t.tags, ';') END, t.needs, ${now}
    FROM unnest(${col('id_type')}::text[], ${col('id_number')}::text[], ${col('id_hash')}::text[], ${col('name')}::text[],
                ${col('sex')}::text[], ${col('birth_date')}::date[], ${col('phone')}::text[], ${col('phone_hash')}::text[],
                ${col('household_id')}::bigint[], ${col('residence_type')}::text[], ${rows.map((x) => x.tags.join(';'))}::text[], ${col('needs')}::text[])
      AS t(id_type, id_number, id_hash, name, sex, birth_date, phone, phone_hash, household_id, residence_type, tags, needs)
    ON CONFLICT (id_hash) DO UPDATE SET
      name = EXCLUDED.name, sex = EXCLUDED.sex, birth_date = EXCLUDED.birth_date,
      phone = coalesce(EXCLUDED.phone, persons.phone), phone_hash = coalesce(EXCLUDED.phone_hash, persons.phone_hash),
      household_id = coalesce(EXCLUDED.household_id, persons.household_id), residence_type = EXCLUDED.residence_type,
      tags = EXCLUDED.tags, needs = coalesce(EXCLUDED.needs, persons.needs), status = 'active', updated_at = EXCLUDED.updated_at
    RETURNING id, id_hash, (xmax = 0) AS inserted`.execute(tx);
  return r.rows;
}

export async function updatePersonFields(
  tx: Tx,
  id: number,
  set: Partial<Pick<PersonRowInput, 'name' | 'phone' | 'phone_hash' | 'household_id' | 'residence_type' | 'tags' | 'needs'>> & { status?: string },
  now: Date,
) {
  await tx.updateTable('persons').set({ ...set, updated_at: now }).where('id', '=', id).execute();
}

export async function confirmPersons(tx: Tx, ids: number[], at: Date) {
  if (ids.length === 0) return;
  // A visit synced late from an offline phone must not move a later confirmation back in time.
  await tx
    .updateTable('persons')
    .set({ confirmed_at: sql`greatest(coalesce(confirmed_at, ${at}), ${at})`, updated_at: at })
    .where('id', 'in', ids)
    .execute();
}

export interface StoredState {
  household_path: string | null;
  status: string;
  confirmed_at: Date | null;
}

/** id_hash → where and in what state the people already registered among these identities are. */
export async function statesByHashes(db: Queryable, hashes: string[]): Promise<Map<string, StoredState>> {
  if (hashes.length === 0) return new Map();
  const rows = await db
    .selectFrom('persons as p')
    .leftJoin('places as h', 'h.id', 'p.household_id')
    .select(['p.id_hash', 'h.path', 'p.status', 'p.confirmed_at'])
    .where(sql<boolean>`p.id_hash = ANY(${hashes}::text[])`) // one array parameter, not thousands
    .execute();
  return new Map(rows.map((r) => [r.id_hash, { household_path: r.path, status: r.status, confirmed_at: r.confirmed_at }]));
}
