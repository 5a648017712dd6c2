// Census (敲门行动): visits to households, idempotent by the device's client id; coverage up the tree;
// households not yet visited.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { recordAudit, type Actor } from '../../platform/audit.ts';
import { pathInScope, type Scope } from '../../platform/access.ts';
import type { Queryable } from '../../platform/db.ts';
import { findPlaceRowById } from '../places/service.ts';
import { confirmSeen, householdPeople, markMovedOut, upsertPersonInTx, type PersonInput, type PersonsDeps } from '../persons/service.ts';
import * as repo from './repo.ts';

export type CensusDeps = PersonsDeps;

export const OUTCOMES = ['present', 'absent', 'vacant', 'refused'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface VisitInput {
  clientId: string;
  householdId: number;
  visitedAt?: string;
  outcome: Outcome;
  seen?: number[];
  movedOut?: number[];
  added?: PersonInput[];
  note?: string | null;
}

async function placeInScope(db: Queryable, scope: Scope, id: number) {
  const p = await findPlaceRowById(db, id);
  if (!p || !pathInScope(scope, p.path)) throw notFound('PLACE_NOT_FOUND', `No place ${id} in your scope`);
  return p;
}

async function presentVisit(db: Queryable, visitId: number) {
  const v = await repo.findVisit(db, visitId);
  const people = await repo.visitPeople(db, visitId);
  return {
    id: v.id,
    clientId: v.client_id,
    householdId: v.household_id,
    visitedAt: new Date(v.visited_at).toISOString(),
    outcome: v.outcome,
    note: v.note,
    seen: people.filter((p) => p.action === 'seen').map((p) => p.person_id),
    added: people.filter((p) => p.action === 'added').map((p) => p.person_id),
    movedOut: people.filter((p) => p.action === 'moved_out').map((p) => p.person_id),
  };
}

/** Records a visit. The same clientId sent again (offline replay) stores nothing and answers the same. */
export async function recordVisit(deps: CensusDeps, actor: Actor, scope: Scope, input: VisitInput) {
  const db = deps.db.kysely;
  const replay = await repo.findVisitByClientId(db, input.clientId);
  if (replay) {
    if (replay.household_id !== input.householdId) throw conflict('CENSUS_CLIENT_ID_REUSED', 'This visit id was already used for another household');
    return { replayed: true, visit: await presentVisit(db, replay.id) };
  }
  const now = deps.clock();
  const visitedAt = input.visitedAt ? new Date(input.visitedAt) : now;
  if (isNaN(visitedAt.getTime()) || visitedAt.getTime() > now.getTime() + 5 * 60_000)
    throw badRequest('CENSUS_TIME_INVALID', 'visitedAt must be a time that is not in the future');
  const seen = [...new Set(input.seen ?? [])];
  const movedOut = [...new Set(input.movedOut ?? [])];
  if (seen.some((id) => movedOut.includes(id))) throw badRequest('CENSUS_PERSON_CONFLICT', 'A person cannot be both seen and moved out');
  if (input.outcome !== 'present' && (seen.length || input.added?.length))
    throw badRequest('CENSUS_OUTCOME_CONFLICT', 'People can be seen or added only when the household was present');

  const visitId = await db.transaction().execute(async (tx) => {
    const household = await placeInScope(tx, scope, input.householdId);
    if (household.kind !== 'household') throw badRequest('CENSUS_NOT_A_HOUSEHOLD', `Place ${household.code} is a ${household.kind}, not a household`);
    const members = new Set((await householdPeople(tx, household.id)).map((p) => p.id));
    const strangers = [...seen, ...movedOut].filter((id) => !members.has(id));
    if (strangers.length) throw badRequest('CENSUS_PERSON_NOT_IN_HOUSEHOLD', `People ${strangers.join(', ')} are not registered in this household`, { persons: strangers });
    const added: number[] = [];
    for (const p of input.added ?? []) {
      added.push((await upsertPersonInTx(deps, tx, actor, scope, { ...p, householdId: household.id, householdCode: null }, now)).id);
    }
    const visit = await repo.insertVisit(tx, {
      client_id: input.clientId,
      household_id: household.id,
      visitor_id: actor.userId,
      visited_at: visitedAt,
      outcome: input.outcome,
      note: input.note?.trim() || null,
    });
    await repo.insertVisitPeople(tx, visit.id, [
      ...seen.map((person_id) => ({ person_id, action: 'seen' })),
      ...added.filter((id) => !seen.includes(id)).map((person_id) => ({ person_id, action: 'added' })),
      ...movedOut.map((person_id) => ({ person_id, action: 'moved_out' })),
    ]);
    await confirmSeen(tx, [...seen, ...added], visitedAt);
    await markMovedOut(tx, movedOut, now);
    await repo.upsertHouseholdCensus(tx, household.id, visit.id, visitedAt, input.outcome);
    await recordAudit(tx, actor, now, {
      action: 'census.visit',
      entity: 'census_visit',
      entityId: visit.id,
      placePath: household.path,
      after: { householdId: household.id, outcome: input.outcome, visitedAt, seen, added, movedOut },
    });
    return visit.id;
  });
  return { replayed: false, visit: await presentVisit(db, visitId) };
}

export interface CoverageCounts {
  households: number;
  visited: number;
  people: number;
  confirmed: number;
}

const rate = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10000) / 10000);

