// The only SQL of places and facilities.
import { sql } from 'kysely';
import type { Queryable, Tx } from '../../platform/db.ts';
import { inScope, type Scope } from '../../platform/access.ts';

export interface PlaceRow {
  id: number;
  code: string;
  name: string;
  kind: string;
  parent_id: number | null;
  path: string;
  depth: number;
  sort_order: number;
  lat: number | null;
  lng: number | null;
}

const SUMMARY_COLUMNS = ['p.id', 'p.code', 'p.name', 'p.kind', 'p.parent_id', 'p.path', 'p.depth', 'p.sort_order', 'p.lat', 'p.lng'] as const;

function withChildCount(db: Queryable) {
  return db
    .selectFrom('places as p')
    .select(SUMMARY_COLUMNS)
    .select(sql<number>`(SELECT count(*) FROM places c WHERE c.parent_id = p.id)`.as('child_count'));
}

export async function findPlace(db: Queryable, scope: Scope, id: number) {
  return db
    .selectFrom('places as p')
    .selectAll('p')
    .select(sql<number>`(SELECT count(*) FROM places c WHERE c.parent_id = p.id)`.as('child_count'))
    .where('p.id', '=', id)
    .where(inScope(scope, 'p.path'))
    .executeTakeFirst();
}

export async function findPlacesByCodes(db: Queryable, codes: string[]): Promise<PlaceRow[]> {
  if (codes.length === 0) return [];
  // One array parameter: loader batches ask for thousands of codes at once.
  return db.selectFrom('places as p').select(SUMMARY_COLUMNS).where(sql<boolean>`p.code = ANY(${codes}::text[])`).execute();
}

export async function findPlaceRow(db: Queryable, id: number): Promise<PlaceRow | undefined> {
  return db.selectFrom('places as p').select(SUMMARY_COLUMNS).where('p.id', '=', id).executeTakeFirst();
}

export async function ancestorsOf(db: Queryable, path: string) {
  const ids = path.split('/').filter(Boolean).map(Number).slice(0, -1);
  if (ids.length === 0) return [];
  return db.selectFrom('places').select(['id', 'code', 'name', 'kind', 'path']).where('id', 'in', ids).orderBy('depth').execute();
}

export async function listRoots(db: Queryable, scope: Scope) {
  const q = withChildCount(db);
  const rows = scope.all
    ? await q.where('p.parent_id', 'is', null).orderBy('p.sort_order').orderBy('p.id').execute()
    : scope.paths.length === 0
      ? []
      : await q.where('p.path', 'in', scope.paths).orderBy('p.depth').orderBy('p.sort_order').execute();
  return rows;
}

