// SQL of facilities (sampling sites, labs, isolation sites with rooms, hospitals, 方舱, venues).
import { sql } from 'kysely';
import type { Queryable, Tx } from '../../platform/db.ts';
import { inScope, type Scope } from '../../platform/access.ts';

function facilityQuery(db: Queryable) {
  return db
    .selectFrom('facilities as f')
    .innerJoin('places as p', 'p.id', 'f.place_id')
    .select(['f.id', 'f.code', 'f.name', 'f.kind', 'f.place_id', 'p.name as place_name', 'p.path as place_path', 'f.capacity', 'f.capacity_per_hour', 'f.site_mode', 'f.lat', 'f.lng']);
}

export async function findFacility(db: Queryable, scope: Scope, id: number) {
  return facilityQuery(db).where('f.id', '=', id).where(inScope(scope, 'p.path')).executeTakeFirst();
}

export async function listFacilitiesUnder(db: Queryable, path: string, kind: string | undefined, limit: number, offset: number) {
  let q = facilityQuery(db).where('p.path', 'like', `${path}%`);
  let c = db.selectFrom('facilities as f').innerJoin('places as p', 'p.id', 'f.place_id').where('p.path', 'like', `${path}%`);
  if (kind) {
    q = q.where('f.kind', '=', kind);
    c = c.where('f.kind', '=', kind);
  }
  const [items, total] = await Promise.all([
    q.orderBy('f.kind').orderBy('f.code').limit(limit).offset(offset).execute(),
    c.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function countFacilitiesUnder(db: Queryable, path: string): Promise<number> {
  const r = await db
    .selectFrom('facilities as f')
    .innerJoin('places as p', 'p.id', 'f.place_id')
    .where('p.path', 'like', `${path}%`)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listRooms(db: Queryable, facilityId: number) {
  return db.selectFrom('facility_rooms').select(['id', 'number', 'capacity', 'status']).where('facility_id', '=', facilityId).orderBy('number').execute();
}

export interface NewFacility {
  code: string;
  name: string;
  kind: string;
  place_id: number;
  capacity: number | null;
  capacity_per_hour: number | null;
  site_mode?: string | null;
  lat: number | null;
  lng: number | null;
}

export async function insertFacility(tx: Tx, f: NewFacility): Promise<number> {
  const r = await tx.insertInto('facilities').values(f).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function insertFacilitiesBulk(tx: Queryable, rows: NewFacility[]): Promise<{ id: number; code: string }[]> {
  if (rows.length === 0) return [];
  const col = <K extends keyof NewFacility>(k: K) => rows.map((r) => r[k]);
  const r = await sql<{ id: number; code: string }>`
    INSERT INTO facilities (code, name, kind, place_id, capacity, capacity_per_hour, site_mode, lat, lng)
    SELECT * FROM unnest(${col('code')}::text[], ${col('name')}::text[], ${col('kind')}::text[], ${col('place_id')}::bigint[],
      ${col('capacity')}::int[], ${col('capacity_per_hour')}::int[], ${rows.map((r) => r.site_mode ?? null)}::text[], ${col('lat')}::float8[], ${col('lng')}::float8[])
    RETURNING id, code`.execute(tx);
  return r.rows;
}

export async function updateFacility(tx: Tx, id: number, patch: Partial<Pick<NewFacility, 'name' | 'capacity' | 'capacity_per_hour' | 'site_mode' | 'lat' | 'lng'>>, now: Date) {
  await tx.updateTable('facilities').set({ ...patch, updated_at: now }).where('id', '=', id).execute();
}

export async function insertRooms(tx: Queryable, rooms: { facility_id: number; number: string; capacity: number }[]) {
  if (rooms.length === 0) return;
  await sql`INSERT INTO facility_rooms (facility_id, number, capacity)
    SELECT * FROM unnest(${rooms.map((r) => r.facility_id)}::bigint[], ${rooms.map((r) => r.number)}::text[], ${rooms.map((r) => r.capacity)}::int[])`.execute(tx);
}

/** Isolation-site capacity is the sum of its rooms; kept in step when rooms are added. */
export async function syncCapacityFromRooms(tx: Queryable, facilityId: number) {
  await sql`UPDATE facilities SET capacity = (SELECT coalesce(sum(capacity), 0) FROM facility_rooms WHERE facility_id = ${facilityId})
            WHERE id = ${facilityId}`.execute(tx);
}

export async function findFacilitiesByCodes(db: Queryable, codes: string[]) {
  if (codes.length === 0) return [];
  return db
    .selectFrom('facilities')
    .select(['id', 'code', 'name', 'kind', 'place_id', 'capacity', 'capacity_per_hour', 'site_mode', 'lat', 'lng'])
    .where(sql<boolean>`code = ANY(${codes}::text[])`)
    .execute();
}

export async function findFacilityCodes(db: Queryable, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.selectFrom('facilities').select('code').where('code', 'in', codes).execute();
  return new Set(rows.map((r) => r.code));
}

export async function findFacilityIdsByCodes(db: Queryable, codes: string[]) {
  if (codes.length === 0) return [];
  return db.selectFrom('facilities').select(['id', 'code']).where('code', 'in', codes).execute();
}
