// The simulated round on both engines, checked through the screening services: the pool positives
// and their retests, coverage, turnaround with a late and a missing tube, the closed round; a second
// run with the same name stores nothing. The timeline itself is checked pure: seeded and consistent.
import { afterAll, beforeAll, expect, it, describe } from 'vitest';
import { sql } from 'kysely';
import { describeEachEngine } from '../server/testing/app.ts';
import { createTestDb, TEST_SECRET, type TestDb } from '../server/testing/engines.ts';
import { DEMO, placeByCode, TEST_ACTOR } from '../server/testing/fixtures.ts';
import type { Scope } from '../server/platform/access.ts';
import { findRoundRef, roundStatus, type ScreeningDeps } from '../server/modules/screening/round-service.ts';
import { positivePools, retests, roundCoverage, roundTurnaround, findings } from '../server/modules/screening/progress-service.ts';
import { DEFAULT_MODES } from '../domain/screening.ts';
import { latestRoundStart, simulateRound, SIMULATED_SPAN_HOURS } from './round-simulation.ts';
import { planRoundTimeline, type TimelineInput } from './round-timeline.ts';
import { DEMO_ROUND_NAME } from './seed-demo.ts';

const HOUR = 3_600_000;
const ALL: Scope = { all: true };

async function count(t: TestDb, query: ReturnType<typeof sql<{ n: number }>>) {
  return Number((await query.execute(t.db.kysely)).rows[0].n);
}

