import { expect, it } from 'vitest';
import { describeEachEngine, useTestApp } from '../../testing/app.ts';
import { createPlaceLoader } from './place-loader.ts';
import { auditSince, countRows, DEMO, facilityByCode, lastAuditId, newFacilityBody, placeByCode } from '../../testing/fixtures.ts';

type FacilitySummary = { id: number; code: string; kind: string; placeId: number; placeName: string; capacity: number | null };

describeEachEngine('facilities', (engine) => {
  const ctx = useTestApp(engine);
  const db = () => ctx().testDb.db;
  const get = (user: string, url: string) => ctx().as(user, { method: 'GET', url });
  const post = (user: string, url: string, payload: object) => ctx().as(user, { method: 'POST', url, payload });

  it('lists the facilities of a subtree, filtered by kind and paged', async () => {
    const district = await placeByCode(db(), DEMO.district);
    const all = (await get('officer', `/api/places/${district.id}/facilities`)).json();
    expect(all.total).toBe(13);
    expect(all.items).toHaveLength(13);
    const sites = (await get('officer', `/api/places/${district.id}/facilities?kind=isolation_site`)).json();
    expect(sites.total).toBe(3);
    expect(sites.items.map((f: FacilitySummary) => f.code)).toEqual(['FI99010101', 'FI99010102', 'FI99010103']);
    expect(sites.items.every((f: FacilitySummary) => f.placeId === district.id && f.placeName === '望川区')).toBe(true);

    const page = (await get('officer', `/api/places/${district.id}/facilities?kind=isolation_site&limit=2&offset=2`)).json();
    expect(page).toMatchObject({ total: 3, items: [{ code: 'FI99010103' }] });
    expect((await get('officer', `/api/places/${district.id}/facilities?kind=castle`)).statusCode).toBe(400);

    // A community sees only what stands inside it.
    const community = await placeByCode(db(), DEMO.community);
    const inCommunity = (await get('officer', `/api/places/${community.id}/facilities`)).json().items as FacilitySummary[];
    expect(inCommunity.map((f) => f.kind).sort()).toEqual(['sampling_site', 'sampling_site', 'sampling_site', 'sampling_site', 'venue']);
  });

  it('shows an isolation site with its rooms; capacity is the sum of the rooms', async () => {
    const site = await facilityByCode(db(), DEMO.isolationSite);
    const res = await get('officer', `/api/facilities/${site.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ code: DEMO.isolationSite, kind: 'isolation_site', name: '银河大酒店隔离点', placeName: '望川区' });
    expect(body.rooms.length).toBeGreaterThan(10);
    expect(body.rooms.every((r: { status: string; capacity: number }) => r.status === 'free' && r.capacity >= 1)).toBe(true);
    expect(body.capacity).toBe(body.rooms.reduce((s: number, r: { capacity: number }) => s + r.capacity, 0));

    const elsewhere = await facilityByCode(db(), DEMO.otherIsolationSite);
    const hidden = await get('officer', `/api/facilities/${elsewhere.id}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('FACILITY_NOT_FOUND');
    expect((await get('admin', `/api/facilities/${elsewhere.id}`)).statusCode).toBe(200);
  });

  it('creates a facility (201, audited) and refuses a taken code or a place outside the scope', async () => {
    const community = await placeByCode(db(), DEMO.community);
    await ctx().login('officer');
    const since = await lastAuditId(db());
    const body = newFacilityBody(community.id, 'sampling_site', { capacityPerHour: 120 });
    const res = await post('officer', '/api/facilities', body);
    expect(res.statusCode).toBe(201);
    // Without its own coordinates a facility stands at its place.
    expect(res.json()).toMatchObject({ code: body.code, kind: 'sampling_site', placeId: community.id, capacityPerHour: 120, rooms: [], lat: community.lat, lng: community.lng });
    const [audit] = await auditSince(db(), since);
    expect(audit).toMatchObject({ action: 'facility.create', entity: 'facility', entity_id: String(res.json().id), place_path: community.path });

    const facilities = await countRows(db(), 'facilities');
    const taken = await post('officer', '/api/facilities', newFacilityBody(community.id, 'venue', { code: body.code }));
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('FACILITY_CODE_TAKEN');
    const other = await placeByCode(db(), DEMO.otherSubdistrict);
    const outside = await post('officer', '/api/facilities', newFacilityBody(other.id, 'venue'));
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.code).toBe('PLACE_PARENT_INVALID');
    expect(await countRows(db(), 'facilities')).toBe(facilities);
  });

  it('adds rooms to an isolation site: capacity follows the sum, a duplicate room is 409 and adds nothing', async () => {
    const district = await placeByCode(db(), DEMO.district);
    const created = (await post('site', '/api/facilities', newFacilityBody(district.id, 'isolation_site', { capacity: 0 }))).json();
    const rooms = (list: { number: string; capacity: number }[]) => post('site', `/api/facilities/${created.id}/rooms`, { rooms: list });

    const first = await rooms([{ number: '101', capacity: 2 }, { number: '102', capacity: 3 }]);
    expect(first.statusCode).toBe(200);
    expect(first.json().capacity).toBe(5);
    expect(first.json().rooms.map((r: { number: string }) => r.number)).toEqual(['101', '102']);

    const dup = await rooms([{ number: '103', capacity: 1 }, { number: '101', capacity: 1 }]);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'ROOM_NUMBER_TAKEN', details: { rooms: ['101'] } });
    const twice = await rooms([{ number: '104', capacity: 1 }, { number: '104', capacity: 1 }]);
    expect(twice.json().error.code).toBe('ROOM_NUMBER_DUPLICATE');

    const second = await rooms([{ number: '103', capacity: 4 }]);
    expect(second.json()).toMatchObject({ capacity: 9 });
    expect((await facilityByCode(db(), created.code)).capacity).toBe(9);
    expect(await db().kysely.selectFrom('facility_rooms').select('number').where('facility_id', '=', created.id).orderBy('number').execute()).toEqual([
      { number: '101' },
      { number: '102' },
      { number: '103' },
    ]);

    const lab = await facilityByCode(db(), 'FL99010101');
    const notSite = await post('admin', `/api/facilities/${lab.id}/rooms`, { rooms: [{ number: '1', capacity: 1 }] });
    expect(notSite.json().error.code).toBe('FACILITY_NOT_ISOLATION_SITE');
  });

  it('updates a facility within scope only', async () => {
    const site = await facilityByCode(db(), 'FS99010100100101');
    const res = await ctx().as('officer', { method: 'PATCH', url: `/api/facilities/${site.id}`, payload: { name: '南关路社区1号采样点(夜间)', capacityPerHour: 200 } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '南关路社区1号采样点(夜间)', capacityPerHour: 200 });
    const elsewhere = await facilityByCode(db(), DEMO.otherIsolationSite);
    const hidden = await ctx().as('officer', { method: 'PATCH', url: `/api/facilities/${elsewhere.id}`, payload: { name: 'x' } });
    expect(hidden.statusCode).toBe(404);
    expect((await facilityByCode(db(), DEMO.otherIsolationSite)).name).toBe(elsewhere.name);
  });
});

