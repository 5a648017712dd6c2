import { expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { describeEachEngine, useTestApp } from '../../testing/app.ts';
import { idCard, personBody } from '../../testing/factories.ts';
import { recountRollup } from './rollup.ts';
import ExcelJS from 'exceljs';

describeEachEngine('census', (engine) => {
  const ctx = useTestApp(engine);

  async function gridOfGridWorker() {
    return (await ctx().as('grid', { url: '/api/places/roots' })).json().items[0] as { id: number; code: string };
  }
  async function households(placeId: number, query = '') {
    return (await ctx().as('grid', { url: `/api/census/households?placeId=${placeId}&limit=1000${query}` })).json().items as { id: number; members: number; lastOutcome: string | null }[];
  }
  async function coverageOf(placeId: number) {
    return (await ctx().as('grid', { url: `/api/census/coverage/${placeId}` })).json();
  }

  it('records a visit that confirms residents, adds a newcomer and moves one out; coverage rises', async () => {
    const grid = await gridOfGridWorker();
    const [h] = await households(grid.id);
    const a = (await ctx().as('grid', { method: 'POST', url: '/api/persons', payload: personBody({ householdId: h.id }) })).json().person;
    const b = (await ctx().as('grid', { method: 'POST', url: '/api/persons', payload: personBody({ householdId: h.id }) })).json().person;
    const before = await coverageOf(grid.id);

    const visit = {
      clientId: randomUUID(),
      householdId: h.id,
      outcome: 'present',
      seen: [a.id],
      movedOut: [b.id],
      added: [{ idNumber: idCard({ birthDate: '2020-02-02' }), name: '新生儿', tags: ['infant'] }],
    };
    const res = await ctx().as('grid', { method: 'POST', url: '/api/census/visits', payload: visit });
    expect(res.statusCode).toBe(201);
    expect(res.json().visit).toMatchObject({ householdId: h.id, outcome: 'present', seen: [a.id], movedOut: [b.id] });
    expect(res.json().visit.added).toHaveLength(1);

    const after = await coverageOf(grid.id);
    expect(after.place.visited).toBe(before.place.visited + 1);
    // b moved out (−1), the newborn moved in (+1); a and the newborn are confirmed.
    expect(after.place.people).toBe(before.place.people);
    expect(after.place.confirmed).toBe(before.place.confirmed + 2);
    const detail = (await ctx().as('grid', { url: `/api/census/households/${h.id}` })).json();
    expect(detail.members.find((m: { id: number }) => m.id === b.id).status).toBe('moved_out');
    expect(detail.visits[0]).toMatchObject({ outcome: 'present', visitor: 'grid' });
  });

  it('stores a replayed visit once and answers the same', async () => {
    const grid = await gridOfGridWorker();
    const [, h] = await households(grid.id);
    const visit = { clientId: randomUUID(), householdId: h.id, outcome: 'absent' };
    const first = await ctx().as('grid', { method: 'POST', url: '/api/census/visits', payload: visit });
    const second = await ctx().as('grid', { method: 'POST', url: '/api/census/visits', payload: visit });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual({ ...first.json(), replayed: true });
    const rows = await ctx().testDb.db.kysely.selectFrom('census_visits').select('id').where('client_id', '=', visit.clientId).execute();
    expect(rows).toHaveLength(1);
    const reused = await ctx().as('grid', { method: 'POST', url: '/api/census/visits', payload: { ...visit, householdId: h.id + 1 } });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('CENSUS_CLIENT_ID_REUSED');
  });

  it('lists households not yet visited, and they leave the list once visited', async () => {
    const grid = await gridOfGridWorker();
    const unvisited = await households(grid.id, '&unvisited=true');
    const target = unvisited[0];
    await ctx().as('grid', { method: 'POST', url: '/api/census/visits', payload: { clientId: randomUUID(), householdId: target.id, outcome: 'vacant' } });
    const now = await households(grid.id, '&unvisited=true');
    expect(now.map((h) => h.id)).not.toContain(target.id);
    expect(now.length).toBe(unvisited.length - 1);
    const xlsx = await ctx().as('grid', { url: `/api/census/unvisited/${grid.id}/export.xlsx` });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses bad visits with clear codes and writes nothing', async () => {
    const grid = await gridOfGridWorker();
    const [h, other] = await households(grid.id);
    const stranger = (await ctx().as('grid', { method: 'POST', url: '/api/persons', payload: personBody({ householdId: other.id }) })).json().person;
    const cases: [Record<string, unknown>, number, string][] = [
      [{ householdId: h.id, outcome: 'present', seen: [stranger.id] }, 400, 'CENSUS_PERSON_NOT_IN_HOUSEHOLD'],
      [{ householdId: grid.id, outcome: 'present' }, 400, 'CENSUS_NOT_A_HOUSEHOLD'],
      [{ householdId: h.id, outcome: 'absent', added: [{ idNumber: idCard(), name: '某人' }] }, 400, 'CENSUS_OUTCOME_CONFLICT'],
      [{ householdId: h.id, outcome: 'present', added: [{ idNumber: '123', name: '坏号' }] }, 400, 'PERSON_ID_FORMAT'],
      [{ householdId: h.id, outcome: 'maybe' }, 400, 'VALIDATION_FAILED'],
      [{ householdId: 1, outcome: 'present' }, 404, 'PLACE_NOT_FOUND'],
    ];
    for (const [body, status, code] of cases) {
      const clientId = randomUUID();
      const res = await ctx().as('grid', { method: 'POST', url: '/api/census/visits', payload: { clientId, ...body } });
      expect([res.statusCode, res.json().error?.code], JSON.stringify(body)).toEqual([status, code]);
      const stored = await ctx().testDb.db.kysely.selectFrom('census_visits').select('id').where('client_id', '=', clientId).execute();
      expect(stored).toHaveLength(0);
    }
  });

  it('rolls coverage up the tree: the city adds up its districts', async () => {
    const city = (await ctx().as('commander', { url: '/api/places?q=990100' })).json().items[0];
    const cov = (await ctx().as('commander', { url: `/api/census/coverage/${city.id}` })).json();
    expect(cov.children.length).toBeGreaterThan(1);
    expect(cov.place.households).toBe(cov.children.reduce((s: number, c: { households: number }) => s + c.households, 0));
    expect(cov.children.every((c: { kind: string }) => c.kind === 'district')).toBe(true);
    expect((await ctx().as('grid', { url: `/api/census/coverage/${city.id}` })).statusCode).toBe(404);
    const sheet = await ctx().as('commander', { url: `/api/census/coverage/${city.id}/export.xlsx` });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sheet.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(cov.children.length + 2); // header, one row per district, the total
    expect(ws.getRow(ws.rowCount).getCell(3).value).toBe(cov.place.households);
  });
});

describeEachEngine('coverage rollup', (engine) => {
  const ctx = useTestApp(engine);
  const snapshot = async () =>
    (await ctx().testDb.db.kysely.selectFrom('place_rollup').selectAll().orderBy('place_id').execute()).map((r) => ({ ...r }));

  it('stays equal to a full recount through loads, visits, moves, status changes and a new campaign', async () => {
    const k = ctx().testDb.db.kysely;
    expect(await snapshot()).toEqual(await recounted());
    const grid = (await ctx().as('grid', { url: '/api/places/roots' })).json().items[0];
    const hh = (await ctx().as('grid', { url: `/api/census/households?placeId=${grid.id}&limit=4` })).json().items;
    const p = (await ctx().as('grid', { method: 'POST', url: '/api/persons', payload: personBody({ householdId: hh[0].id }) })).json().person;
    await ctx().as('grid', { method: 'POST', url: '/api/census/visits', payload: { clientId: randomUUID(), householdId: hh[0].id, outcome: 'present', seen: [p.id] } });
    await ctx().as('grid', { method: 'PATCH', url: `/api/persons/${p.id}`, payload: { householdId: hh[1].id } });
    await ctx().as('grid', { method: 'POST', url: '/api/census/visits', payload: { clientId: randomUUID(), householdId: hh[1].id, outcome: 'present', movedOut: [p.id] } });
    // Move a whole building from another district into the grid worker's grid.
    const building = await k.selectFrom('places').select(['id']).where('kind', '=', 'building').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect((await ctx().as('admin', { method: 'POST', url: `/api/places/${building.id}/move`, payload: { parentId: grid.id } })).statusCode).toBe(200);
    expect(await snapshot()).toEqual(await recounted());

    const started = await ctx().as('admin', { method: 'POST', url: '/api/census/campaigns', payload: { name: '第二轮敲门行动' } });
    expect(started.statusCode).toBe(201);
    const cov = (await ctx().as('grid', { url: `/api/census/coverage/${grid.id}` })).json();
    expect(cov.place).toMatchObject({ visited: 0, confirmed: 0 });
    expect(cov.place.households).toBeGreaterThan(0);
    await ctx().as('grid', { method: 'POST', url: '/api/census/visits', payload: { clientId: randomUUID(), householdId: hh[2].id, outcome: 'absent' } });
    expect((await ctx().as('grid', { url: `/api/census/coverage/${grid.id}` })).json().place.visited).toBe(1);
    expect(await snapshot()).toEqual(await recounted());
    expect((await ctx().as('officer', { method: 'POST', url: '/api/census/campaigns', payload: { name: 'x' } })).statusCode).toBe(403);

    async function recounted() {
      const before = await snapshot();
      await recountRollup(ctx().testDb.db.kysely);
      const after = await snapshot();
      // Restore what the incremental path produced, so the next comparison still tests it.
      for (const r of before) await k.updateTable('place_rollup').set(r).where('place_id', '=', r.place_id).execute();
      return after;
    }
  });
});

describeEachEngine('census: late and concurrent visits', (engine) => {
  const ctx = useTestApp(engine);

  it('counts a household once when two visits arrive together, and a late old visit does not undo a confirmation', async () => {
    const grid = (await ctx().as('grid', { url: '/api/places/roots' })).json().items[0];
    const [h] = (await ctx().as('grid', { url: `/api/census/households?placeId=${grid.id}&limit=1` })).json().items;
    const p = (await ctx().as('grid', { method: 'POST', url: '/api/persons', payload: personBody({ householdId: h.id }) })).json().person;
    const before = (await ctx().as('grid', { url: `/api/census/coverage/${grid.id}` })).json().place;
    const visit = (over: object) => ctx().as('grid', { method: 'POST', url: '/api/census/visits', payload: { clientId: randomUUID(), householdId: h.id, outcome: 'present', seen: [p.id], ...over } });
    const [a, b] = await Promise.all([visit({}), visit({})]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    expect((await visit({ visitedAt: yesterday })).statusCode).toBe(201);
    const after = (await ctx().as('grid', { url: `/api/census/coverage/${grid.id}` })).json().place;
    expect(after.visited).toBe(before.visited + 1);
    expect(after.confirmed).toBe(before.confirmed + 1);
    const stored = await ctx().testDb.db.kysely.selectFrom('persons').select('confirmed_at').where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(new Date(stored.confirmed_at!).getTime()).toBeGreaterThan(Date.parse(yesterday) + 3_600_000);
  });
});
