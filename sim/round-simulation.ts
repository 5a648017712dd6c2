// A whole testing round over an area, played through the real services so that every screening page
// has real-looking data: the round is created and planned, people are registered at their slot's
// site or by their door team, tubes are boxed, handed to couriers and received by the district's lab
// (one tube goes missing), results come back with a few positive pools, their members are retested
// and the round is closed. The services read "now" from the injected clock; the simulation moves that
// clock through the simulated day, so every timestamp (and the turnaround) is the simulated one.
import { sql } from 'kysely';
import { AppError, badRequest, notFound } from '../server/platform/errors.ts';
import type { Actor } from '../server/platform/audit.ts';
import type { Scope } from '../server/platform/access.ts';
import type { Queryable } from '../server/platform/db.ts';
import { closeRound, createRound, exemptPerson, roundDoorVisits, roundSlots, type ScreeningDeps } from '../server/modules/screening/round-service.ts';
import { roundSites } from '../server/modules/screening/round-repo.ts';
import { healthCodeQr, registerSamples } from '../server/modules/screening/registration-service.ts';
import { createBox, handOffBox, receiveBox } from '../server/modules/screening/custody-service.ts';
import { recordResultRows } from '../server/modules/screening/result-service.ts';
import { findPlaceRowByCode } from '../server/modules/places/service.ts';
import { ancestorsOf, listSubtree } from '../server/modules/places/repo.ts';
import { listFacilitiesUnder } from '../server/modules/places/facility-repo.ts';
import type { RoundModes, ZoneLevel, ZoneMark } from '../domain/screening.ts';
import { dayInZone, parseLocalTime } from '../domain/time.ts';
import { planRoundTimeline, roundRng, SIMULATED_SPAN_HOURS, type TimelineEvent, type TimelineHousehold, type TimelineInput } from './round-timeline.ts';

export { SIMULATED_SPAN_HOURS };

export interface RoundSimulationOptions {
  /** Round name (unique: a second run with the same name is refused with ROUND_NAME_TAKEN). */
  name: string;
  /** Code of the area, e.g. '990100' the demo city, or a district. */
  placeCode: string;
  seed: number;
  /** Share of expected residents sampled (default 0.97). */
  coverage?: number;
  /** Pooled tubes reported positive (default 3; fewer when the area has fewer pools). */
  positivePools?: number;
  /** Units marked sealed (default 1): their residents get single tubes at the door; their compound is controlled (10合1). */
  sealedUnits?: number;
  /** Events (registration batches, box steps, results) in flight at once (default 4 on PostgreSQL, 1 on PGlite). */
  concurrency?: number;
  /** Round start: registrations over the first 12 h, results within 24 h (a few late tubes past it). */
  startsAt: Date;
  /** Retest every controlled member (one positive, the rest negative) and close the round (default true). */
  finish?: boolean;
  /** Registrations per registerSamples call (default 1000). */
  batchSize?: number;
  onProgress?: (phase: string, done: number, total: number) => void;
}

export interface RoundSimulationResult {
  roundId: number;
  round: string;
  registrations: number;
  tubes: number;
  boxes: number;
  results: number;
  positivePools: number;
  membersControlled: number;
  retests: number;
  seconds: number;
}

const HOUR = 3_600_000;
const ALL: Scope = { all: true };
const ROWS_MAX = 1_000_000;

/** The latest 06:00 city time from which a whole simulated round lies in the past at `now` (yesterday's from 09:00 on). */
export function latestRoundStart(now: Date, timeZone: string): Date {
  const bound = now.getTime() - SIMULATED_SPAN_HOURS * HOUR;
  for (let back = 0; ; back++) {
    const start = parseLocalTime(`${dayInZone(new Date(bound - back * 86_400_000), timeZone)}T06:00`, timeZone)!;
    if (start.getTime() <= bound) return start;
  }
}

