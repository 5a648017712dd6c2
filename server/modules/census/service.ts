// Census (敲门行动): visits to households, idempotent by the device's client id; coverage up the tree;
// households not yet visited.
import type { Writable } from 'node:stream';
import { xlsxSheet } from '../../platform/sheet-writer.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { recordAudit, type Actor } from '../../platform/audit.ts';
import { pathInScope, type Scope } from '../../platform/access.ts';
import type { Queryable } from '../../platform/db.ts';
import { findPlaceRowById } from '../places/service.ts';
import { confirmSeen, householdPeople, markMovedOut, upsertPersonInTx, type PersonInput, type PersonsDeps } from '../persons/service.ts';
import * as repo from './repo.ts';
import { householdLocation, type Outcome } from '../../../domain/census.ts';
import { applyRollup, campaignStart, inCampaign, readRollup, type RollupDelta } from './rollup.ts';

export type CensusDeps = PersonsDeps;


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
    // One visit of a household at a time: two phones syncing together must not both count its first visit.
    await repo.lockHousehold(tx, household.id);
    const members = new Set((await householdPeople(tx, household.id)).map((p) => p.id));
    const strangers = [...seen, ...movedOut].filter((id) => !members.has(id));
    if (strangers.length) throw badRequest('CENSUS_PERSON_NOT_IN_HOUSEHOLD', `People ${strangers.join(', ')} are not registered in this household`, { persons: strangers });
    const added: number[] = [];
    for (const p of input.added ?? []) {
      added.push((await upsertPersonInTx(deps, tx, actor, scope, { ...p, householdId: household.id, householdCode: null }, now)).id);
    }
    const since = await campaignStart(tx);
    const wasVisited = inCampaign((await repo.householdState(tx, household.id))?.last_visited_at, since);
    // Counts follow the people as they are after any additions: newly confirmed in this campaign,
    // moved out (no longer counted), and the household's first visit of the campaign.
    const current = new Map((await householdPeople(tx, household.id)).map((p) => [p.id, p]));
    const deltas: RollupDelta[] = [];
    if (!wasVisited && inCampaign(visitedAt, since)) deltas.push({ path: household.path, d: { visited: 1 } });
    for (const id of new Set([...seen, ...added])) {
      const p = current.get(id)!;
      if (p.status === 'active' && !inCampaign(p.confirmedAt, since) && inCampaign(visitedAt, since)) deltas.push({ path: household.path, d: { confirmed: 1 } });
    }
    for (const id of movedOut) {
      const p = current.get(id)!;
      if (p.status === 'active') deltas.push({ path: household.path, d: { people: -1, confirmed: inCampaign(p.confirmedAt, since) ? -1 : 0 } });
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
    await applyRollup(tx, deltas);
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

/**
 * Coverage of a place and of each of its children in the current campaign: households visited /
 * households, people confirmed / people. Places above the household level read their rollup row;
 * children that are households (under a unit or building) are counted directly: a few dozen rows.
 */
export async function coverage(deps: CensusDeps, scope: Scope, placeId: number) {
  const db = deps.db.kysely;
  const place = await placeInScope(db, scope, placeId);
  const since = await campaignStart(db);
  const children = await repo.childrenOf(db, place.id);
  const counted = new Map<number, CoverageCounts>();
  const areaIds = children.filter((c) => c.kind !== 'household').map((c) => c.id);
  for (const r of await readRollup(db, areaIds)) counted.set(r.place_id, r);
  if (areaIds.length < children.length) {
    const direct = await repo.householdCounts(db, place.id, since);
    for (const h of direct) counted.set(h.id, { households: 1, visited: h.visited ? 1 : 0, people: Number(h.people), confirmed: Number(h.confirmed) });
  }
  const zero: CoverageCounts = { households: 0, visited: 0, people: 0, confirmed: 0 };
  const own = place.kind === 'household' ? zero : ((await readRollup(db, [place.id]))[0] ?? zero);
  return {
    place: { id: place.id, code: place.code, name: place.name, kind: place.kind, ...withRates(countsOf(own)) },
    since: since.toISOString(),
    children: children.map((c) => ({ id: c.id, code: c.code, name: c.name, kind: c.kind, ...withRates(countsOf(counted.get(c.id) ?? zero)) })),
  };
}

const countsOf = (c: CoverageCounts): CoverageCounts => ({ households: c.households, visited: c.visited, people: c.people, confirmed: c.confirmed });

/** The one place a household row of the census lists (API and sheet) becomes output. */
function presentHousehold(h: Awaited<ReturnType<typeof repo.householdsUnder>>[number]) {
  return {
    id: h.id,
    code: h.code,
    name: h.name,
    parentName: householdLocation({ name: h.parent_name, kind: h.parent_kind }, h.grandparent_name),
    members: Number(h.members),
    lastVisitedAt: h.last_visited_at ? new Date(h.last_visited_at).toISOString() : null,
    lastOutcome: h.last_outcome,
    visits: h.visits ?? 0,
  };
}

export async function households(deps: CensusDeps, scope: Scope, placeId: number, q: { unvisitedSince?: Date; limit: number; offset: number }) {
  const place = await placeInScope(deps.db.kysely, scope, placeId);
  const rows = await repo.householdsUnder(deps.db.kysely, { path: place.path, unvisitedSince: q.unvisitedSince, limit: q.limit, offset: q.offset });
  return rows.map(presentHousehold);
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
  const sheet = xlsxSheet(out, '未走访户', [
    { header: '户编码 household_code', key: 'code', width: 26 },
    { header: '楼栋/单元 unit', key: 'parentName', width: 16 },
    { header: '户 household', key: 'name', width: 10 },
    { header: '登记人数 members', key: 'members', width: 10 },
    { header: '上次走访 last visit', key: 'lastVisitedAt', width: 24 },
    { header: '上次结果 last outcome', key: 'lastOutcome', width: 12 },
  ]);
  let rows = 0;
  for (let offset = 0; ; offset += 5000) {
    const page = await repo.householdsUnder(deps.db.kysely, { path: place.path, unvisitedSince: since, limit: 5000, offset });
    for (const h of page) {
      sheet.add(presentHousehold(h));
      rows++;
    }
    if (page.length < 5000) break;
  }
  await sheet.end();
  return rows;
}

/**
 * A new census campaign (a new round of 敲门行动): from now on only its own visits and confirmations
 * count towards coverage. History stays; the campaign counts restart at zero.
 */
export async function startCampaign(deps: CensusDeps, actor: Actor, name: string) {
  const now = deps.clock();
  const c = await deps.db.kysely.transaction().execute(async (tx) => {
    const c = await repo.insertCampaign(tx, { name: name.trim(), started_at: now, started_by: actor.userId });
    await repo.resetCampaignCounts(tx);
    await recordAudit(tx, actor, now, { action: 'census.campaign.start', entity: 'census_campaign', entityId: c.id, after: { name: c.name, startedAt: now } });
    return c;
  });
  return { id: c.id, name: c.name, startedAt: new Date(c.started_at).toISOString() };
}

export async function campaigns(deps: CensusDeps) {
  return (await repo.listCampaigns(deps.db.kysely)).map((c) => ({ id: c.id, name: c.name, startedAt: new Date(c.started_at).toISOString() }));
}

/** The coverage table of a place's children as XLSX (the command centre's daily sheet). */
export async function exportCoverage(deps: CensusDeps, scope: Scope, placeId: number, out: Writable) {
  const cov = await coverage(deps, scope, placeId);
  const sheet = xlsxSheet(out, '入户排查覆盖', [
    { header: '编码 code', key: 'code', width: 26 },
    { header: '名称 name', key: 'name', width: 20 },
    { header: '户数 households', key: 'households', width: 12 },
    { header: '已走访 visited', key: 'visited', width: 12 },
    { header: '走访率 household rate', key: 'householdRate', width: 14 },
    { header: '人数 people', key: 'people', width: 12 },
    { header: '已核实 confirmed', key: 'confirmed', width: 12 },
    { header: '核实率 people rate', key: 'peopleRate', width: 14 },
  ]);
  for (const row of [...cov.children, { ...cov.place, name: `合计 ${cov.place.name}` }]) sheet.add(row);
  await sheet.end();
}