describeEachEngine('facilities: capacity and re-import', (engine) => {
  const ctx = useTestApp(engine);
  const db = () => ctx().testDb.db;

  it("refuses a typed capacity for an isolation site: it is the sum of the rooms", async () => {
    const site = await facilityByCode(db(), DEMO.isolationSite);
    const res = await ctx().as('officer', { method: 'PATCH', url: `/api/facilities/${site.id}`, payload: { capacity: 5 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('FACILITY_CAPACITY_FROM_ROOMS');
    const renamed = await ctx().as('officer', { method: 'PATCH', url: `/api/facilities/${site.id}`, payload: { name: '改名隔离点' } });
    expect(renamed.json()).toMatchObject({ name: '改名隔离点', capacity: site.capacity });
  });

  it('updates an existing facility from a re-imported sheet instead of rejecting it', async () => {
    const site = await facilityByCode(db(), DEMO.isolationSite);
    const lab = await db().kysely.selectFrom('facilities as f').innerJoin('places as p', 'p.id', 'f.place_id').select(['f.code', 'p.code as place']).where('f.kind', '=', 'lab').limit(1).executeTakeFirstOrThrow();
    const place = (await db().kysely.selectFrom('places').select('code').where('id', '=', site.place_id).executeTakeFirstOrThrow()).code;
    const loader = createPlaceLoader({ db: db(), clock: () => new Date() }, { userId: null, username: 't', requestId: null }, { all: true });
    await loader.add({ row: 2, code: lab.code, parentCode: lab.place, kind: 'lab', name: '新名字检测中心', capacity: 12345 });
    await loader.add({ row: 3, code: site.code, parentCode: place, kind: 'isolation_site', name: '隔离点新名', capacity: 1 });
    await loader.add({ row: 4, code: site.code + 'X', parentCode: 'NO-SUCH', kind: 'lab', name: 'x' });
    const s = await loader.finish();
    expect(s).toMatchObject({ accepted: 2, updated: 2, created: 0, rejected: 1 });
    expect(await facilityByCode(db(), lab.code)).toMatchObject({ name: '新名字检测中心', capacity: 12345 });
    expect(await facilityByCode(db(), site.code)).toMatchObject({ name: '隔离点新名', capacity: site.capacity });
  });
});
