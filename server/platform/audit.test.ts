import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Response } from 'light-my-request';
import { describeEachEngine, useTestApp } from '../testing/app.ts';
import { createTestDb, type TestDb } from '../testing/engines.ts';
import { auditSince, countRows, DEMO, lastAuditId, newFacilityBody, newPlaceBody, placeByCode } from '../testing/fixtures.ts';
import { DEMO_PASSWORD } from '../../sim/seed-demo.ts';
import type { Db } from './db.ts';
import { recordAudit, verifyAuditChain } from './audit.ts';

const run = (db: Db, text: string) => sql.raw(text).execute(db.kysely);
const withTrigger = async (db: Db, enabled: boolean, change: () => Promise<unknown>) => {
  await run(db, `ALTER TABLE audit_log ${enabled ? 'ENABLE' : 'DISABLE'} TRIGGER audit_log_no_update`);
  try {
    await change();
  } finally {
    await run(db, 'ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
  }
};

describeEachEngine('audit: every mutation, in its transaction', (engine) => {
  let now = new Date('2030-05-01T00:00:00Z');
  const ctx = useTestApp(engine, { clock: () => now });
  const db = () => ctx().testDb.db;

  it('writes exactly one audit row per mutation endpoint, with actor, time and request id', async () => {
    const t = ctx();
    const district = await placeByCode(db(), DEMO.district);
    const other = await placeByCode(db(), DEMO.otherDistrict);
    let token = '';
    const ids: Record<string, number> = {};
    const bearer = () => ({ authorization: `Bearer ${token}` });
    // [method, route, step, action, entity id of the audit row]
    const steps: [string, string, () => Promise<Response>, string, () => number | string][] = [
      ['POST', '/api/auth/login', async () => {
        const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD } });
        token = res.json().token;
        return res;
      }, 'auth.login', () => Number.NaN],
      ['POST', '/api/places', async () => {
        const res = await t.app.inject({ method: 'POST', url: '/api/places', headers: bearer(), payload: newPlaceBody(district.id, 'subdistrict') });
        ids.place = res.json().id;
        return res;
      }, 'place.create', () => ids.place],
      ['PATCH', '/api/places/:id', () => t.app.inject({ method: 'PATCH', url: `/api/places/${ids.place}`, headers: bearer(), payload: { name: '改过的街道' } }), 'place.update', () => ids.place],
      ['POST', '/api/places/:id/move', () => t.app.inject({ method: 'POST', url: `/api/places/${ids.place}/move`, headers: bearer(), payload: { parentId: other.id } }), 'place.move', () => ids.place],
      ['POST', '/api/facilities', async () => {
        const res = await t.app.inject({ method: 'POST', url: '/api/facilities', headers: bearer(), payload: newFacilityBody(ids.place, 'isolation_site') });
        ids.facility = res.json().id;
        return res;
      }, 'facility.create', () => ids.facility],
      ['PATCH', '/api/facilities/:id', () => t.app.inject({ method: 'PATCH', url: `/api/facilities/${ids.facility}`, headers: bearer(), payload: { name: '改名隔离点' } }), 'facility.update', () => ids.facility],
      ['POST', '/api/facilities/:id/rooms', () => t.app.inject({ method: 'POST', url: `/api/facilities/${ids.facility}/rooms`, headers: bearer(), payload: { rooms: [{ number: '1', capacity: 1 }] } }), 'facility.rooms.add', () => ids.facility],
      ['POST', '/api/auth/logout', () => t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer() }), 'auth.logout', () => Number.NaN],
    ];
    // The table covers every mutation route of auth, places and facilities: a new one must be added
    // here (the modules built on top test their own mutations' audit rows).
    const mutations = t.app.routeAccess
      .filter((r) => !['GET', 'HEAD'].includes(r.method) && /^\/api\/(auth|places|facilities)(\/|$)/.test(r.url))
      .map((r) => `${r.method} ${r.url}`);
    expect(steps.map(([m, u]) => `${m} ${u}`).sort()).toEqual(mutations.sort());

    for (const [i, [method, url, step, action, entityId]] of steps.entries()) {
      now = new Date(Date.UTC(2030, 4, 1, 1, i));
      const since = await lastAuditId(db());
      const res = await step();
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
      const rows = await auditSince(db(), since);
      expect(rows, `${method} ${url}`).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action, actor_name: 'admin', request_id: res.headers['x-request-id'] });
      expect(new Date(rows[0].at).toISOString()).toBe(now.toISOString());
      const id = entityId();
      if (!Number.isNaN(id)) expect(rows[0].entity_id).toBe(String(id));
    }
    expect(await verifyAuditChain(db().kysely)).toBeNull();
  });

  it('writes no audit row for a failed create, and no change when the audit row cannot be written', async () => {
    const district = await placeByCode(db(), DEMO.district);
    await ctx().login('admin');
    const audits = await countRows(db(), 'audit_log');
    const taken = await ctx().as('admin', { method: 'POST', url: '/api/places', payload: newPlaceBody(district.id, 'subdistrict', { code: DEMO.subdistrict }) });
    expect(taken.statusCode).toBe(409);
    expect(await countRows(db(), 'audit_log')).toBe(audits);

    const places = await countRows(db(), 'places');
    await run(db(), `CREATE FUNCTION test_audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no audit today'; END; $$`);
    await run(db(), 'CREATE TRIGGER test_audit_refuse BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION test_audit_refuse()');
    try {
      const body = newPlaceBody(district.id, 'subdistrict');
      const res = await ctx().as('admin', { method: 'POST', url: '/api/places', payload: body });
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('no audit today');
      expect(await db().kysely.selectFrom('places').select('id').where('code', '=', body.code).executeTakeFirst()).toBeUndefined();
    } finally {
      await run(db(), 'DROP TRIGGER test_audit_refuse ON audit_log');
      await run(db(), 'DROP FUNCTION test_audit_refuse()');
    }
    expect(await countRows(db(), 'places')).toBe(places);
  });
});