export async function listChildren(db: Queryable, parentId: number, limit: number, offset: number) {
  const [items, total] = await Promise.all([
    withChildCount(db).where('p.parent_id', '=', parentId).orderBy('p.sort_order').orderBy('p.id').limit(limit).offset(offset).execute(),
    db.selectFrom('places').select((eb) => eb.fn.countAll<number>().as('n')).where('parent_id', '=', parentId).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Descendants of a place in tree order (path), optionally of some kinds and down to a depth. */
export async function listSubtree(db: Queryable, path: string, f: { kinds?: string[]; maxDepth?: number; limit: number; offset: number }) {
  let q = withChildCount(db).where('p.path', 'like', `${path}%`).where('p.path', '<>', path);
  if (f.kinds?.length) q = q.where('p.kind', 'in', f.kinds);
  if (f.maxDepth !== undefined) q = q.where('p.depth', '<=', f.maxDepth);
  return q.orderBy(sql`string_to_array(btrim(p.path, '/'), '/')::bigint[]`).limit(f.limit).offset(f.offset).execute();
}

export async function searchPlaces(db: Queryable, scope: Scope, q: string, kind: string | undefined, limit: number) {
  let query = withChildCount(db)
    .where(inScope(scope, 'p.path'))
    .where((eb) => eb.or([eb('p.code', 'like', `${escapeLike(q)}%`), eb(sql`position(${q} in p.name)`, '>', 0)]));
  if (kind) query = query.where('p.kind', '=', kind);
  return query.orderBy('p.depth').orderBy('p.sort_order').orderBy('p.id').limit(limit).execute();
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

export async function childGeometries(db: Queryable, parentId: number, limit: number) {
  return db
    .selectFrom('places')
    .select(['id', 'code', 'name', 'kind', 'lat', 'lng', 'geometry'])
    .where('parent_id', '=', parentId)
    .orderBy('sort_order')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function insertPlace(tx: Tx, row: Omit<PlaceRow, 'id' | 'path'> & { geometry: unknown }) {
  const [{ id }] = await allocatePlaceIds(tx, 1);
  const parent = row.parent_id === null ? null : await findPlaceRow(tx, row.parent_id);
  const path = `${parent ? parent.path : '/'}${id}/`;
  await tx
    .insertInto('places')
    .values({ ...row, id, path, geometry: row.geometry === null ? null : JSON.stringify(row.geometry) })
    .execute();
  return id;
}

export async function allocatePlaceIds(tx: Queryable, n: number): Promise<{ id: number }[]> {
  const r = await sql<{ id: number }>`SELECT nextval('places_id_seq') AS id FROM generate_series(1, ${n}::int)`.execute(tx);
  return r.rows;
}

export interface BulkPlace {
  id: number;
  code: string;
  name: string;
  kind: string;
  parent_id: number | null;
  path: string;
  depth: number;
  sort_order: number;
  lat: number | null;
  lng: number | null;
  geometry: unknown;
}

/** One statement per batch whatever its size: arrays bound as parameters and unnested server-side. */
export async function insertPlacesBulk(tx: Queryable, rows: BulkPlace[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof BulkPlace>(k: K) => rows.map((r) => r[k]);
  await sql`
    INSERT INTO places (id, code, name, kind, parent_id, path, depth, sort_order, lat, lng, geometry)
    SELECT * FROM unnest(
      ${col('id')}::bigint[], ${col('code')}::text[], ${col('name')}::text[], ${col('kind')}::text[],
      ${col('parent_id')}::bigint[], ${col('path')}::text[], ${col('depth')}::int[], ${col('sort_order')}::int[],
      ${col('lat')}::float8[], ${col('lng')}::float8[],
      ${rows.map((r) => (r.geometry == null ? null : JSON.stringify(r.geometry)))}::jsonb[])`.execute(tx);
}

export async function updatePlace(tx: Tx, id: number, patch: { name?: string; sort_order?: number; lat?: number | null; lng?: number | null }, now: Date) {
  await tx.updateTable('places').set({ ...patch, updated_at: now }).where('id', '=', id).execute();
}

/** Re-roots a subtree: every descendant's path prefix and depth change in one statement. */
export async function moveSubtree(tx: Tx, id: number, oldPath: string, newPath: string, depthDelta: number, newParentId: number, now: Date) {
  await tx.updateTable('places').set({ parent_id: newParentId, updated_at: now }).where('id', '=', id).execute();
  await sql`UPDATE places SET path = ${newPath} || substr(path, ${oldPath.length + 1}), depth = depth + ${depthDelta}
            WHERE path LIKE ${oldPath + '%'}`.execute(tx);
}

/** Pages through a subtree in path order, which puts every parent before its children (re-importable). */
export async function subtreeForExport(db: Queryable, path: string, afterPath: string, limit: number) {
  return db
    .selectFrom('places as p')
    .leftJoin('places as parent', 'parent.id', 'p.parent_id')
    .select(['p.id', 'p.code', 'parent.code as parent_code', 'p.kind', 'p.name', 'p.sort_order', 'p.lat', 'p.lng', 'p.path'])
    .where('p.path', 'like', `${path}%`)
    .where('p.path', '>', afterPath)
    .orderBy('p.path')
    .limit(limit)
    .execute();
}

export async function findPlaceCodes(db: Queryable, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('places').select(['id', 'code']).where('id', 'in', ids).execute();
}
