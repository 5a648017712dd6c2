// A round's progress: coverage per place against the deadline, the missing list (漏采名单) for grid
// workers, turnaround per lab and site, the pool-positive follow-up lists, and the pool advisor.
import type { Writable } from 'node:stream';
import { notFound } from '../../platform/errors.ts';
import { pathInScope, type Scope } from '../../platform/access.ts';
import type { Queryable } from '../../platform/db.ts';
import { xlsxSheet } from '../../platform/sheet-writer.ts';
import { maskIdNumber, maskPhone } from '../../../domain/id-card.ts';
import { householdLocation } from '../../../domain/census.ts';
import { timeElapsed, TURNAROUND_TARGET_HOURS } from '../../../domain/screening.ts';
import { advisePool } from '../../../domain/pooling.ts';
import { findPlaceRowById } from '../places/service.ts';
import { roundInScope, type ScreeningDeps } from './round-service.ts';
import { readRoundRollup } from './rollup.ts';
import * as repo from './progress-repo.ts';
import type { RoundCoverageView, TurnaroundView } from './schemas.ts';

async function placeInScope(db: Queryable, scope: Scope, id: number) {
  const p = await findPlaceRowById(db, id);
  if (!p || !pathInScope(scope, p.path)) throw notFound('PLACE_NOT_FOUND', `No place ${id} in your scope`);
  return p;
}

const rate = (sampled: number, expected: number) => (expected === 0 ? null : Math.round((sampled / expected) * 10000) / 10000);

function counts(p: { id: number; code: string; name: string; kind: string }, c: { residents: number; sampled: number; exempt: number }) {
  const expected = Math.max(0, c.residents - c.exempt);
  return { id: p.id, code: p.code, name: p.name, kind: p.kind, residents: c.residents, exempt: c.exempt, expected, sampled: c.sampled, missing: Math.max(0, expected - c.sampled), rate: rate(c.sampled, expected) };
}

/** Coverage of a place and its children in a round: residents, exempt, expected, sampled, missing. */
export async function roundCoverage(deps: ScreeningDeps, scope: Scope, roundId: number, placeId: number): Promise<RoundCoverageView> {
  const db = deps.db.kysely;
  const round = await roundInScope(db, scope, roundId);
  const place = await placeInScope(db, scope, placeId);
  const zero = { residents: 0, sampled: 0, exempt: 0 };
  const children = await repo.childPlaces(db, place.id);
  const areas = children.filter((c) => c.kind !== 'household');
  const rolled = await readRoundRollup(db, roundId, [place.id, ...areas.map((c) => c.id)]);
  const direct = areas.length < children.length ? await repo.householdCoverage(db, roundId, place.id) : [];
  const own = place.kind === 'household' ? (direct.find((h) => h.id === place.id) ?? zero) : (rolled.get(place.id) ?? zero);
  return {
    round: { id: round.id, name: round.name, startsAt: new Date(round.starts_at).toISOString(), deadline: new Date(round.deadline).toISOString() },
    timeElapsed: Math.round(timeElapsed(new Date(round.starts_at), new Date(round.deadline), deps.clock()) * 10000) / 10000,
    place: counts(place, own),
    children: [...areas.map((c) => counts(c, rolled.get(c.id) ?? zero)), ...direct.map((h) => counts(h, h))],
  };
}

function presentMissing(r: repo.MissingPersonRow) {
  return {
    personId: r.id,
    name: r.name,
    idNumber: maskIdNumber(r.id_number),
    phone: r.phone ? maskPhone(r.phone) : null,
    householdId: r.household_id,
    householdCode: r.household_code,
    location: [householdLocation({ name: r.parent_name, kind: r.parent_kind }, r.grandparent_name), r.household_name].filter(Boolean).join(' '),
    tags: r.tags ?? [],
  };
}

