// Rounds (全员核酸检测, 一轮): created over places with a deadline and a sampling mode per zone
// level, planned into time slots per building and door-to-door visits, closed when done.
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { recordAudit, type Actor } from '../../platform/audit.ts';
import { pathInScope, type Scope } from '../../platform/access.ts';
import type { Queryable } from '../../platform/db.ts';
import type { PersonsDeps } from '../persons/service.ts';
import { findPlaceRowById } from '../places/service.ts';
import { checkModes, DEFAULT_MODES, planSlots, timeElapsed, type RoundModes } from '../../../domain/screening.ts';
import * as repo from './round-repo.ts';
import * as stats from './status-repo.ts';
import { applyRoundRollup } from './rollup.ts';
import type { NewRound, RoundStatusView, RoundView } from './schemas.ts';

export type ScreeningDeps = PersonsDeps;

/** A round is visible to a caller whose area overlaps one of its places (inside it, or containing it). */
export function roundVisible(scope: Scope, places: { path: string }[]): boolean {
  if (scope.all) return true;
  return places.some((p) => scope.paths.some((s) => p.path.startsWith(s) || s.startsWith(p.path)));
}

const roundNotFound = (ref: string | number) => notFound('ROUND_NOT_FOUND', `No round ${ref} in your scope`);

/** The round by id, checked against the caller's scope. */
export async function roundInScope(db: Queryable, scope: Scope, id: number): Promise<repo.RoundRow> {
  const round = await repo.findRound(db, id);
  if (!round) throw roundNotFound(id);
  if (!scope.all && !roundVisible(scope, await repo.roundPlaces(db, [id]))) throw roundNotFound(id);
  return round;
}

/** A round by id or by name (the CLI takes either). */
export async function findRoundRef(db: Queryable, ref: string): Promise<repo.RoundRow> {
  const round = /^\d+$/.test(ref) ? ((await repo.findRound(db, Number(ref))) ?? (await repo.findRoundByName(db, ref))) : await repo.findRoundByName(db, ref);
  if (!round) throw roundNotFound(ref);
  return round;
}

export async function roundStatus(db: Queryable, round: repo.RoundRow, now: Date): Promise<RoundStatusView> {
  const places = await repo.roundPlaces(db, [round.id]);
  const s = await stats.roundCounts(db, round.id, places, new Date(round.starts_at));
  const expected = Math.max(0, s.residents - s.exempt);
  return {
    round: round.name,
    roundId: round.id,
    expected,
    exempt: s.exempt,
    sampled: s.sampled,
    samples: s.samples,
    repeats: s.repeats,
    tubes: s.tubes,
    tubesWithResult: s.tubesWithResult,
    positivePools: s.positivePools,
    positiveSingles: s.positiveSingles,
    membersControlled: s.membersControlled,
    retestTasks: s.retestTasks,
    retestsDone: s.retestsDone,
    unmatchedResults: s.unmatchedResults,
    coverage: expected === 0 ? null : Math.round((s.sampled / expected) * 10000) / 10000,
    timeElapsed: Math.round(timeElapsed(new Date(round.starts_at), new Date(round.deadline), now) * 10000) / 10000,
  };
}

export async function presentRounds(db: Queryable, rounds: repo.RoundRow[], now: Date): Promise<RoundView[]> {
  const ids = rounds.map((r) => r.id);
  const [places, zones] = await Promise.all([repo.roundPlaces(db, ids), repo.roundZones(db, ids)]);
  const out: RoundView[] = [];
  for (const r of rounds) {
    out.push({
      id: r.id,
      name: r.name,
      startsAt: new Date(r.starts_at).toISOString(),
      deadline: new Date(r.deadline).toISOString(),
      policyPack: r.policy_pack,
      modes: r.modes as RoundView['modes'],
      status: r.status,
      createdAt: new Date(r.created_at).toISOString(),
      places: places.filter((p) => p.round_id === r.id).map(({ id, code, name, kind }) => ({ id, code, name, kind })),
      zones: zones.filter((z) => z.round_id === r.id).map(({ id, code, name, kind, level }) => ({ id, code, name, kind, level })),
      progress: await roundStatus(db, r, now),
    });
  }
  return out;
}

export async function listRounds(deps: ScreeningDeps, scope: Scope) {
  const db = deps.db.kysely;
  const rounds = await repo.listRounds(db, 200);
  const places = await repo.roundPlaces(db, rounds.map((r) => r.id));
  const visible = rounds.filter((r) => roundVisible(scope, places.filter((p) => p.round_id === r.id)));
  return presentRounds(db, visible, deps.clock());
}