function checkOptions(o: RoundSimulationOptions, now: Date) {
  const invalid = (message: string) => badRequest('SIMULATION_OPTIONS_INVALID', message);
  if (!o.name.trim()) throw invalid('The round needs a name');
  if (!Number.isSafeInteger(o.seed)) throw invalid(`seed must be an integer, got ${o.seed}`);
  if (o.coverage !== undefined && !(o.coverage > 0 && o.coverage <= 1)) throw invalid(`coverage must be above 0 and at most 1, got ${o.coverage}`);
  if (o.positivePools !== undefined && !(Number.isInteger(o.positivePools) && o.positivePools >= 0)) throw invalid(`positivePools must be a whole number ≥ 0, got ${o.positivePools}`);
  if (o.sealedUnits !== undefined && !(Number.isInteger(o.sealedUnits) && o.sealedUnits >= 0)) throw invalid(`sealedUnits must be a whole number ≥ 0, got ${o.sealedUnits}`);
  if (o.batchSize !== undefined && !(Number.isInteger(o.batchSize) && o.batchSize >= 1 && o.batchSize <= 5000)) throw invalid(`batchSize must be from 1 to 5000, got ${o.batchSize}`);
  if (Number.isNaN(o.startsAt.getTime())) throw invalid('startsAt is not a time');
  const latest = new Date(now.getTime() - SIMULATED_SPAN_HOURS * HOUR);
  if (o.startsAt.getTime() > latest.getTime())
    throw badRequest('SIMULATION_START_TOO_LATE', `A simulated round takes ${SIMULATED_SPAN_HOURS} h from its start and must lie in the past: start it at ${latest.toISOString()} or earlier`);
}

/** Sealed units (one per building, seeded) and the compound around each, controlled. */
async function pickZones(db: Queryable, place: { id: number; path: string }, seed: number, name: string, count: number) {
  if (count === 0) return [];
  const rng = roundRng(seed, name, 'zones');
  const units = (await listSubtree(db, place.path, { kinds: ['unit'], limit: ROWS_MAX, offset: 0 })).map((u) => ({ u, k: rng() })).sort((a, b) => a.k - b.k).map((x) => x.u);
  const zones: { placeId: number; path: string; level: ZoneLevel }[] = [];
  const buildings = new Set<number | null>();
  for (const unit of units) {
    if (zones.filter((z) => z.level === 'sealed').length >= count) break;
    if (buildings.has(unit.parent_id)) continue;
    buildings.add(unit.parent_id);
    const compound = (await ancestorsOf(db, unit.path)).find((a) => a.kind === 'compound' && a.path.startsWith(place.path));
    if (compound && !zones.some((z) => z.placeId === compound.id)) zones.push({ placeId: compound.id, path: compound.path, level: 'controlled' });
    zones.push({ placeId: unit.id, path: unit.path, level: 'sealed' });
  }
  return zones;
}

const pathKey = (path: string) => path.split('/').filter(Boolean).map(Number);
/** Tree order of materialized paths (ids from the root down). */
function byTreeOrder<T extends { path: string }>(items: T[]): T[] {
  const keyed = items.map((item) => ({ item, key: pathKey(item.path) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < Math.min(a.key.length, b.key.length); i++) if (a.key[i] !== b.key[i]) return a.key[i] - b.key[i];
    return a.key.length - b.key.length;
  });
  return keyed.map((k) => k.item);
}

/** Households with their active residents (of a building inside the place), in tree order. */
async function householdsUnder(db: Queryable, place: { id: number; path: string; kind: string }): Promise<TimelineHousehold[]> {
  const buildings = new Set((place.kind === 'building' ? [place] : await listSubtree(db, place.path, { kinds: ['building'], limit: ROWS_MAX, offset: 0 })).map((b) => b.id));
  const byHousehold = new Map<number, TimelineHousehold>();
  // Pages by person id (an offset over a million people re-reads everything before it, page after page).
  const page = 100_000;
  for (let after = 0; ; ) {
    const people = (
      await sql<{ id: number; id_type: string; id_number: string; household_id: number; household_path: string }>`
        SELECT p.id, p.id_type, p.id_number, p.household_id, h.path AS household_path
        FROM persons p JOIN places h ON h.id = p.household_id
        WHERE p.status = 'active' AND h.path LIKE ${place.path + '%'} AND p.id > ${after}
        ORDER BY p.id LIMIT ${page}`.execute(db)
    ).rows;
    for (const p of people) {
      let h = byHousehold.get(p.household_id);
      if (!h) {
        const buildingId = pathKey(p.household_path).find((id) => buildings.has(id));
        if (buildingId === undefined) continue;
        byHousehold.set(p.household_id, (h = { id: p.household_id, path: p.household_path, buildingId, people: [] }));
      }
      h.people.push({ id: p.id, idType: p.id_type, idNumber: p.id_number });
    }
    if (people.length < page) break;
    after = people[people.length - 1].id;
  }
  const households = byTreeOrder([...byHousehold.values()]);
  for (const h of households) h.people.sort((a, b) => a.id - b.id);
  return households;
}