export async function missingList(deps: ScreeningDeps, scope: Scope, roundId: number, placeId: number, q: { limit?: number; offset?: number }) {
  const db = deps.db.kysely;
  await roundInScope(db, scope, roundId);
  const place = await placeInScope(db, scope, placeId);
  const cov = await roundCoverage(deps, scope, roundId, placeId);
  const rows = await repo.missingPeople(db, roundId, place.path, q.limit ?? 100, q.offset ?? 0);
  return { items: rows.map(presentMissing), total: cov.place.missing };
}

/** 漏采名单 as XLSX, streamed page by page. */
export async function exportMissing(deps: ScreeningDeps, scope: Scope, roundId: number, placeId: number, out: Writable) {
  const db = deps.db.kysely;
  const round = await roundInScope(db, scope, roundId);
  const place = await placeInScope(db, scope, placeId);
  const sheet = xlsxSheet(out, '漏采名单', [
    { header: '姓名 name', key: 'name', width: 12 },
    { header: '证件号 ID', key: 'idNumber', width: 22 },
    { header: '手机 phone', key: 'phone', width: 14 },
    { header: '住址 location', key: 'location', width: 24 },
    { header: '户编码 household_code', key: 'householdCode', width: 24 },
    { header: '标签 tags', key: 'tags', width: 16 },
    { header: '轮次 round', key: 'round', width: 16 },
  ]);
  let rows = 0;
  for (let offset = 0; ; offset += 5000) {
    const page = await repo.missingPeople(db, roundId, place.path, 5000, offset);
    for (const r of page) {
      const m = presentMissing(r);
      sheet.add({ ...m, tags: m.tags.join(';'), round: round.name });
      rows++;
    }
    if (page.length < 5000) break;
  }
  await sheet.end();
  return rows;
}

const stage = (n: number, p50: number | null, p90: number | null) => ({ tubes: n, p50: round2(p50), p90: round2(p90) });
const round2 = (h: number | null) => (h === null || h === undefined ? null : Math.round(Number(h) * 100) / 100);

function presentStages(r: repo.StageRow, fallbackName: string) {
  return {
    id: r.key_id,
    name: r.key_name ?? fallbackName,
    tubes: r.tubes,
    total: stage(r.total_n, r.total_p50, r.total_p90),
    collectedToBoxed: stage(r.boxed_n, r.boxed_p50, r.boxed_p90),
    boxedToReceived: stage(r.transit_n, r.transit_p50, r.transit_p90),
    receivedToReported: stage(r.lab_n, r.lab_p50, r.lab_p90),
    overdue: r.overdue,
  };
}

/** collected → boxed → received → reported, P50/P90 hours per lab and per site; tubes past 24 h without a result. */
export async function roundTurnaround(deps: ScreeningDeps, scope: Scope, roundId: number): Promise<TurnaroundView> {
  const db = deps.db.kysely;
  await roundInScope(db, scope, roundId);
  const now = deps.clock();
  const [overall, byLab, bySite, overdue] = await Promise.all([
    repo.turnaround(db, roundId, null, now, TURNAROUND_TARGET_HOURS),
    repo.turnaround(db, roundId, 'lab', now, TURNAROUND_TARGET_HOURS),
    repo.turnaround(db, roundId, 'site', now, TURNAROUND_TARGET_HOURS),
    repo.overdueByLab(db, roundId, new Date(now.getTime() - TURNAROUND_TARGET_HOURS * 3_600_000)),
  ]);
  const empty: repo.StageRow = {
    key_id: null, key_name: null, tubes: 0, total_n: 0, total_p50: null, total_p90: null, boxed_n: 0, boxed_p50: null, boxed_p90: null,
    transit_n: 0, transit_p50: null, transit_p90: null, lab_n: 0, lab_p50: null, lab_p90: null, overdue: 0,
  };
  return {
    targetHours: TURNAROUND_TARGET_HOURS,
    overall: presentStages(overall[0] ?? empty, '全部 all'),
    byLab: byLab.map((r) => presentStages(r, '未接收 not received')),
    bySite: bySite.map((r) => presentStages(r, '无采样点 no site')),
    overdue: overdue.map((o) => ({ labId: o.lab_id, labName: o.lab_name ?? '未接收 not received', tubes: o.tubes, oldestCollectedAt: new Date(o.oldest).toISOString() })),
  };
}