export async function getRound(deps: ScreeningDeps, scope: Scope, id: number) {
  const db = deps.db.kysely;
  return (await presentRounds(db, [await roundInScope(db, scope, id)], deps.clock()))[0];
}

/** Creates a round and plans it (slots per building at the fixed sites, door-to-door visits). */
export async function createRound(deps: ScreeningDeps, actor: Actor, scope: Scope, input: NewRound) {
  const db = deps.db.kysely;
  const name = input.name.trim();
  if (!name) throw badRequest('ROUND_NAME_REQUIRED', 'A round needs a name');
  const startsAt = new Date(input.startsAt);
  const deadline = new Date(input.deadline);
  if (!(deadline.getTime() > startsAt.getTime())) throw badRequest('ROUND_TIME_INVALID', 'The deadline must be after the start');
  const modes: RoundModes = { ...DEFAULT_MODES, ...(input.modes ?? {}) };
  const modeError = checkModes(modes);
  if (modeError) throw badRequest('ROUND_MODES_INVALID', modeError);
  const places: NonNullable<Awaited<ReturnType<typeof findPlaceRowById>>>[] = [];
  for (const id of new Set(input.placeIds)) {
    const p = await findPlaceRowById(db, id);
    if (!p || !pathInScope(scope, p.path)) throw badRequest('ROUND_PLACE_UNKNOWN', `No place ${id} in your scope`);
    if (p.kind === 'household' || p.kind === 'unit') throw badRequest('ROUND_PLACE_TOO_SMALL', `A round covers areas (buildings or larger), not a ${p.kind}`);
    places.push(p);
  }
  // Nested places add nothing: keep the outermost.
  const roots = places.filter((p) => !places.some((q) => q !== p && p.path.startsWith(q.path)));
  const zones: { id: number; path: string; level: string; code: string }[] = [];
  for (const z of input.zones ?? []) {
    const p = await findPlaceRowById(db, z.placeId);
    if (!p || !roots.some((r) => p.path.startsWith(r.path))) throw badRequest('ROUND_ZONE_OUTSIDE', `Zone place ${z.placeId} is not inside the round's places`);
    if (zones.some((q) => q.id === p.id)) throw badRequest('ROUND_ZONE_TWICE', `Place ${p.code} is given two zone levels`);
    zones.push({ id: p.id, path: p.path, level: z.level, code: p.code });
  }
  const now = deps.clock();
  const id = await db.transaction().execute(async (tx) => {
    if (await repo.findRoundByName(tx, name)) throw conflict('ROUND_NAME_TAKEN', `A round named ${name} exists`);
    const { id } = await repo.insertRound(tx, { name, starts_at: startsAt, deadline, policy_pack: input.policyPack ?? 'edition-9', modes, created_by: actor.userId });
    await repo.insertRoundPlaces(tx, id, roots);
    await repo.insertRoundZones(tx, id, zones);
    await recordAudit(tx, actor, now, {
      action: 'screening.round.create',
      entity: 'round',
      entityId: id,
      placePath: roots.length === 1 ? roots[0].path : null,
      after: { name, startsAt, deadline, modes, places: roots.map((p) => p.code), zones: zones.map((z) => ({ code: z.code, level: z.level })) },
    });
    return id;
  });
  await planRound(deps, actor, scope, id);
  return getRound(deps, scope, id);
}

/** (Re)plans the round: 分时段分批 slots per building at the fixed sites, door-to-door visits. */
export async function planRound(deps: ScreeningDeps, actor: Actor, scope: Scope, id: number) {
  const db = deps.db.kysely;
  const round = await roundInScope(db, scope, id);
  const sites = (await repo.roundSites(db, id))
    .filter((s) => s.site_mode !== 'door' && (s.capacity_per_hour ?? 0) > 0)
    .map((s) => ({ id: s.id, capacityPerHour: s.capacity_per_hour!, areaPath: s.place_path }));
  const buildings = await repo.roundBuildings(db, id);
  const { slots, unserved } = planSlots(sites, buildings, new Date(round.starts_at));
  const now = deps.clock();
  return db.transaction().execute(async (tx) => {
    await repo.replaceSlots(tx, id, slots);
    const doorVisits = await repo.replaceDoorVisits(tx, id);
    const result = { slots: slots.length, doorVisits, unservedBuildings: unserved.length };
    await recordAudit(tx, actor, now, { action: 'screening.round.plan', entity: 'round', entityId: id, after: result });
    return result;
  });
}