/** What the round's plan says: sites, slots and door visits (through the services), labs of the area's tree. */
async function roundPlanData(deps: ScreeningDeps, roundId: number, place: { path: string }) {
  const db = deps.db.kysely;
  const page = 5000;
  const slots: TimelineInput['slots'] = [];
  for (let offset = 0; ; offset += page) {
    const rows = await roundSlots(deps, ALL, roundId, { limit: page, offset });
    slots.push(...rows.map((s) => ({ siteId: s.siteId, buildingId: s.buildingId, startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) })));
    if (rows.length < page) break;
  }
  const doorVisits: TimelineInput['doorVisits'] = [];
  for (let offset = 0; ; offset += page) {
    const rows = await roundDoorVisits(deps, ALL, roundId, { limit: page, offset });
    doorVisits.push(...rows.map((v) => ({ siteId: v.siteId, householdId: v.householdId })));
    if (rows.length < page) break;
  }
  const sites = (await roundSites(db, roundId)).map((s) => ({ id: s.id, code: s.code, mode: s.site_mode === 'door' ? ('door' as const) : ('fixed' as const), path: s.place_path }));
  const root = `/${place.path.split('/')[1]}/`;
  const labs = (await listFacilitiesUnder(db, root, 'lab', ROWS_MAX, 0)).items.map((l) => ({ code: l.code, path: l.place_path }));
  return { slots, doorVisits, sites, labs };
}

const PHASES: Record<TimelineEvent['kind'], string> = { register: 'register', exempt: 'register', box: 'custody', handoff: 'custody', receive: 'custody', results: 'results', close: 'close' };

