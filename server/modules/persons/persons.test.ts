import { expect, it } from 'vitest';
import { describeEachEngine, useTestApp } from '../../testing/app.ts';
import { idCard, personBody, withWrongCheckDigit } from '../../testing/factories.ts';

describeEachEngine('persons', (engine) => {
  const ctx = useTestApp(engine);

  async function firstHouseholdOf(user: string) {
    const roots = (await ctx().as(user, { url: '/api/places/roots' })).json().items;
    const res = await ctx().as(user, { url: `/api/census/households?placeId=${roots[0].id}&limit=5` });
    return res.json().items as { id: number; code: string }[];
  }

  it('creates a person, derives sex and birth date from the ID, masks the ID number and phone', async () => {
    const [h] = await firstHouseholdOf('grid');
    const idNumber = idCard({ birthDate: '1980-01-01', sex: 'F' });
    const res = await ctx().as('grid', { method: 'POST', url: '/api/persons', payload: personBody({ idNumber, phone: '13812345678', householdId: h.id }) });
    expect(res.statusCode).toBe(201);
    const p = res.json().person;
    expect(p).toMatchObject({ sex: 'F', birthDate: '1980-01-01', phone: '138****5678', masked: true, householdId: h.id });
    expect(p.idNumber).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
    expect(JSON.stringify(res.json())).not.toContain(idNumber);
  });

  it('updates the same person when created again (one person per document) and says so', async () => {
    const [h] = await firstHouseholdOf('grid');
    const body = personBody({ householdId: h.id });
    expect((await ctx().as('grid', { method: 'POST', url: '/api/persons', payload: body })).statusCode).toBe(201);
    const again = await ctx().as('grid', { method: 'POST', url: '/api/persons', payload: { ...body, name: '改名后' } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: false, person: { name: '改名后' } });
    const found = await ctx().as('grid', { url: `/api/persons?q=${body.idNumber}` });
    expect(found.json().items).toHaveLength(1);
  });

  it.each([
    [{ idNumber: withWrongCheckDigit(idCard()) }, 'PERSON_ID_INVALID'],
    [{ idNumber: idCard({ sex: 'M' }), sex: 'F' }, 'PERSON_SEX_MISMATCH'],
    [{ idNumber: idCard({ birthDate: '1990-05-05' }), birthDate: '1990-05-06' }, 'PERSON_BIRTH_DATE_MISMATCH'],
    [{ idType: 'passport', idNumber: 'E1234', birthDate: '2999-01-01' }, 'PERSON_BIRTH_DATE_INVALID'],
    [{ phone: 'call me' }, 'PERSON_PHONE_INVALID'],
    [{ householdId: 1 }, 'PERSON_HOUSEHOLD_UNKNOWN'],
  ])('refuses bad input %j with %s and stores nothing', async (over, code) => {
    const before = await ctx().testDb.db.kysely.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await ctx().as('admin', { method: 'POST', url: '/api/persons', payload: personBody(over) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe(code);
    const after = await ctx().testDb.db.kysely.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('finds people by ID number and phone through keyed hashes, and by name, only inside the scope', async () => {
    const [h] = await firstHouseholdOf('grid');
    const body = personBody({ name: '欧阳查找', phone: '13900001111', householdId: h.id });
    await ctx().as('grid', { method: 'POST', url: '/api/persons', payload: body });
    for (const q of [body.idNumber, '13900001111', '欧阳']) {
      const res = await ctx().as('grid', { url: `/api/persons?q=${encodeURIComponent(q)}` });
      expect(res.json().items.map((p: { name: string }) => p.name), q).toContain('欧阳查找');
    }
    // A resident has no persons.read at all.
    expect((await ctx().as('resident', { url: `/api/persons?q=欧阳` })).statusCode).toBe(403);
    const stored = await ctx().testDb.db.kysely.selectFrom('persons').select(['id_number', 'id_hash', 'phone_hash']).where('name', '=', '欧阳查找').executeTakeFirstOrThrow();
    expect(stored.id_hash).not.toContain(body.idNumber);
    expect(stored.phone_hash).not.toContain('13900001111');
  });

  it('shows the full numbers only with persons.unmask, and audits every unmask', async () => {
    const [h] = await firstHouseholdOf('grid');
    const body = personBody({ householdId: h.id });
    const id = (await ctx().as('grid', { method: 'POST', url: '/api/persons', payload: body })).json().person.id;
    expect((await ctx().as('grid', { url: `/api/persons/${id}?unmask=true` })).statusCode).toBe(403);
    const res = await ctx().as('commander', { url: `/api/persons/${id}?unmask=true` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ idNumber: body.idNumber, masked: false });
    const audit = await ctx().testDb.db.kysely.selectFrom('audit_log').select(['actor_name']).where('action', '=', 'person.unmask').where('entity_id', '=', String(id)).execute();
    expect(audit.map((a) => a.actor_name)).toEqual(['commander']);
    const masked = await ctx().as('commander', { url: `/api/persons/${id}` });
    expect(masked.json().masked).toBe(true);
    expect(masked.json().history.map((e: { action: string }) => e.action)).toContain('person.unmask');
  });

  it('keeps a grid worker to their grid: households and people of another district are not theirs', async () => {
    const districts = (await ctx().as('admin', { url: '/api/places?q=区&kind=district' })).json().items;
    const other = districts[districts.length - 1];
    const households = (await ctx().as('admin', { url: `/api/census/households?placeId=${other.id}&limit=1` })).json().items;
    const res = await ctx().as('grid', { method: 'POST', url: '/api/persons', payload: personBody({ householdId: households[0].id }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('PERSON_HOUSEHOLD_UNKNOWN');
    const created = await ctx().as('admin', { method: 'POST', url: '/api/persons', payload: personBody({ householdId: households[0].id }) });
    const id = created.json().person.id;
    expect((await ctx().as('grid', { url: `/api/persons/${id}` })).statusCode).toBe(404);
  });
});

describeEachEngine('persons: scope of new records', (engine) => {
  const ctx = useTestApp(engine);

  it('makes area staff name a household, so they never create a record they cannot see', async () => {
    const res = await ctx().as('officer', { method: 'POST', url: '/api/persons', payload: personBody() });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('PERSON_HOUSEHOLD_REQUIRED');
    expect((await ctx().as('admin', { method: 'POST', url: '/api/persons', payload: personBody() })).statusCode).toBe(201);
  });

  it('applies the place filter to a passport search too', async () => {
    const grid = (await ctx().as('grid', { url: '/api/places/roots' })).json().items[0];
    const [h] = (await ctx().as('grid', { url: `/api/census/households?placeId=${grid.id}&limit=1` })).json().items;
    const passport = { idType: 'passport', idNumber: 'E12345678', name: 'Anna Schmidt', birthDate: '1990-01-01', householdId: h.id };
    expect((await ctx().as('admin', { method: 'POST', url: '/api/persons', payload: passport })).statusCode).toBe(201);
    const inGrid = await ctx().as('admin', { url: `/api/persons?q=E12345678&placeId=${grid.id}` });
    expect(inGrid.json().items.map((p: { name: string }) => p.name)).toEqual(['Anna Schmidt']);
    const district = (await ctx().as('admin', { url: '/api/places?q=990102' })).json().items[0];
    const elsewhere = await ctx().as('admin', { url: `/api/persons?q=E12345678&placeId=${district.id}` });
    expect(elsewhere.json().items).toEqual([]);
  });
});