export async function closeRound(deps: ScreeningDeps, actor: Actor, scope: Scope, id: number) {
  const db = deps.db.kysely;
  const round = await roundInScope(db, scope, id);
  if (round.status !== 'closed') {
    const now = deps.clock();
    await db.transaction().execute(async (tx) => {
      await repo.setRoundStatus(tx, id, 'closed');
      await recordAudit(tx, actor, now, { action: 'screening.round.close', entity: 'round', entityId: id, before: { status: round.status }, after: { status: 'closed' } });
    });
  }
  return getRound(deps, scope, id);
}

export async function exemptPerson(deps: ScreeningDeps, actor: Actor, scope: Scope, roundId: number, input: { personId: number; reason: string; proof?: string }) {
  const db = deps.db.kysely;
  await roundInScope(db, scope, roundId);
  const person = await stats.personWithHousehold(db, input.personId);
  if (!person || !person.path || !pathInScope(scope, person.path)) throw notFound('PERSON_NOT_FOUND', `No person ${input.personId} in your scope`);
  if (input.reason === 'away_with_proof' && !input.proof?.trim()) throw badRequest('EXEMPTION_PROOF_REQUIRED', 'Away with proof needs the proof (document or note)');
  const now = deps.clock();
  await db.transaction().execute(async (tx) => {
    if (await repo.findExemption(tx, roundId, person.id)) throw conflict('EXEMPTION_EXISTS', 'This person is already exempted in this round');
    if (await repo.isSampled(tx, roundId, person.id)) throw conflict('EXEMPTION_SAMPLED', 'This person was already sampled in this round');
    await repo.insertExemption(tx, { round_id: roundId, person_id: person.id, path: person.path, reason: input.reason, proof: input.proof?.trim() || null, created_by: actor.userId });
    if (person.status === 'active') await applyRoundRollup(tx, roundId, [{ path: person.path!, exempt: 1 }]);
    await recordAudit(tx, actor, now, { action: 'screening.exempt', entity: 'person', entityId: person.id, placePath: person.path, after: { roundId, reason: input.reason } });
  });
  return { ok: true };
}

export async function roundSites(deps: ScreeningDeps, scope: Scope, roundId: number) {
  const db = deps.db.kysely;
  await roundInScope(db, scope, roundId);
  const [sites, counts] = await Promise.all([repo.roundSites(db, roundId), repo.siteCounts(db, roundId)]);
  return sites
    .filter((s) => pathInScope(scope, s.place_path))
    .map((s) => {
      const c = counts.get(s.id);
      return {
        id: s.id,
        code: s.code,
        name: s.name,
        placeId: s.place_id,
        placeName: s.place_name,
        siteMode: s.site_mode ?? 'fixed',
        capacityPerHour: s.capacity_per_hour,
        slots: c?.slots ?? 0,
        doorVisits: c?.door_visits ?? 0,
        samples: c?.samples ?? 0,
        openTubes: c?.open_tubes ?? 0,
      };
    });
}

export async function roundSlots(deps: ScreeningDeps, scope: Scope, roundId: number, q: { siteId?: number; limit?: number; offset?: number }) {
  const db = deps.db.kysely;
  await roundInScope(db, scope, roundId);
  const rows = await repo.listSlots(db, roundId, scope, { siteId: q.siteId, limit: q.limit ?? 200, offset: q.offset ?? 0 });
  return rows.map((s) => ({
    id: s.id,
    siteId: s.site_id,
    siteName: s.site_name,
    buildingId: s.building_id,
    buildingName: s.building_name,
    buildingCode: s.building_code,
    compoundName: s.compound_name,
    startsAt: new Date(s.starts_at).toISOString(),
    endsAt: new Date(s.ends_at).toISOString(),
    people: s.people,
    sampled: s.sampled,
  }));
}

export async function roundDoorVisits(deps: ScreeningDeps, scope: Scope, roundId: number, q: { siteId?: number; limit?: number; offset?: number }) {
  const db = deps.db.kysely;
  await roundInScope(db, scope, roundId);
  const rows = await repo.listDoorVisits(db, roundId, scope, { siteId: q.siteId, limit: q.limit ?? 200, offset: q.offset ?? 0 });
  return rows.map((v) => ({
    id: v.id,
    siteId: v.site_id,
    householdId: v.household_id,
    householdCode: v.household_code,
    householdName: v.household_name,
    location: v.parent_kind === 'unit' && v.grandparent_name ? `${v.grandparent_name} ${v.parent_name}` : (v.parent_name ?? ''),
    reason: v.reason,
    members: v.members,
    sampled: v.sampled,
  }));
}