function withRates(c: CoverageCounts) {
  return { ...c, householdRate: rate(c.visited, c.households), peopleRate: rate(c.confirmed, c.people) };
}

/** Coverage of a place and of each of its children: households visited / households, people confirmed / people. */
export async function coverage(deps: CensusDeps, scope: Scope, placeId: number, since: Date) {
  const db = deps.db.kysely;
  const place = await placeInScope(db, scope, placeId);
  const { households, people } = await repo.coverageByChild(db, place.path, place.depth, since);
  const byChild = new Map<number, CoverageCounts>();
  const slot = (id: number) => {
    let c = byChild.get(id);
    if (!c) byChild.set(id, (c = { households: 0, visited: 0, people: 0, confirmed: 0 }));
    return c;
  };
  for (const h of households) Object.assign(slot(Number(h.child_id)), { households: Number(h.households), visited: Number(h.visited) });
  for (const p of people) Object.assign(slot(Number(p.child_id)), { people: Number(p.people), confirmed: Number(p.confirmed) });
  const children = (await repo.placesByIds(db, [...byChild.keys()]))
    .sort((a, b) => a.sort_order - b.sort_order || a.id - b.id)
    .map((c) => ({ id: c.id, code: c.code, name: c.name, kind: c.kind, ...withRates(byChild.get(c.id)!) }));
  const total = children.reduce((t, c) => ({ households: t.households + c.households, visited: t.visited + c.visited, people: t.people + c.people, confirmed: t.confirmed + c.confirmed }), {
    households: 0,
    visited: 0,
    people: 0,
    confirmed: 0,
  });
  return { place: { id: place.id, code: place.code, name: place.name, kind: place.kind, ...withRates(total) }, since: since.toISOString(), children };
}

export async function households(deps: CensusDeps, scope: Scope, placeId: number, q: { unvisitedSince?: Date; limit: number; offset: number }) {
  const place = await placeInScope(deps.db.kysely, scope, placeId);
  const rows = await repo.householdsUnder(deps.db.kysely, { path: place.path, unvisitedSince: q.unvisitedSince, limit: q.limit, offset: q.offset });
  return rows.map((h) => ({
    id: h.id,
    code: h.code,
    name: h.name,
    parentName: h.parent_name,
    members: Number(h.members),
    lastVisitedAt: h.last_visited_at ? new Date(h.last_visited_at).toISOString() : null,
    lastOutcome: h.last_outcome,
    visits: h.visits ?? 0,
  }));
}

export async function household(deps: CensusDeps, scope: Scope, householdId: number) {
  const db = deps.db.kysely;
  const h = await placeInScope(db, scope, householdId);
  if (h.kind !== 'household') throw badRequest('CENSUS_NOT_A_HOUSEHOLD', `Place ${h.code} is a ${h.kind}, not a household`);
  const [members, visits] = await Promise.all([householdPeople(db, h.id), repo.visitsOfHousehold(db, h.id, 20)]);
  return {
    id: h.id,
    code: h.code,
    name: h.name,
    members,
    visits: visits.map((v) => ({ id: v.id, visitedAt: new Date(v.visited_at).toISOString(), outcome: v.outcome, note: v.note, visitor: v.visitor })),
  };
}

/** 未走访户 as XLSX for grid workers, streamed page by page. */
export async function exportUnvisited(deps: CensusDeps, scope: Scope, placeId: number, since: Date, out: Writable) {
  const place = await placeInScope(deps.db.kysely, scope, placeId);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('未走访户');
  ws.columns = [
    { header: '户编码 household_code', key: 'code', width: 26 },
    { header: '楼栋/单元 unit', key: 'parent', width: 16 },
    { header: '户 household', key: 'name', width: 10 },
    { header: '登记人数 members', key: 'members', width: 10 },
    { header: '上次走访 last visit', key: 'last', width: 24 },
    { header: '上次结果 last outcome', key: 'outcome', width: 12 },
  ];
  let rows = 0;
  for (let offset = 0; ; offset += 5000) {
    const page = await repo.householdsUnder(deps.db.kysely, { path: place.path, unvisitedSince: since, limit: 5000, offset });
    for (const h of page) {
      ws.addRow({ code: h.code, parent: h.parent_name, name: h.name, members: Number(h.members), last: h.last_visited_at ? new Date(h.last_visited_at).toISOString() : '', outcome: h.last_outcome ?? '' }).commit();
      rows++;
    }
    if (page.length < 5000) break;
  }
  ws.commit();
  await wb.commit();
  return rows;
}
