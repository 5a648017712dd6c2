// A testing round end to end on both engines: create and plan, register (with replays and every
// refusal), box and receive, results with a pool positive and its follow-up, retests, coverage and
// the missing list, turnaround, FHIR, antigen self-tests, scope.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { Value } from '@sinclair/typebox/value';
import { describeEachEngine, useTestApp, type TestApp } from '../../testing/app.ts';
import { DEMO, lastAuditId, auditSince, placeByCode } from '../../testing/fixtures.ts';
import { countCoverage } from './rollup.ts';
import { labResultsToFhirBundle } from '../../../domain/fhir.ts';
import { RegistrationOutcome, RegistrationResult } from './schemas.ts';

interface Resident {
  id: number;
  id_number: string;
  household_id: number;
  path: string;
}

/** Active residents under a place, in tree order, with their household path. */
async function residentsUnder(t: TestApp, code: string, n: number): Promise<Resident[]> {
  const place = await placeByCode(t.testDb.db, code);
  const r = await sql<Resident>`
    SELECT p.id, p.id_number, p.household_id, h.path FROM persons p JOIN places h ON h.id = p.household_id
    WHERE p.status = 'active' AND p.id_type = 'id_card' AND h.path LIKE ${place.path + '%'} ORDER BY h.path, p.id LIMIT ${n}`.execute(t.testDb.db.kysely);
  return r.rows;
}

async function fixedSite(t: TestApp, underCode: string) {
  const place = await placeByCode(t.testDb.db, underCode);
  const r = await sql<{ id: number; code: string }>`
    SELECT f.id, f.code FROM facilities f JOIN places p ON p.id = f.place_id
    WHERE f.kind = 'sampling_site' AND f.site_mode = 'fixed' AND p.path LIKE ${place.path + '%'} ORDER BY f.code LIMIT 1`.execute(t.testDb.db.kysely);
  return r.rows[0];
}

async function labCode(t: TestApp) {
  const r = await t.testDb.db.kysely.selectFrom('facilities').select('code').where('kind', '=', 'lab').orderBy('code').limit(1).executeTakeFirstOrThrow();
  return r.code;
}

const reg = (roundId: number, tubeCode: string, person: string, extra: Record<string, unknown> = {}) => ({ clientId: randomUUID(), roundId, tubeCode, person, ...extra });