describeEachEngine('audit: append-only and hash chain', (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine, 'demo');
  });
  afterAll(async () => t.drop());

  it('refuses UPDATE, DELETE and TRUNCATE on audit_log', async () => {
    const db = t.db.kysely;
    const rows = await countRows(t.db, 'audit_log');
    await expect(db.updateTable('audit_log').set({ actor_name: 'mallory' }).where('id', '=', 1).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('id', '=', 1).execute()).rejects.toThrow(/append-only/);
    await expect(run(t.db, 'TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect(await countRows(t.db, 'audit_log')).toBe(rows);
    expect((await db.selectFrom('audit_log').select('actor_name').where('id', '=', 1).executeTakeFirstOrThrow()).actor_name).toBe('system');
  });

  it('verifies an intact chain and points at a row edited or removed behind the triggers\' back', async () => {
    const db = t.db.kysely;
    expect(await verifyAuditChain(db)).toBeNull();
    const ids = (await db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(5);
    const victim = ids[3];
    const original = await db.selectFrom('audit_log').select('after').where('id', '=', victim).executeTakeFirstOrThrow();

    await withTrigger(t.db, false, () => db.updateTable('audit_log').set({ after: JSON.stringify({ username: 'mallory' }) }).where('id', '=', victim).execute());
    expect(await verifyAuditChain(db)).toBe(victim);
    await withTrigger(t.db, false, () => db.updateTable('audit_log').set({ after: JSON.stringify(original.after) }).where('id', '=', victim).execute());
    expect(await verifyAuditChain(db)).toBeNull();

    await withTrigger(t.db, false, () => db.updateTable('audit_log').set({ at: new Date('2019-01-01T00:00:00Z') }).where('id', '=', ids[1]).execute());
    expect(await verifyAuditChain(db)).toBe(ids[1]);
    await withTrigger(t.db, false, () => db.deleteFrom('audit_log').where('id', '<=', ids[1]).execute());
    // The first remaining row still names the deleted one as its predecessor.
    expect(await verifyAuditChain(db)).toBe(ids[2]);
  });

  it('keeps one unforked chain when many transactions append at once, with non-ASCII text and nested values', async () => {
    const db = t.db.kysely;
    await withTrigger(t.db, false, () => db.deleteFrom('audit_log').execute());
    const actor = { userId: null, username: '网格员 王', requestId: 'r-1' };
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        db.transaction().execute((tx) =>
          recordAudit(tx, actor, new Date(Date.UTC(2030, 0, 1, 0, 0, i)), { action: 'test.append', entity: 'thing', entityId: i, placePath: '/1/', after: { 名称: `第${i}号`, n: i, list: [1, 'a'], z: null, a: { y: 2, b: true } } }),
        ),
      ),
    );
    const rows = await db.selectFrom('audit_log').select(['prev_hash', 'hash']).orderBy('id').execute();
    expect(rows).toHaveLength(24);
    expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(24);
    expect(await verifyAuditChain(db)).toBeNull();
  });
});

