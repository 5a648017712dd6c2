import { expect, it } from 'vitest';
import { describeEachEngine, useTestApp } from '../../testing/app.ts';
import { createUser } from '../auth/service.ts';
import { auditSince, countRows, createPlaceAs, DEMO, lastAuditId, newPlaceBody, placeByCode, TEST_ACTOR } from '../../testing/fixtures.ts';

type Summary = { id: number; code: string; name: string; kind: string; parentId: number | null; sortOrder: number; childCount: number };

describeEachEngine('places: reading the tree within scope', (engine) => {
  const ctx = useTestApp(engine);
  const db = () => ctx().testDb.db;
  const get = (user: string, url: string) => ctx().as(user, { method: 'GET', url });

  it('gives each user the top places of their own scope', async () => {
    const admin = await get('admin', '/api/places/roots');
    expect(admin.statusCode).toBe(200);
    expect(admin.json().items.map((p: Summary) => [p.code, p.name, p.kind, p.parentId])).toEqual([[DEMO.province, '演示省', 'province', null]]);

    const grid = await placeByCode(db(), DEMO.grid);
    const gridRoots = (await get('grid', '/api/places/roots')).json().items as Summary[];
    expect(gridRoots.map((p) => [p.id, p.kind])).toEqual([[grid.id, 'grid']]);
    expect(gridRoots[0].childCount).toBeGreaterThan(0);

    expect((await get('officer', '/api/places/roots')).json().items.map((p: Summary) => p.code)).toEqual([DEMO.district]);
  });

  it('pages children in sort order with the total', async () => {
    const city = await placeByCode(db(), DEMO.city);
    const first = (await get('admin', `/api/places/${city.id}/children?limit=1`)).json();
    const second = (await get('admin', `/api/places/${city.id}/children?limit=1&offset=1`)).json();
    expect(first.total).toBe(2);
    expect(second.total).toBe(2);
    expect([...first.items, ...second.items].map((p: Summary) => [p.code, p.sortOrder])).toEqual([
      [DEMO.district, 1],
      [DEMO.otherDistrict, 2],
    ]);
    expect((await get('admin', `/api/places/${city.id}/children?limit=1&offset=2`)).json()).toEqual({ items: [], total: 2 });
    expect((await get('admin', `/api/places/${city.id}/children?limit=0`)).statusCode).toBe(400);
  });

  it('shows a place with only the ancestors inside the caller\'s scope', async () => {
    const sub = await placeByCode(db(), DEMO.subdistrict);
    const asAdmin = (await get('admin', `/api/places/${sub.id}`)).json();
    expect(asAdmin).toMatchObject({ code: DEMO.subdistrict, name: '乐群街道', kind: 'subdistrict', path: sub.path, depth: 3 });
    expect(asAdmin.ancestors.map((a: { code: string }) => a.code)).toEqual([DEMO.province, DEMO.city, DEMO.district]);
    expect(asAdmin.facilityCount).toBeGreaterThan(0);

    const asOfficer = (await get('officer', `/api/places/${sub.id}`)).json();
    expect(asOfficer.ancestors.map((a: { code: string }) => a.code)).toEqual([DEMO.district]);
    const asSampler = (await get('sampler', `/api/places/${sub.id}`)).json();
    expect(asSampler.ancestors).toEqual([]);
  });

  it('searches by name and by code prefix, only inside the scope', async () => {
    const search = async (user: string, q: string, extra = '') =>
      ((await get(user, `/api/places?q=${encodeURIComponent(q)}${extra}`)).json().items as Summary[]).map((p) => p.code);

    expect(await search('admin', '第1网格')).toHaveLength(2); // one per district
    expect(await search('grid', '第1网格')).toEqual([DEMO.grid]);
    expect(await search('officer', '北山')).toEqual([]);
    expect(await search('admin', '北山')).toEqual([DEMO.otherDistrict]);

    const byCode = await search('admin', DEMO.otherSubdistrict, '&limit=200');
    expect(byCode[0]).toBe(DEMO.otherSubdistrict);
    expect(byCode.length).toBeGreaterThan(5);
    expect(byCode.every((c) => c.startsWith(DEMO.otherSubdistrict))).toBe(true);
    expect(await search('officer', DEMO.otherSubdistrict)).toEqual([]);
    expect(await search('admin', '9901', '&kind=district')).toEqual([DEMO.district, DEMO.otherDistrict]);
    // LIKE wildcards in the query are literal.
    expect(await search('admin', '9901_1')).toEqual([]);
    expect(await search('admin', '%')).toEqual([]);
    const nul = await get('admin', '/api/places?q=%00');
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.code).toBe('VALUE_INVALID');
  });

  it('answers 404 for a place outside the caller\'s scope, whatever the route', async () => {
    const other = await placeByCode(db(), DEMO.otherSubdistrict);
    const district = await placeByCode(db(), DEMO.district);
    await ctx().login('officer');
    const before = await countRows(db(), 'audit_log');
    const attempts = [
      await get('officer', `/api/places/${other.id}`),
      await get('officer', `/api/places/${other.id}/children`),
      await get('officer', `/api/places/${other.id}/map`),
      await get('officer', `/api/places/${other.id}/facilities`),
      await get('officer', `/api/places/${other.id}/export.xlsx`),
      await ctx().as('officer', { method: 'PATCH', url: `/api/places/${other.id}`, payload: { name: '改名' } }),
      await ctx().as('officer', { method: 'POST', url: `/api/places/${other.id}/move`, payload: { parentId: district.id } }),
    ];
    for (const res of attempts) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('PLACE_NOT_FOUND');
    }
    expect((await placeByCode(db(), DEMO.otherSubdistrict)).name).toBe(other.name);
    expect(await countRows(db(), 'audit_log')).toBe(before);
  });

  it('map gives the child polygons and the facilities of the subtree', async () => {
    const community = await placeByCode(db(), DEMO.community);
    const map = (await get('officer', `/api/places/${community.id}/map`)).json();
    expect(map.place).toMatchObject({ id: community.id, code: DEMO.community });
    expect(map.children.length).toBe(Number((await get('officer', `/api/places/${community.id}/children`)).json().total));
    for (const c of map.children) {
      expect(c.geometry.type).toBe('Polygon');
      expect(c.geometry.coordinates[0].length).toBeGreaterThanOrEqual(4);
    }
    const kinds = map.facilities.map((f: { kind: string }) => f.kind).sort();
    expect(kinds).toEqual(['sampling_site', 'sampling_site', 'sampling_site', 'sampling_site', 'venue']);
  });

  it('exports a subtree as XLSX', async () => {
    const community = await placeByCode(db(), DEMO.community);
    const res = await get('officer', `/api/places/${community.id}/export.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

describeEachEngine('places: changing the tree', (engine) => {
  const ctx = useTestApp(engine);
  const db = () => ctx().testDb.db;
  const post = (user: string, url: string, payload: unknown) => ctx().as(user, { method: 'POST', url, payload: payload as object });

  it('creates a child (201) with its path, depth and an audit row', async () => {
    const district = await placeByCode(db(), DEMO.district);
    await ctx().login('officer'); // the login's own audit row comes first
    const since = await lastAuditId(db());
    const body = newPlaceBody(district.id, 'subdistrict', { sortOrder: 9, lat: 43.9, lng: 125.3 });
    const res = await post('officer', '/api/places', body);
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ code: body.code, kind: 'subdistrict', parentId: district.id, depth: 3, sortOrder: 9, childCount: 0, lat: 43.9 });
    expect(created.path).toBe(`${district.path}${created.id}/`);
    const [audit] = await auditSince(db(), since);
    expect(audit).toMatchObject({ action: 'place.create', entity: 'place', entity_id: String(created.id), place_path: created.path, actor_name: 'officer' });
  });

  it('refuses bad creates with their codes and leaves no rows', async () => {
    const district = await placeByCode(db(), DEMO.district);
    const other = await placeByCode(db(), DEMO.otherDistrict);
    for (const user of ['admin', 'officer']) await ctx().login(user);
    const places = await countRows(db(), 'places');
    const audits = await countRows(db(), 'audit_log');
    const cases: [string, unknown, number, string][] = [
      ['admin', newPlaceBody(district.id, 'subdistrict', { code: DEMO.subdistrict }), 409, 'PLACE_CODE_TAKEN'],
      ['admin', newPlaceBody(987654321, 'subdistrict'), 400, 'PLACE_PARENT_INVALID'],
      ['admin', newPlaceBody(district.id, 'city'), 400, 'PLACE_KIND_ORDER'],
      ['admin', newPlaceBody(district.id, 'district'), 400, 'PLACE_KIND_ORDER'],
      ['officer', newPlaceBody(other.id, 'subdistrict'), 400, 'PLACE_PARENT_INVALID'],
      ['officer', newPlaceBody(null, 'province'), 400, 'PLACE_PARENT_INVALID'],
      ['admin', newPlaceBody(district.id, 'subdistrict', { code: 'has space' }), 400, 'PLACE_CODE_INVALID'],
      ['admin', newPlaceBody(district.id, 'subdistrict', { lat: 43.9 }), 400, 'PLACE_COORDINATES_INVALID'],
      ['admin', newPlaceBody(district.id, 'planet'), 400, 'VALIDATION_FAILED'],
      ['admin', newPlaceBody(district.id, 'subdistrict', { name: '街道\u0000' }), 400, 'VALUE_INVALID'],
    ];
    for (const [user, body, status, code] of cases) {
      const res = await post(user, '/api/places', body);
      expect(res.statusCode, `${code} ${res.body}`).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    const { name: _name, ...noName } = newPlaceBody(district.id, 'subdistrict');
    const missing = await post('admin', '/api/places', noName);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining("'name'") });

    const malformed = await ctx().as('admin', { method: 'POST', url: '/api/places', headers: { 'content-type': 'application/json' }, payload: '{"code": "X1", ' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('JSON_INVALID');

    expect(await countRows(db(), 'places')).toBe(places);
    expect(await countRows(db(), 'audit_log')).toBe(audits);
  });

  it('updates name and sort order, audited with before and after', async () => {
    const sub = await createPlaceAs(ctx(), 'admin', (await placeByCode(db(), DEMO.district)).id, 'subdistrict', { name: '旧名街道', sortOrder: 3 });
    await ctx().login('officer');
    const since = await lastAuditId(db());
    const res = await ctx().as('officer', { method: 'PATCH', url: `/api/places/${sub.id}`, payload: { name: ' 新名街道 ', sortOrder: 7 } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '新名街道', sortOrder: 7 });
    expect(await placeByCode(db(), sub.code)).toMatchObject({ name: '新名街道', sort_order: 7 });
    const [audit] = await auditSince(db(), since);
    expect(audit).toMatchObject({ action: 'place.update', entity_id: String(sub.id), actor_name: 'officer' });
    expect(audit.before).toMatchObject({ name: '旧名街道', sort_order: 3 });
    expect(audit.after).toMatchObject({ name: '新名街道', sort_order: 7 });

    const empty = await ctx().as('officer', { method: 'PATCH', url: `/api/places/${sub.id}`, payload: {} });
    expect(empty.statusCode).toBe(400);
  });

  it('moves a subtree: descendants\' paths and depths follow; a cycle is refused and changes nothing', async () => {
    const a = await createPlaceAs(ctx(), 'admin', (await placeByCode(db(), DEMO.district)).id, 'subdistrict');
    const b = await createPlaceAs(ctx(), 'admin', (await placeByCode(db(), DEMO.otherDistrict)).id, 'subdistrict');
    const community = await createPlaceAs(ctx(), 'admin', a.id, 'community');
    const compound = await createPlaceAs(ctx(), 'admin', community.id, 'compound');
    const grid = await createPlaceAs(ctx(), 'admin', compound.id, 'grid');

    const res = await post('admin', `/api/places/${community.id}/move`, { parentId: b.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ parentId: b.id, path: `${b.path}${community.id}/`, depth: 4 });
    const movedGrid = await placeByCode(db(), grid.code);
    expect(movedGrid.path).toBe(`${b.path}${community.id}/${compound.id}/${grid.id}/`);
    expect(movedGrid.depth).toBe(6);
    expect((await ctx().as('admin', { method: 'GET', url: `/api/places/${a.id}/children` })).json().total).toBe(0);
    // The officer of 望川区 no longer sees what moved to 北山区.
    expect((await ctx().as('officer', { method: 'GET', url: `/api/places/${grid.id}` })).statusCode).toBe(404);

    const audits = await countRows(db(), 'audit_log');
    for (const target of [community.id, grid.id]) {
      const cycle = await post('admin', `/api/places/${community.id}/move`, { parentId: target });
      expect(cycle.statusCode).toBe(400);
      expect(cycle.json().error.code).toBe('PLACE_MOVE_CYCLE');
    }
    expect(await placeByCode(db(), grid.code)).toMatchObject({ path: movedGrid.path, depth: 6 });
    expect(await placeByCode(db(), community.code)).toMatchObject({ parent_id: b.id });
    expect(await countRows(db(), 'audit_log')).toBe(audits);

    const compoundElsewhere = (await placeByCode(db(), '990101001001001')).id;
    const kindOrder = await post('admin', `/api/places/${community.id}/move`, { parentId: compoundElsewhere });
    expect(kindOrder.json().error.code).toBe('PLACE_KIND_ORDER');
    const root = await post('admin', `/api/places/${(await placeByCode(db(), DEMO.province)).id}/move`, { parentId: b.id });
    expect(root.json().error.code).toBe('PLACE_MOVE_ROOT');
  });

  it('does not let an officer move a place into another district', async () => {
    const sub = await createPlaceAs(ctx(), 'officer', (await placeByCode(db(), DEMO.district)).id, 'subdistrict');
    const community = await createPlaceAs(ctx(), 'officer', sub.id, 'community');
    const res = await post('officer', `/api/places/${community.id}/move`, { parentId: (await placeByCode(db(), DEMO.otherSubdistrict)).id });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('PLACE_PARENT_INVALID');
    expect((await placeByCode(db(), community.code)).parent_id).toBe(sub.id);
  });

  it('does not let a user move the top of their scope out of a parent they do not hold', async () => {
    // Scoped to one community of 望川区 and to all of 北山区: both ends of the move are visible.
    await createUser({ db: db(), clock: () => new Date() }, TEST_ACTOR, {
      username: 'twoplaces',
      password: 'two-places-pw',
      roles: [{ role: 'district_officer', placeCode: DEMO.community }, { role: 'district_officer', placeCode: DEMO.otherDistrict }],
    });
    const login = await ctx().app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'twoplaces', password: 'two-places-pw' } });
    const community = await placeByCode(db(), DEMO.community);
    const target = await placeByCode(db(), DEMO.otherSubdistrict);
    const res = await ctx().app.inject({
      method: 'POST',
      url: `/api/places/${community.id}/move`,
      headers: { authorization: `Bearer ${login.json().token}` },
      payload: { parentId: target.id },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('PLACE_MOVE_OUT_OF_SCOPE');
    expect(await placeByCode(db(), DEMO.community)).toMatchObject({ parent_id: community.parent_id, path: community.path });
  });
});

describeEachEngine('places: subtree', (engine) => {
  const ctx = useTestApp(engine);

  it('lists descendants in tree order, by kind and depth, inside the scope only', async () => {
    const city = (await ctx().as('admin', { url: '/api/places?q=990100' })).json().items[0];
    const districts = (await ctx().as('admin', { url: `/api/places/${city.id}/subtree?levels=1` })).json().items;
    expect(districts.length).toBeGreaterThan(1);
    expect(districts.every((p: { kind: string; parentId: number }) => p.kind === 'district' && p.parentId === city.id)).toBe(true);
    const grids = (await ctx().as('admin', { url: `/api/places/${city.id}/subtree?kinds=grid,compound&limit=1000` })).json().items;
    expect(new Set(grids.map((p: { kind: string }) => p.kind))).toEqual(new Set(['grid', 'compound']));
    // Tree order: every compound comes before its grids.
    const seen = new Set<number>();
    for (const p of grids) {
      if (p.kind === 'grid') expect(seen.has(p.parentId)).toBe(true);
      seen.add(p.id);
    }
    expect((await ctx().as('grid', { url: `/api/places/${city.id}/subtree` })).statusCode).toBe(404);
    expect((await ctx().as('admin', { url: `/api/places/${city.id}/subtree?kinds=castle` })).json().error.code).toBe('PLACE_KIND_INVALID');
  });
});