const scopePaths = (scope: Scope) => (scope.all ? null : scope.paths);
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export async function positivePools(deps: ScreeningDeps, scope: Scope, roundId: number) {
  const db = deps.db.kysely;
  await roundInScope(db, scope, roundId);
  const rows = await repo.positivePools(db, roundId, scope);
  return rows
    .map((r) => ({
      tubeCode: r.tube_code, kind: r.kind, members: r.members, siteName: r.site_name, reportedAt: iso(r.reported_at),
      ctOrf1ab: r.ct_orf1ab === null ? null : Number(r.ct_orf1ab), ctN: r.ct_n === null ? null : Number(r.ct_n),
      controlled: r.controlled, retested: r.retested, positives: r.positives,
    }));
}

export async function retests(deps: ScreeningDeps, scope: Scope, roundId: number, q: { status?: string; limit?: number; offset?: number }) {
  const db = deps.db.kysely;
  await roundInScope(db, scope, roundId);
  const { rows, total } = await repo.retestTasks(db, roundId, { status: q.status, paths: scopePaths(scope), limit: q.limit ?? 200, offset: q.offset ?? 0 });
  return {
    items: rows.map((r) => ({
      id: r.id, personId: r.person_id, name: r.name, idNumber: maskIdNumber(r.id_number), reason: r.reason, sourceTube: r.source_tube, siteName: r.site_name,
      buildingName: r.building_name, doorToDoor: r.door_to_door, status: r.status, result: r.result, createdAt: iso(r.created_at)!, sampledAt: iso(r.sampled_at), doneAt: iso(r.done_at),
    })),
    total,
  };
}

export async function findings(deps: ScreeningDeps, scope: Scope, roundId: number) {
  const db = deps.db.kysely;
  await roundInScope(db, scope, roundId);
  return (await repo.findings(db, roundId, scopePaths(scope))).map((r) => ({
    id: r.id, personId: r.person_id, name: r.name, idNumber: maskIdNumber(r.id_number), tubeCode: r.tube_code,
    ctOrf1ab: r.ct_orf1ab === null ? null : Number(r.ct_orf1ab), ctN: r.ct_n === null ? null : Number(r.ct_n),
    location: [r.parent_name, r.household_name].filter(Boolean).join(' ') || null, status: r.status, createdAt: iso(r.created_at)!,
  }));
}

/** With no earlier round in a place, pooling is advised for this prevalence (DESIGN §5: pool below 0.1 %). */
export const ASSUMED_PREVALENCE = 0.0001;

/**
 * Pool advice per place from the previous round there: prevalence = positives / people sampled, a
 * positive pool whose members are not yet retested counting as one. A round that found nobody gives
 * the assumed low prevalence (capped by half a positive over the people sampled), not zero.
 */
export async function poolAdvice(deps: ScreeningDeps, scope: Scope, placeIds: number[], maxPool?: number) {
  const db = deps.db.kysely;
  const places = [];
  for (const id of placeIds) places.push(await placeInScope(db, scope, id));
  const previous = await repo.previousPositivity(db, places, null);
  return places.map((p) => {
    const prev = previous.get(p.id) ?? null;
    const prevalence =
      prev && prev.sampled > 0 ? (prev.positives > 0 ? Math.min(0.5, prev.positives / prev.sampled) : Math.min(ASSUMED_PREVALENCE, 0.5 / prev.sampled)) : ASSUMED_PREVALENCE;
    const advice = advisePool({ prevalence, maxPool: maxPool ?? 20 });
    return {
      placeId: p.id, code: p.code, name: p.name, previousRound: prev?.round ?? null, sampled: prev?.sampled ?? 0, positives: prev?.positives ?? 0,
      prevalence: Math.round(prevalence * 1e8) / 1e8, assumed: !prev, ...advice,
    };
  });
}