describeEachEngine('audit: browsing /api/audit', (engine) => {
  let now = new Date('2030-06-01T00:00:00Z');
  const ctx = useTestApp(engine, { clock: () => now });
  const db = () => ctx().testDb.db;
  type Entry = { id: number; at: string; actorName: string; action: string; entity: string; entityId: string | null; placeId: number | null };
  const browse = async (user: string, query: string) => {
    const res = await ctx().as(user, { method: 'GET', url: `/api/audit?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Entry[]; nextBefore: number | null };
  };
  const at = (hour: number) => new Date(Date.UTC(2030, 5, 1, hour));
  const rename = async (user: string, id: number, name: string, hour: number) => {
    now = at(hour);
    const res = await ctx().as(user, { method: 'PATCH', url: `/api/places/${id}`, payload: { name } });
    expect(res.statusCode, res.body).toBe(200);
  };
  let inside: { id: number; path: string };
  let outside: { id: number };

  beforeAll(async () => {
    inside = await placeByCode(db(), DEMO.subdistrict);
    outside = await placeByCode(db(), DEMO.otherSubdistrict);
    for (const user of ['admin', 'officer', 'commander']) await ctx().login(user); // logins at 00:00
    await rename('admin', inside.id, '乐群街道一', 1);
    await rename('officer', inside.id, '乐群街道二', 2);
    await rename('admin', outside.id, '卫星街道一', 3);
  });

  it('filters by actor, entity and entity id, newest first', async () => {
    const ofPlace = await browse('commander', `entity=place&entityId=${inside.id}`);
    expect(ofPlace.items.map((e) => [e.actorName, e.action, e.placeId])).toEqual([
      ['officer', 'place.update', inside.id],
      ['admin', 'place.update', inside.id],
    ]);
    const byOfficer = await browse('commander', 'actor=officer');
    expect(byOfficer.items.map((e) => e.action)).toEqual(['place.update', 'auth.login']);
    const sessions = await browse('commander', 'entity=session&limit=500');
    expect(new Set(sessions.items.map((e) => e.action))).toEqual(new Set(['auth.login']));
    expect(sessions.items.filter((e) => e.at.startsWith('2030-06-01')).map((e) => e.actorName).sort()).toEqual(['admin', 'commander', 'officer']);
  });

  it('filters by time range: from inclusive, to exclusive', async () => {
    const window = await browse('commander', `from=${at(1).toISOString()}&to=${at(3).toISOString()}`);
    expect(window.items.map((e) => [e.actorName, e.at])).toEqual([
      ['officer', at(2).toISOString()],
      ['admin', at(1).toISOString()],
    ]);
    expect((await browse('commander', `from=${at(3).toISOString()}`)).items.map((e) => e.entityId)).toEqual([String(outside.id)]);
    const bad = await ctx().as('commander', { method: 'GET', url: '/api/audit?from=yesterday' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('pages with the before cursor without gaps or overlaps', async () => {
    const all = (await browse('commander', 'limit=500')).items.map((e) => e.id);
    expect(all.length).toBeGreaterThan(10);
    expect([...all].sort((a, b) => b - a)).toEqual(all);
    const paged: number[] = [];
    let cursor = '';
    for (let page = 0; page < 100; page++) {
      const r = await browse('commander', `limit=4${cursor}`);
      paged.push(...r.items.map((e) => e.id));
      if (r.nextBefore === null) break;
      expect(r.nextBefore).toBe(r.items[r.items.length - 1].id);
      cursor = `&before=${r.nextBefore}`;
    }
    expect(paged).toEqual(all);
  });

  it('shows a district officer only the entries of places in their district, and no logins', async () => {
    const district = await placeByCode(db(), DEMO.district);
    const mine = new Set((await db().kysely.selectFrom('places').select('id').where('path', 'like', `${district.path}%`).execute()).map((r) => r.id));
    // The demo seed's testing round wrote entries too (boxes, exemptions… in the district): places only here.
    const seen = (await browse('officer', 'entity=place&limit=500')).items;
    expect(seen.map((e) => [e.actorName, e.entityId])).toEqual([
      ['officer', String(inside.id)],
      ['admin', String(inside.id)],
    ]);
    const everything = (await browse('officer', 'limit=500')).items;
    expect(everything.length).toBeGreaterThan(seen.length);
    expect(everything.every((e) => e.placeId !== null && mine.has(e.placeId))).toBe(true);
    expect(await browse('officer', 'entity=session')).toEqual({ items: [], nextBefore: null });
    expect(await browse('officer', `entityId=${outside.id}`)).toEqual({ items: [], nextBefore: null });
    // Commanders see the whole tree, the other district included.
    expect((await browse('commander', `entity=place&entityId=${outside.id}`)).items).toHaveLength(1);
    expect((await ctx().as('grid', { method: 'GET', url: '/api/audit' })).statusCode).toBe(403);
  });
});