export async function simulateRound(deps: ScreeningDeps, actor: Actor, opts: RoundSimulationOptions): Promise<RoundSimulationResult> {
  const started = performance.now();
  checkOptions(opts, deps.clock());
  const db = deps.db.kysely;
  const name = opts.name.trim();
  const place = await findPlaceRowByCode(db, opts.placeCode);
  if (!place) throw notFound('PLACE_NOT_FOUND', `No place ${opts.placeCode}`);
  opts.onProgress?.('plan', 0, 1);

  // The services read the simulated time; it starts the evening before, when the round is announced.
  const announcedAt = new Date(opts.startsAt.getTime() - 10 * HOUR);
  const sim: ScreeningDeps = { ...deps, clock: () => announcedAt };
  const zones = await pickZones(db, place, opts.seed, name, opts.sealedUnits ?? 1);
  const round = await createRound(sim, actor, ALL, {
    name,
    placeIds: [place.id],
    startsAt: opts.startsAt.toISOString(),
    deadline: new Date(opts.startsAt.getTime() + 24 * HOUR).toISOString(),
    zones: zones.map((z) => ({ placeId: z.placeId, level: z.level })),
  });
  const plan = await roundPlanData(sim, round.id, place);
  if (plan.labs.length === 0) throw badRequest('SIMULATION_NO_LAB', `No lab in the tree of ${place.code}: the tubes would have nowhere to go`);
  const timeline = planRoundTimeline({
    seed: opts.seed,
    name,
    roundId: round.id,
    startsAt: opts.startsAt,
    modes: round.modes as RoundModes,
    zones: zones.map((z): ZoneMark => ({ path: z.path, level: z.level })),
    coverage: opts.coverage ?? 0.97,
    positivePools: opts.positivePools ?? 3,
    finish: opts.finish ?? true,
    batchSize: opts.batchSize ?? 1000,
    households: await householdsUnder(db, place),
    ...plan,
    healthCode: (personId) => healthCodeQr(deps.secret, personId),
  });
  opts.onProgress?.('plan', 1, 1);

  const totals = { registrations: 0, boxes: 0, results: 0, positivePools: 0, membersControlled: 0, retests: 0 };
  let done = 0;
  const progress = (e: TimelineEvent) => opts.onProgress?.(e.kind === 'register' && e.retest ? 'retests' : PHASES[e.kind], ++done, timeline.events.length);
  const run = async (e: TimelineEvent) => {
    // Each event sees the time it happens at, even while later ones have started.
    const at = e.at;
    const d: ScreeningDeps = { ...deps, clock: () => at };
    switch (e.kind) {
      case 'register': {
        const r = await registerSamples(d, actor, ALL, e.items);
        const stored = r.items.filter((x) => !x.replayed).length;
        totals.registrations += stored;
        if (e.retest) totals.retests += stored;
        break;
      }
      case 'exempt':
        await exemptPerson(d, actor, ALL, round.id, { personId: e.personId, reason: e.reason, proof: e.proof });
        break;
      case 'box':
        await createBox(d, actor, ALL, { code: e.code, siteCode: e.siteCode, tubeCodes: e.tubeCodes });
        totals.boxes++;
        break;
      case 'handoff':
        await handOffBox(d, actor, ALL, e.code, e.courier);
        break;
      case 'receive':
        await receiveBox(d, actor, ALL, e.code, { labCode: e.labCode, tubeCodes: e.tubeCodes });
        break;
      case 'results': {
        const s = await recordResultRows(d, actor, ALL, e.rows.map((fields, i) => ({ row: i + 1, fields })), 'api');
        if (s.rejected > 0 || s.unmatched > 0) throw new AppError(500, 'SIMULATION_RESULTS_REFUSED', `Simulated results were refused: ${JSON.stringify(s.errors.slice(0, 3))}`);
        totals.results += s.accepted;
        totals.positivePools += s.positivePools;
        totals.membersControlled += s.membersControlled;
        break;
      }
      case 'close':
        await closeRound(d, actor, ALL, round.id);
        break;
    }
    progress(e);
  };

  // A city's samplers, couriers and labs work side by side: on PostgreSQL up to four events are in
  // flight at once (one at a time on PGlite, which has one connection). An event waits for those in
  // flight that hold one of its tubes, boxes or people — a box for its tubes' registrations, a
  // receipt for its box, results for their tubes' receipt — and retests and the close wait for all.
  const lanes = opts.concurrency ?? (deps.db.engine === 'postgres' ? 4 : 1);
  const scheduler = keyedScheduler(lanes);
  for (const e of timeline.events) {
    if (e.kind === 'close' || (e.kind === 'register' && e.retest)) await scheduler.settle();
    await scheduler.start(eventKeys(e), () => run(e));
  }
  await scheduler.settle();
  return {
    roundId: round.id,
    round: name,
    registrations: totals.registrations,
    tubes: timeline.tubes,
    boxes: totals.boxes,
    results: totals.results,
    positivePools: totals.positivePools,
    membersControlled: totals.membersControlled,
    retests: totals.retests,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}

/** What an event touches: events sharing a key run in timeline order. */
function eventKeys(e: TimelineEvent): string[] {
  const tubes = (codes: string[]) => codes.map((c) => `tube:${c}`);
  switch (e.kind) {
    case 'register':
      return [...new Set(tubes(e.items.map((x) => x.tubeCode)))];
    case 'box':
      return [`box:${e.code}`, ...tubes(e.tubeCodes)];
    case 'handoff':
      return [`box:${e.code}`];
    case 'receive':
      return [`box:${e.code}`, ...tubes(e.tubeCodes)];
    case 'results':
      return [...new Set(tubes(e.rows.map((r) => String(r.tubeCode))))];
    case 'exempt':
      return [`person:${e.personId}`];
    case 'close':
      return [];
  }
}

/** Runs tasks up to `lanes` at once; a task starts after the running tasks that share one of its keys. */
function keyedScheduler(lanes: number) {
  const inFlight = new Set<Promise<void>>();
  const holder = new Map<string, Promise<void>>();
  let failure: unknown = null;
  const settle = async () => {
    await Promise.all(inFlight);
    if (failure) throw failure;
  };
  return {
    settle,
    async start(keys: string[], task: () => Promise<void>) {
      const before = [...new Set(keys.map((k) => holder.get(k)).filter((x): x is Promise<void> => !!x))];
      if (before.length) await Promise.all(before);
      while (inFlight.size >= lanes) await Promise.race(inFlight);
      if (failure) await settle();
      const p: Promise<void> = task()
        .catch((err) => void (failure ??= err))
        .finally(() => {
          inFlight.delete(p);
          for (const k of keys) if (holder.get(k) === p) holder.delete(k);
        });
      inFlight.add(p);
      for (const k of keys) holder.set(k, p);
    },
  };
}
