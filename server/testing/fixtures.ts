// Small factories and look-ups shared by the integration tests: demo places by code (ids differ
// between engines and templates, codes do not), row counts, audit rows, and request bodies.
import type { Db } from '../platform/db.ts';
import type { Actor } from '../platform/audit.ts';
import type { TestApp } from './app.ts';

/** Codes of the seeded demo city (sim/city.ts, seed 1) that the tests lean on. */
export const DEMO = {
  province: '990000', // 演示省
  city: '990100', // 演示市
  district: '990101', // 望川区 — the officer's scope
  otherDistrict: '990102', // 北山区 — outside the officer's scope
  subdistrict: '990101001', // 乐群街道
  otherSubdistrict: '990102001', // 卫星街道
  community: '990101001001', // 南关路社区
  grid: '99010100100100101', // 第1网格 — the grid worker's scope
  isolationSite: 'FI99010101', // 银河大酒店隔离点, in 望川区
  otherIsolationSite: 'FI99010201', // in 北山区
} as const;

export const TEST_ACTOR: Actor = { userId: null, username: 'test', requestId: null };

export type Table = 'places' | 'facilities' | 'facility_rooms' | 'audit_log' | 'sessions' | 'users';

export async function countRows(db: Db, table: Table): Promise<number> {
  const r = await db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function placeByCode(db: Db, code: string) {
  return db.kysely.selectFrom('places').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
}

export async function facilityByCode(db: Db, code: string) {
  return db.kysely.selectFrom('facilities').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
}

/** Audit rows with an id above `afterId`, oldest first. */
export async function auditSince(db: Db, afterId: number) {
  return db.kysely.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').execute();
}

export async function lastAuditId(db: Db): Promise<number> {
  const r = await db.kysely.selectFrom('audit_log').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return r?.id ?? 0;
}

let seq = 0;
/** A code no other row of this test process uses. */
export function uniqueCode(prefix = 'T'): string {
  return `${prefix}${process.pid}x${++seq}`;
}

export function newPlaceBody(parentId: number | null, kind: string, overrides: Record<string, unknown> = {}) {
  const code = uniqueCode('P');
  return { code, parentId, kind, name: `测试${kind}${code}`, ...overrides };
}

export function newFacilityBody(placeId: number, kind: string, overrides: Record<string, unknown> = {}) {
  const code = uniqueCode('F');
  return { code, placeId, kind, name: `测试设施${code}`, ...overrides };
}

/** POSTs a place as `user` and returns the created PlaceDetail; fails loudly on anything but 201. */
export async function createPlaceAs(t: TestApp, user: string, parentId: number | null, kind: string, overrides: Record<string, unknown> = {}) {
  const res = await t.as(user, { method: 'POST', url: '/api/places', payload: newPlaceBody(parentId, kind, overrides) });
  if (res.statusCode !== 201) throw new Error(`create ${kind}: ${res.statusCode} ${res.body}`);
  return res.json() as { id: number; code: string; path: string; depth: number; parentId: number | null };
}