describeEachEngine('round simulation', (engine) => {
  let t: TestDb;
  const now = new Date();
  const startsAt = new Date(now.getTime() - 30 * HOUR);
  const name = `模拟轮次-${engine}`;
  const deps = (): ScreeningDeps => ({ db: t.db, clock: () => now, secret: TEST_SECRET, timeZone: 'Asia/Shanghai' });
  const options = { name, placeCode: DEMO.district, seed: 7, positivePools: 2, startsAt };

  beforeAll(async () => {
    t = await createTestDb(engine, 'demo');
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('the demo seed comes with a finished round over the city', async () => {
    const round = await findRoundRef(t.db.kysely, DEMO_ROUND_NAME);
    expect(round.status).toBe('closed');
    const status = await roundStatus(t.db.kysely, round, now);
    expect(status).toMatchObject({ positivePools: 3, positiveSingles: 1 });
    expect(status.retestsDone).toBe(status.retestTasks);
    expect(status.sampled).toBeGreaterThan(0.9 * status.expected);
  });

  it('simulates a whole round over the district through the services', async () => {
    const r = await simulateRound(deps(), TEST_ACTOR, options);
    expect(r).toMatchObject({ round: name, positivePools: 2 });
    const db = t.db.kysely;
    const round = await findRoundRef(db, name);
    expect(round.status).toBe('closed');
    const status = await roundStatus(db, round, now);
    expect(status).toMatchObject({ positivePools: 2, positiveSingles: 1, samples: r.registrations, tubes: r.tubes, tubesWithResult: r.tubes - 1 });
    expect(status.repeats).toBeGreaterThanOrEqual(r.retests); // a retest is a second sample of the person
    expect(r.boxes).toBeGreaterThan(1);

    // Every controlled member has a retest task, all done; one retest was positive (a finding).
    expect(status.membersControlled).toBe(r.membersControlled);
    expect(status.membersControlled).toBeGreaterThan(2);
    const pools = await positivePools(deps(), ALL, round.id);
    expect(pools).toHaveLength(2);
    expect(pools.every((p) => p.kind === 'pool' && p.controlled === p.members && p.retested === p.members && p.ctOrf1ab! >= 22 && p.ctOrf1ab! <= 35)).toBe(true);
    const tasks = await retests(deps(), ALL, round.id, { limit: 1000 });
    expect(tasks.total).toBe(status.membersControlled);
    expect(new Set(tasks.items.map((x) => x.personId)).size).toBe(status.membersControlled);
    expect(tasks.items.every((x) => x.status === 'done' && x.reason === 'pool_positive')).toBe(true);
    expect(tasks.items.filter((x) => x.result === 'positive')).toHaveLength(1);
    expect(status.retestsDone).toBe(status.retestTasks);
    expect(await findings(deps(), ALL, round.id)).toHaveLength(1);

    // Coverage: most of the district, and sampled counts people, not samples.
    const district = await placeByCode(t.db, DEMO.district);
    const cov = await roundCoverage(deps(), ALL, round.id, district.id);
    expect(cov.place.rate).toBeGreaterThan(0.9);
    expect(cov.place.rate).toBeLessThanOrEqual(1);
    const distinct = await count(t, sql<{ n: number }>`SELECT count(DISTINCT person_id)::int AS n FROM samples WHERE round_id = ${round.id}`);
    expect(status.sampled).toBe(distinct);
    expect(cov.place.sampled).toBe(distinct);

    // Turnaround in hours within the target, a couple of late tubes past it, the missing tube overdue.
    const ta = await roundTurnaround(deps(), ALL, round.id);
    expect(ta.overall.total.p50).toBeGreaterThan(3);
    expect(ta.overall.total.p50).toBeLessThanOrEqual(24);
    expect(ta.overall.total.p90).toBeLessThan(24);
    expect(ta.overall.overdue).toBe(1);
    expect(ta.overdue).toEqual([expect.objectContaining({ tubes: 1 })]);
    const late = await count(t, sql<{ n: number }>`SELECT count(*)::int AS n FROM tubes WHERE round_id = ${round.id} AND reported_at > collected_at + interval '24 hours'`);
    expect(late).toBeGreaterThanOrEqual(2);
    expect(late).toBeLessThanOrEqual(3);
    const missing = await count(t, sql<{ n: number }>`SELECT count(*)::int AS n FROM custody_events WHERE round_id = ${round.id} AND kind = 'tube_missing'`);
    expect(missing).toBe(1);
    // Every time the services stored is a simulated one, inside the round's span.
    const span = await sql<{ first: Date; last: Date }>`
      SELECT min(collected_at) AS first, max(greatest(collected_at, boxed_at, received_at, reported_at)) AS last FROM tubes WHERE round_id = ${round.id}`.execute(db);
    expect(new Date(span.rows[0].first).getTime()).toBeGreaterThanOrEqual(startsAt.getTime());
    expect(new Date(span.rows[0].last).getTime()).toBeLessThanOrEqual(startsAt.getTime() + SIMULATED_SPAN_HOURS * HOUR);
  });

  it('a second run with the same seed and name is refused and stores nothing', async () => {
    const counts = () =>
      count(t, sql<{ n: number }>`SELECT ((SELECT count(*) FROM rounds) + (SELECT count(*) FROM samples) + (SELECT count(*) FROM tubes) + (SELECT count(*) FROM audit_log))::int AS n`);
    const before = await counts();
    await expect(simulateRound(deps(), TEST_ACTOR, options)).rejects.toMatchObject({ code: 'ROUND_NAME_TAKEN' });
    expect(await counts()).toBe(before);
  });

  it('refuses a round that would still be running now', async () => {
    await expect(simulateRound(deps(), TEST_ACTOR, { ...options, name: `${name}-later`, startsAt: new Date(now.getTime() - 3 * HOUR) })).rejects.toMatchObject({
      code: 'SIMULATION_START_TOO_LATE',
    });
  });
});

describe('round timeline', () => {
  const T0 = new Date('2022-04-01T22:00:00Z'); // 06:00 in Asia/Shanghai
  const households = Array.from({ length: 120 }, (_, i) => ({
    id: 1000 + i,
    path: `/1/${10 + Math.floor(i / 30)}/${1000 + i}/`,
    buildingId: 10 + Math.floor(i / 30),
    people: Array.from({ length: 1 + (i % 4) }, (_, k) => ({ id: 10_000 + i * 10 + k, idType: 'id_card', idNumber: `ID${i}-${k}` })),
  }));
  const input = (seed: number): TimelineInput => ({
    seed, name: '测试轮', roundId: 5, startsAt: T0, modes: DEFAULT_MODES,
    zones: [{ path: '/1/13/', level: 'controlled' }, { path: '/1/13/1119/', level: 'sealed' }],
    coverage: 0.97, positivePools: 3, finish: true, batchSize: 100, households,
    sites: [{ id: 1, code: 'S1', mode: 'fixed', path: '/1/' }, { id: 2, code: 'D1', mode: 'door', path: '/1/' }],
    slots: [10, 11, 12, 13].map((b, i) => ({ siteId: 1, buildingId: b, startsAt: new Date(T0.getTime() + i * HOUR), endsAt: new Date(T0.getTime() + (i + 1) * HOUR) })),
    doorVisits: [{ siteId: 2, householdId: 1119 }, { siteId: 2, householdId: 1003 }],
    labs: [{ code: 'L1', path: '/1/' }],
    healthCode: (id) => `HC1:${id}:0123456789abcdef`,
  });

  it('is seeded: the same seed gives the same timeline, another seed another', () => {
    expect(planRoundTimeline(input(1))).toEqual(planRoundTimeline(input(1)));
    const other = planRoundTimeline(input(2)).events.flatMap((e) => (e.kind === 'register' ? e.items.map((x) => x.clientId) : []));
    const first = planRoundTimeline(input(1)).events.flatMap((e) => (e.kind === 'register' ? e.items.map((x) => x.clientId) : []));
    expect(other).not.toEqual(first);
  });

  it('keeps the rules: time order, pools by level, singles at the door, results for all but the missing tube', () => {
    const tl = planRoundTimeline(input(1));
    const times = tl.events.map((e) => e.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[times.length - 1]).toBeLessThanOrEqual(T0.getTime() + SIMULATED_SPAN_HOURS * HOUR);
    expect(tl.events.at(-1)!.kind).toBe('close');
    const items = tl.events.flatMap((e) => (e.kind === 'register' ? e.items : []));
    expect(new Set(items.map((x) => x.clientId)).size).toBe(items.length);
    for (const e of tl.events) if (e.kind === 'register') expect(e.items.every((x) => new Date(x.collectedAt) <= e.at)).toBe(true);
    const byTube = new Map<string, typeof items>();
    for (const x of items) byTube.set(x.tubeCode, [...(byTube.get(x.tubeCode) ?? []), x]);
    const buildingOf = new Map(households.flatMap((h) => h.people.flatMap((p) => [[`HC1:${p.id}:0123456789abcdef`, h.buildingId], [p.idNumber, h.buildingId]] as const)));
    for (const [, members] of byTube) {
      const buildings = new Set(members.map((m) => buildingOf.get(m.person)));
      if (members[0].tubeKind === 'single') expect(members).toHaveLength(1);
      else if (buildings.has(13)) expect([members.length <= 10, buildings.size]).toEqual([true, 1]); // 10合1 in the controlled building, its own tubes
      else expect(members.length).toBeLessThanOrEqual(20);
    }
    // The sealed household and the special-group household are sampled by the door team, single tubes.
    const door = items.filter((x) => x.siteCode === 'D1');
    expect(door.length).toBeGreaterThan(0);
    expect(door.every((x) => x.tubeKind === 'single')).toBe(true);
    const rows = tl.events.flatMap((e) => (e.kind === 'results' ? e.rows : []));
    const resulted = new Set(rows.map((r) => r.tubeCode));
    expect(byTube.size - resulted.size).toBe(1);
    expect(rows.filter((r) => r.result === 'positive' && byTube.get(r.tubeCode)![0].tubeKind !== 'single')).toHaveLength(tl.positivePools);
    expect(rows.filter((r) => r.result === 'invalid').length).toBeGreaterThanOrEqual(2);
  });

  it('starts a default round on the latest 06:00 city time that leaves the whole round in the past', () => {
    expect(latestRoundStart(new Date('2022-04-02T02:00:00Z'), 'Asia/Shanghai').toISOString()).toBe('2022-03-31T22:00:00.000Z'); // 10:00 → yesterday 06:00
    expect(latestRoundStart(new Date('2022-04-01T23:00:00Z'), 'Asia/Shanghai').toISOString()).toBe('2022-03-30T22:00:00.000Z'); // 07:00 → the day before
  });
});