describeEachEngine('screening rounds', (engine) => {
  const now = new Date();
  const ctx = useTestApp(engine);
  let roundId = 0;
  let siteCode = '';
  let people: Resident[] = [];
  const tube = (name: string) => `T${engine === 'pglite' ? 'L' : 'P'}${name}`;

  async function createRound(user: string, name: string, zones: { placeId: number; level: string }[] = [], startedHoursAgo = 1) {
    const district = await placeByCode(ctx().testDb.db, DEMO.district);
    return ctx().as(user, {
      method: 'POST',
      url: '/api/screening/rounds',
      payload: { name, placeIds: [district.id], startsAt: new Date(now.getTime() - startedHoursAgo * 3_600_000).toISOString(), deadline: new Date(now.getTime() + 23 * 3_600_000).toISOString(), zones },
    });
  }

  it('an officer creates a round over the district; it is planned into slots and door-to-door visits', async () => {
    const t = ctx();
    people = await residentsUnder(t, DEMO.subdistrict, 30);
    siteCode = (await fixedSite(t, DEMO.subdistrict)).code;
    // The last unit of the subdistrict is sealed: away from the residents the tests sample.
    const sub = await placeByCode(t.testDb.db, DEMO.subdistrict);
    const sealed = await t.testDb.db.kysely.selectFrom('places').select(['id', 'path']).where('kind', '=', 'unit').where('path', 'like', `${sub.path}%`).orderBy('path', 'desc').executeTakeFirstOrThrow();
    expect(people.some((p) => p.path.startsWith(sealed.path))).toBe(false);
    const before = await lastAuditId(t.testDb.db);
    const res = await createRound('officer', `第一轮-${engine}`, [{ placeId: sealed.id, level: 'sealed' }]);
    expect(res.statusCode, res.body).toBe(201);
    const round = res.json();
    roundId = round.id;
    expect(round.modes).toEqual({ sealed: 'single', controlled: 'pool10', precaution: 'pool20' });
    expect(round.progress.expected).toBeGreaterThan(0);
    expect(round.progress.sampled).toBe(0);
    const sites = await t.as('sampler', { method: 'GET', url: `/api/screening/rounds/${roundId}/sites` });
    expect(sites.statusCode).toBe(200);
    const items = sites.json().items as { siteMode: string; slots: number; doorVisits: number }[];
    expect(items.some((s) => s.siteMode === 'fixed' && s.slots > 0)).toBe(true);
    expect(items.some((s) => s.siteMode === 'door')).toBe(true);
    // 分时段分批: the fixed site's slots, one building each, in time order within the round, none sampled yet.
    const site = (sites.json().items as { id: number; code: string }[]).find((x) => x.code === siteCode)!;
    const slots = await t.as('sampler', { method: 'GET', url: `/api/screening/rounds/${roundId}/slots?siteId=${site.id}` });
    expect(slots.statusCode, slots.body).toBe(200);
    const rows = slots.json().items as { siteId: number; startsAt: string; endsAt: string; people: number; sampled: number; compoundName: string | null }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => typeof r.compoundName === 'string' && r.compoundName.length > 0)).toBe(true);
    expect(rows.every((r) => r.siteId === site.id && r.people > 0 && r.sampled === 0 && r.endsAt > r.startsAt)).toBe(true);
    expect(rows.map((r) => r.startsAt)).toEqual([...rows.map((r) => r.startsAt)].sort());
    const audit = await auditSince(t.testDb.db, before);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['screening.round.create', 'screening.round.plan']));
  });

  it('refuses a bad round: deadline before start, pooled sealed areas, a place outside the scope', async () => {
    const t = ctx();
    const district = await placeByCode(t.testDb.db, DEMO.district);
    const other = await placeByCode(t.testDb.db, DEMO.otherDistrict);
    const base = { name: `坏-${engine}`, placeIds: [district.id], startsAt: now.toISOString(), deadline: now.toISOString() };
    expect((await t.as('officer', { method: 'POST', url: '/api/screening/rounds', payload: base })).json().error.code).toBe('ROUND_TIME_INVALID');
    const later = { ...base, deadline: new Date(now.getTime() + 3_600_000).toISOString() };
    const pooled = await t.as('officer', { method: 'POST', url: '/api/screening/rounds', payload: { ...later, modes: { sealed: 'pool10', controlled: 'pool10', precaution: 'pool20' } } });
    expect(pooled.statusCode).toBe(400);
    expect(pooled.json().error.code).toBe('ROUND_MODES_INVALID');
    const outside = await t.as('officer', { method: 'POST', url: '/api/screening/rounds', payload: { ...later, placeIds: [other.id] } });
    expect(outside.json().error.code).toBe('ROUND_PLACE_UNKNOWN');
    expect((await t.as('sampler', { method: 'POST', url: '/api/screening/rounds', payload: later })).statusCode).toBe(403);
  });

  it('registers a pooled tube; a replayed batch stores nothing twice and answers the same', async () => {
    const t = ctx();
    const batch = { items: people.slice(0, 3).map((p) => reg(roundId, tube('POOL1'), p.id_number, { siteCode })) };
    const first = await t.as('sampler', { method: 'POST', url: '/api/screening/registrations', payload: batch });
    expect(first.statusCode, first.body).toBe(201);
    const answers = first.json().items;
    expect(answers.map((a: { slot: number }) => a.slot)).toEqual([1, 2, 3]);
    expect(answers[0].tube).toMatchObject({ code: tube('POOL1'), kind: 'pool', capacity: 20, members: 3, sealed: false });
    expect(answers[0].person.idNumber).toContain('*');
    // The answer holds its schema (the OpenAPI document says so) and nothing beyond it.
    expect(Value.Check(RegistrationResult, first.json())).toBe(true);
    expect(Object.keys(answers[0]).sort()).toEqual(Object.keys(RegistrationOutcome.properties).sort());
    expect(Object.keys(answers[0].tube).sort()).toEqual(Object.keys(RegistrationOutcome.properties.tube.properties).sort());
    expect(Object.keys(answers[0].person).sort()).toEqual(Object.keys(RegistrationOutcome.properties.person.properties).sort());
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    const again = await t.as('sampler', { method: 'POST', url: '/api/screening/registrations', payload: batch });
    expect(again.statusCode).toBe(200);
    expect(again.json().items.map((a: { sampleId: number; slot: number }) => [a.sampleId, a.slot])).toEqual(answers.map((a: { sampleId: number; slot: number }) => [a.sampleId, a.slot]));
    const view = await t.as('admin', { method: 'GET', url: `/api/screening/tubes/${tube('POOL1')}` });
    expect(view.json().members).toBe(3);
    expect(view.json().people).toHaveLength(3);
    // The schedule shows each building's progress: the three people's buildings gained them, once (the replay added nothing).
    const slots = (await t.as('officer', { method: 'GET', url: `/api/screening/rounds/${roundId}/slots?limit=1000` })).json().items as { buildingId: number; sampled: number }[];
    const wanted = new Map<number, number>();
    for (const p of people.slice(0, 3)) {
      const b = await sql<{ id: number }>`SELECT id FROM places WHERE kind = 'building' AND ${p.path} LIKE path || '%'`.execute(t.testDb.db.kysely);
      wanted.set(b.rows[0].id, (wanted.get(b.rows[0].id) ?? 0) + 1);
    }
    for (const [building, n] of wanted) expect(slots.filter((x) => x.buildingId === building).map((x) => x.sampled)).toContain(n);
  });

  it('refuses a full tube, a tube of another round, an unknown person — and stores nothing of a bad batch', async () => {
    const t = ctx();
    const single = await t.as('sampler', {
      method: 'POST',
      url: '/api/screening/registrations',
      payload: { items: [reg(roundId, tube('S1'), people[3].id_number, { tubeKind: 'single' }), reg(roundId, tube('S1'), people[4].id_number)] },
    });
    expect(single.statusCode).toBe(409);
    expect(single.json().error.code).toBe('TUBE_FULL');
    expect(single.json().error.details.items[0]).toMatchObject({ index: 1, code: 'TUBE_FULL' });
    expect((await t.as('admin', { method: 'GET', url: `/api/screening/tubes/${tube('S1')}` })).statusCode).toBe(404); // the whole batch was refused

    const unknown = await t.as('sampler', { method: 'POST', url: '/api/screening/registrations', payload: { items: [reg(roundId, tube('X1'), '990101199001011234')] } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'SAMPLE_PERSON_UNKNOWN', details: { items: [{ scanned: '990101199001011234' }] } });

    const other = await createRound('officer', `第二轮-${engine}`);
    expect(other.statusCode).toBe(201);
    const reused = await t.as('sampler', { method: 'POST', url: '/api/screening/registrations', payload: { items: [reg(other.json().id, tube('POOL1'), people[5].id_number)] } });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('TUBE_ALREADY_USED');
    await t.as('officer', { method: 'POST', url: `/api/screening/rounds/${other.json().id}/close` });
  });

  it('flags a person sampled twice in the round, and counts them once', async () => {
    const t = ctx();
    const res = await t.as('sampler', { method: 'POST', url: '/api/screening/registrations', payload: { items: [reg(roundId, tube('POOL2'), people[0].id_number), reg(roundId, tube('POOL2'), people[6].id_number, { seal: true })] } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items.map((a: { repeat: boolean }) => a.repeat)).toEqual([true, false]);
    expect(res.json().items[1].tube.sealed).toBe(true);
    const status = (await t.as('officer', { method: 'GET', url: `/api/screening/rounds/${roundId}/status` })).json();
    expect(status).toMatchObject({ sampled: 4, samples: 5, repeats: 1, tubes: 2 });
    const sealed = await t.as('sampler', { method: 'POST', url: '/api/screening/registrations', payload: { items: [reg(roundId, tube('POOL2'), people[7].id_number)] } });
    expect(sealed.json().error.code).toBe('TUBE_SEALED');
  });

  it('two batches with the same person at the same moment store one first sample and one repeat', async () => {
    const t = ctx();
    const person = people[20].id_number;
    const [a, b] = await Promise.all([
      t.as('sampler', { method: 'POST', url: '/api/screening/registrations', payload: { items: [reg(roundId, tube('RACE1'), person)] } }),
      t.as('sampler', { method: 'POST', url: '/api/screening/registrations', payload: { items: [reg(roundId, tube('RACE2'), person)] } }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect([a.json().items[0].repeat, b.json().items[0].repeat].sort()).toEqual([false, true]);
    const rows = await t.testDb.db.kysely.selectFrom('samples').select('repeat').where('round_id', '=', roundId).where('person_id', '=', people[20].id).execute();
    expect(rows.map((r) => r.repeat).sort()).toEqual([false, true]);
    // Out of the way of the counts below: the two tubes are closed and go in their own box.
    await t.as('sampler', { method: 'POST', url: '/api/screening/boxes', payload: { code: tube('RACEBOX'), tubeCodes: [tube('RACE1'), tube('RACE2')] } });
  });

  it('a registration id used again for another person or a new tube is refused by name; one batch sent twice at once is stored once', async () => {
    const t = ctx();
    // Started before the first round, so the pool advice below still reads the first round as the previous one.
    const round = (await createRound('officer', `重放轮-${engine}`, [], 2)).json().id as number;
    const send = (items: ReturnType<typeof reg>[]) => t.as('sampler', { method: 'POST', url: '/api/screening/registrations', payload: { items } });
    const first = reg(round, tube('REUSE1'), people[21].id_number);
    expect((await send([first])).statusCode).toBe(201);
    // The same tube exists: the replay check finds the id with another person.
    const otherPerson = await send([{ ...first, person: people[22].id_number }]);
    expect(otherPerson.statusCode).toBe(409);
    expect(otherPerson.json().error.details.items[0]).toMatchObject({ index: 0, code: 'SAMPLE_CLIENT_ID_REUSED' });
    // A new tube: the id's key refuses it, and the new tube is not kept.
    const newTube = await send([reg(round, tube('REUSE2'), people[23].id_number), { ...first, tubeCode: tube('REUSE2') }]);
    expect(newTube.statusCode).toBe(409);
    expect(newTube.json().error.details.items).toEqual([expect.objectContaining({ index: 1, code: 'SAMPLE_CLIENT_ID_REUSED', clientId: first.clientId })]);
    expect((await t.as('admin', { method: 'GET', url: `/api/screening/tubes/${tube('REUSE2')}` })).statusCode).toBe(404);

    // A phone that lost the answer sends the same batch of a new tube again while the first is in flight.
    const batch = [reg(round, tube('TWICE1'), people[24].id_number), reg(round, tube('TWICE1'), people[25].id_number)];
    const [a, b] = await Promise.all([send(batch), send(batch)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    const replayed = [a, b].find((r) => r.statusCode === 200)!.json().items;
    expect(replayed.map((x: { replayed: boolean }) => x.replayed)).toEqual([true, true]);
    expect(replayed.map((x: { sampleId: number }) => x.sampleId)).toEqual([a, b].find((r) => r.statusCode === 201)!.json().items.map((x: { sampleId: number }) => x.sampleId));
    const stored = await sql<{ n: number }>`SELECT count(*)::int AS n FROM samples s JOIN tubes t ON t.id = s.tube_id WHERE t.code = ${tube('TWICE1')}`.execute(t.testDb.db.kysely);
    expect(stored.rows[0].n).toBe(2);
    await t.as('officer', { method: 'POST', url: `/api/screening/rounds/${round}/close` });
  });

  it('boxes tubes, hands the box over, and the lab receives it once, listing what is missing', async () => {
    const t = ctx();
    const box = await t.as('sampler', { method: 'POST', url: '/api/screening/boxes', payload: { code: tube('BOX1'), siteCode, tubeCodes: [tube('POOL1'), tube('POOL2')] } });
    expect(box.statusCode, box.body).toBe(201);
    expect(box.json().tubes).toBe(2);
    const twice = await t.as('sampler', { method: 'POST', url: '/api/screening/boxes', payload: { code: tube('BOX2'), tubeCodes: [tube('POOL1')] } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('TUBE_ALREADY_BOXED');
    expect((await t.as('sampler', { method: 'POST', url: `/api/screening/boxes/${tube('BOX1')}/handoff`, payload: { courier: '张师傅' } })).statusCode).toBe(200);
    const lab = await labCode(t);
    const received = await t.as('lab', { method: 'POST', url: `/api/screening/boxes/${tube('BOX1')}/receive`, payload: { labCode: lab, tubeCodes: [tube('POOL1')] } });
    expect(received.statusCode, received.body).toBe(200);
    expect(received.json()).toMatchObject({ expected: 2, received: 1, missing: [tube('POOL2')], unexpected: [] });
    const again = await t.as('lab', { method: 'POST', url: `/api/screening/boxes/${tube('BOX1')}/receive`, payload: { labCode: lab } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('BOX_ALREADY_RECEIVED');
    const view = (await t.as('lab', { method: 'GET', url: `/api/screening/tubes/${tube('POOL1')}` })).json();
    expect(view.events.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['tube_boxed', 'box_sealed', 'box_handed', 'box_received', 'tube_received']));
  });

  it('a positive pool puts its members under control with retest tasks; bad rows and unknown tubes are reported', async () => {
    const t = ctx();
    const lab = await labCode(t);
    const res = await t.as('lab', {
      method: 'POST',
      url: '/api/screening/results',
      payload: {
        items: [
          { tubeCode: tube('POOL1'), result: '阳性', ctOrf1ab: '28.1', ctN: 30.4, labCode: lab, instrument: 'SLAN-96P' },
          { tubeCode: tube('POOL2'), result: 'negative', labCode: lab },
          { tubeCode: tube('NOPE'), result: 'negative' },
          { tubeCode: tube('POOL2'), result: 'maybe' },
          { tubeCode: tube('POOL2'), result: 'negative', ctN: 'abc' },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({ accepted: 2, rejected: 2, unmatched: 1, positive: 1, positivePools: 1, membersControlled: 3, retestTasks: 3 });
    expect(s.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([[3, 'RESULT_TUBE_UNKNOWN'], [4, 'RESULT_VALUE_INVALID'], [5, 'RESULT_CT_INVALID']]);
    const unmatched = (await t.as('lab', { method: 'GET', url: '/api/screening/unmatched-results' })).json().items;
    expect(unmatched.some((u: { tubeCode: string }) => u.tubeCode === tube('NOPE'))).toBe(true);
    const statuses = await t.testDb.db.kysely.selectFrom('status_changes').selectAll().where('person_id', 'in', people.slice(0, 3).map((p) => p.id)).execute();
    expect(statuses.filter((x) => x.status === 'yellow' && x.rule === 'pool_positive')).toHaveLength(3);
    const tasks = (await t.as('commander', { method: 'GET', url: `/api/screening/rounds/${roundId}/retests` })).json();
    expect(tasks.total).toBe(3);
    expect(tasks.items.every((x: { status: string; siteName: string | null }) => x.status === 'open' && x.siteName)).toBe(true);
    const pools = (await t.as('commander', { method: 'GET', url: `/api/screening/rounds/${roundId}/positive-pools` })).json().items;
    expect(pools).toEqual([expect.objectContaining({ tubeCode: tube('POOL1'), controlled: 3, retested: 0, ctOrf1ab: 28.1 })]);
    // The same sheet again changes nothing.
    const replay = await t.as('lab', { method: 'POST', url: '/api/screening/results', payload: { items: [{ tubeCode: tube('POOL1'), result: 'positive', ctOrf1ab: 28.1, ctN: 30.4, labCode: lab }] } });
    expect(replay.json()).toMatchObject({ accepted: 0, unchanged: 1, membersControlled: 0 });
  });

  it('single-tube retests close the tasks; a negative releases the member, a positive is a finding', async () => {
    const t = ctx();
    const items = people.slice(0, 3).map((p, i) => reg(roundId, tube(`R${i}`), p.id_number, { tubeKind: 'single' }));
    expect((await t.as('sampler', { method: 'POST', url: '/api/screening/registrations', payload: { items } })).statusCode).toBe(201);
    const sampled = (await t.as('commander', { method: 'GET', url: `/api/screening/rounds/${roundId}/retests?status=sampled` })).json();
    expect(sampled.total).toBe(3);
    const res = await t.as('lab', {
      method: 'POST',
      url: '/api/screening/results',
      payload: { items: [{ tubeCode: tube('R0'), result: 'negative' }, { tubeCode: tube('R1'), result: 'negative' }, { tubeCode: tube('R2'), result: 'positive', ctOrf1ab: 25, ctN: 27 }] },
    });
    expect(res.json()).toMatchObject({ accepted: 3, findings: 1 });
    const status = (await t.as('commander', { method: 'GET', url: `/api/screening/rounds/${roundId}/status` })).json();
    expect(status).toMatchObject({ positivePools: 1, membersControlled: 3, retestTasks: 3, retestsDone: 3, positiveSingles: 1 });
    const released = await t.testDb.db.kysely.selectFrom('screening_controls').select('person_id').where('round_id', '=', roundId).where('released_at', 'is not', null).execute();
    expect(released.map((r) => r.person_id).sort()).toEqual([people[0].id, people[1].id].sort());
    const findings = (await t.as('commander', { method: 'GET', url: `/api/screening/rounds/${roundId}/findings` })).json().items;
    expect(findings).toEqual([expect.objectContaining({ personId: people[2].id, tubeCode: tube('R2'), status: 'awaiting_review' })]);
  });

  it('coverage per place agrees with a count of the records; the missing list lists the rest', async () => {
    const t = ctx();
    const sub = await placeByCode(t.testDb.db, DEMO.subdistrict);
    const cov = (await t.as('officer', { method: 'GET', url: `/api/screening/rounds/${roundId}/coverage/${sub.id}` })).json();
    const oracle = await countCoverage(t.testDb.db.kysely, roundId, sub.path);
    expect(cov.place).toMatchObject({ residents: oracle.residents, sampled: oracle.sampled, expected: oracle.residents - oracle.exempt });
    expect(cov.place.sampled).toBe(5);
    expect(cov.children.reduce((n: number, c: { sampled: number }) => n + c.sampled, 0)).toBe(5);
    const missing = (await t.as('officer', { method: 'GET', url: `/api/screening/rounds/${roundId}/missing/${sub.id}?limit=1000` })).json();
    expect(missing.total).toBe(cov.place.missing);
    expect(missing.items.length).toBe(Math.min(1000, cov.place.missing));
    const sampledIds = new Set([people[0].id, people[1].id, people[2].id, people[6].id, people[20].id]);
    expect(missing.items.some((m: { personId: number }) => sampledIds.has(m.personId))).toBe(false);
    expect(missing.items[0].idNumber).toContain('*');
    // An exemption takes a person out of the expected count and off the list.
    const target = missing.items[0].personId;
    const ex = await t.as('officer', { method: 'POST', url: `/api/screening/rounds/${roundId}/exemptions`, payload: { personId: target, reason: 'in_hospital' } });
    expect(ex.statusCode, ex.body).toBe(201);
    const after = (await t.as('officer', { method: 'GET', url: `/api/screening/rounds/${roundId}/coverage/${sub.id}` })).json();
    expect(after.place.expected).toBe(cov.place.expected - 1);
    expect(after.place.exempt).toBe(cov.place.exempt + 1);
    const xlsx = await t.as('grid', { method: 'GET', url: `/api/screening/rounds/${roundId}/missing/${(await placeByCode(t.testDb.db, DEMO.grid)).id}/export.xlsx` });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // Out of scope: the grid worker cannot read the district's coverage.
    expect((await t.as('grid', { method: 'GET', url: `/api/screening/rounds/${roundId}/coverage/${sub.id}` })).statusCode).toBe(404);
  });

  it('turnaround gives P50/P90 per lab and site', async () => {
    const t = ctx();
    const ta = (await t.as('commander', { method: 'GET', url: `/api/screening/rounds/${roundId}/turnaround` })).json();
    expect(ta.targetHours).toBe(24);
    expect(ta.overall.tubes).toBe(7);
    expect(ta.overall.total.tubes).toBe(5); // the two race tubes have no result
    expect(ta.overall.total.p50).toBeGreaterThanOrEqual(0);
    expect(ta.byLab.length).toBeGreaterThan(0);
    expect(ta.bySite.length).toBeGreaterThan(0);
  });

  it('takes a FHIR R4 Bundle; a positive single tube becomes a finding', async () => {
    const t = ctx();
    expect((await t.as('sampler', { method: 'POST', url: '/api/screening/registrations', payload: { items: [reg(roundId, tube('F1'), people[10].id_number, { tubeKind: 'single' })] } })).statusCode).toBe(201);
    const bundle = labResultsToFhirBundle([{ tubeCode: tube('F1'), result: 'positive', ctOrf1ab: 31.5, ctN: 33.2, testedAt: now, labCode: null, instrument: null }]);
    const res = await t.as('lab', { method: 'POST', url: '/api/screening/results/fhir', headers: { 'content-type': 'application/fhir+json' }, payload: JSON.stringify(bundle) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ accepted: 1, findings: 1 });
    const notBundle = await t.as('lab', { method: 'POST', url: '/api/screening/results/fhir', payload: { resourceType: 'Patient' } });
    expect(notBundle.json()).toMatchObject({ accepted: 0, rejected: 1 });
  });

  it('a positive antigen self-test creates a PCR task; a replay does not', async () => {
    const t = ctx();
    const body = { clientId: randomUUID(), personId: people[11].id, result: 'positive' };
    const res = await t.as('admin', { method: 'POST', url: '/api/screening/antigen', payload: body });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().pcrTaskId).toBeGreaterThan(0);
    const again = await t.as('admin', { method: 'POST', url: '/api/screening/antigen', payload: body });
    expect(again.statusCode).toBe(200);
    expect(again.json().pcrTaskId).toBe(res.json().pcrTaskId);
    // A resident sees and reports only for their own household.
    const own = (await t.as('resident', { method: 'GET', url: '/api/screening/antigen/people' })).json().items;
    expect(own.length).toBeGreaterThan(0);
    expect(own.some((p: { id: number }) => p.id === people[11].id)).toBe(false);
    expect(own[0].idNumber).toContain('*');
    const mine = await t.as('resident', { method: 'POST', url: '/api/screening/antigen', payload: { clientId: randomUUID(), personId: own[0].id, result: 'negative' } });
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json().pcrTaskId).toBeNull();
    const stranger = await t.as('resident', { method: 'POST', url: '/api/screening/antigen', payload: { ...body, clientId: randomUUID() } });
    expect(stranger.statusCode).toBe(404);
  });

  it('pool advice uses the previous round of the place', async () => {
    const t = ctx();
    const district = await placeByCode(t.testDb.db, DEMO.district);
    const res = await t.as('officer', { method: 'GET', url: `/api/screening/pool-advice?placeIds=${district.id}` });
    expect(res.statusCode, res.body).toBe(200);
    const [row] = res.json().items;
    expect(row.previousRound).toBe(`第一轮-${engine}`);
    // Two people found positive (a retest of the pool and a FHIR single tube) among six sampled: stop pooling.
    expect(row).toMatchObject({ sampled: 6, positives: 2, assumed: false, bestPoolSize: 1 });
    expect(row.prevalence).toBeCloseTo(2 / 6, 6);
    expect(row.warning).toContain('0.1');
  });
});
