// The timeline of one simulated testing round (DESIGN §5, 采、送、检、报), planned from the round's own
// plan (time slots, door-to-door visits) and the census: who is sampled where and when, which tubes
// they share, how tubes are boxed, carried and tested, which pools come back positive and how their
// members are retested. Pure and seeded: the same inputs give the same timeline, registration ids
// included. sim/round-simulation.ts plays it through the services.
import { pad, rngFor as seededRng, type Rng, type StreamSalt } from './random.ts';
import { stableUuid } from '../domain/fhir.ts';
import { tubeSpecOf, zoneLevelAt, type RoundModes, type ZoneLevel, type ZoneMark } from '../domain/screening.ts';
import type { LabResultFields } from '../domain/lab-results.ts';

const ROUND_STREAMS: StreamSalt = { hi: 0x27d4eb2f, xor: 0x165667b1 };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** People are sampled in the first 12 hours of the round. */
export const SAMPLING_HOURS = 12;
/** Everything of a simulated round, late re-runs and the close included, happens within this span of its start. */
export const SIMULATED_SPAN_HOURS = 27;
const BOX_TUBES = 50;
/** A site sends what it has at least every three hours. */
const BOX_WAIT = 3 * HOUR;
/** The sampler apps sync at least every hour. */
const SYNC_WAIT = 60 * MINUTE;
/** Positive pools are among those reported in the first 18 hours, so that their retests end inside the span. */
const POSITIVE_BY = 18 * HOUR;
/** Share of sampled people who come twice (flagged as repeats by the server). */
const REPEAT_RATE = 0.004;
/** Share of the people never sampled for whom a grid worker records an exemption, and the most per round. */
const EXEMPT_RATE = 0.1;
const EXEMPT_MAX = 30;

const INSTRUMENTS = ['SLAN-96P', 'ABI 7500', 'Bio-Rad CFX96', 'Gentier 96E'];
const COURIERS = ['张师傅', '李师傅', '王师傅', '刘师傅', '陈师傅', '赵师傅', '孙师傅', '周师傅'];
const PROOFS = ['异地务工证明', '出差派遣函', '在校住宿证明', '外地就医证明'];

export interface TimelinePerson {
  id: number;
  idType: string;
  idNumber: string;
}
export interface TimelineHousehold {
  id: number;
  path: string;
  buildingId: number;
  people: TimelinePerson[];
}
export interface TimelineSite {
  id: number;
  code: string;
  mode: 'fixed' | 'door';
  path: string;
}
export interface TimelineSlot {
  siteId: number;
  buildingId: number;
  startsAt: Date;
  endsAt: Date;
}
export interface TimelineLab {
  code: string;
  path: string;
}

export interface TimelineInput {
  seed: number;
  name: string;
  roundId: number;
  startsAt: Date;
  modes: RoundModes;
  zones: ZoneMark[];
  coverage: number;
  positivePools: number;
  finish: boolean;
  batchSize: number;
  /** Households with their active residents, in tree order. */
  households: TimelineHousehold[];
  sites: TimelineSite[];
  slots: TimelineSlot[];
  doorVisits: { siteId: number; householdId: number }[];
  labs: TimelineLab[];
  /** The health-code QR a person shows (signed by the server). */
  healthCode: (personId: number) => string;
}

/** One registration as the sampler app sends it. */
export interface SimRegistration {
  clientId: string;
  roundId: number;
  tubeCode: string;
  person: string;
  idType?: 'id_card' | 'passport' | 'hk_mo_tw' | 'other';
  siteCode: string;
  collectedAt: string;
  tubeKind?: 'single';
  seal?: boolean;
}

export type TimelineEvent =
  | { at: Date; kind: 'register'; retest: boolean; items: SimRegistration[] }
  | { at: Date; kind: 'exempt'; personId: number; reason: 'in_hospital' | 'away_with_proof'; proof?: string }
  | { at: Date; kind: 'box'; code: string; siteCode: string; tubeCodes: string[] }
  | { at: Date; kind: 'handoff'; code: string; courier: string }
  | { at: Date; kind: 'receive'; code: string; labCode: string; tubeCodes: string[] }
  | { at: Date; kind: 'results'; rows: LabResultFields[] }
  | { at: Date; kind: 'close' };

export interface Timeline {
  /** In the order they happen. */
  events: TimelineEvent[];
  registrations: number;
  tubes: number;
  boxes: number;
  retests: number;
  positivePools: number;
  endsAt: Date;
}

interface Draw {
  person: TimelinePerson;
  household: TimelineHousehold;
  site: TimelineSite;
  at: number;
  single: boolean;
  level: ZoneLevel;
  key: string;
  syncAt?: number;
}

interface Tube {
  code: string;
  site: TimelineSite;
  kind: 'pool' | 'single';
  level: ZoneLevel;
  draws: Draw[];
  sealedAt: number;
}

interface Box {
  code: string;
  site: TimelineSite;
  tubes: Tube[];
  closeAt: number;
  receivedAt: number;
  runAt: number;
  labCode: string;
}

const uniform = (r: Rng, lo: number, hi: number) => lo + r() * (hi - lo);
const round2 = (x: number) => Math.round(x * 100) / 100;
const oneOf = <T>(r: Rng, list: readonly T[]): T => list[Math.floor(r() * list.length)];
function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The seeded random stream of one purpose in one simulated round. */
export const roundRng = (seed: number, name: string, purpose: string): Rng => seededRng(seed, `${name}|${purpose}`, ROUND_STREAMS);

export function planRoundTimeline(input: TimelineInput): Timeline {
  const T0 = input.startsAt.getTime();
  const samplingEnd = T0 + SAMPLING_HOURS * HOUR;
  const latest = T0 + SIMULATED_SPAN_HOURS * HOUR;
  const stream = (purpose: string) => roundRng(input.seed, input.name, purpose);
  const who = stream('who');
  const when = stream('when');
  const chain = stream('chain');
  const pick = stream('pick');

  const siteById = new Map(input.sites.map((s) => [s.id, s]));
  const slotOf = new Map(input.slots.map((s) => [s.buildingId, s]));
  const doorOf = new Map<number, TimelineSite>();
  for (const v of input.doorVisits) {
    const site = siteById.get(v.siteId);
    if (site) doorOf.set(v.householdId, site);
  }

  // A fixed site whose slots run past the sampling hours works faster (more staff): its day is squeezed into them.
  const siteSpan = new Map<number, number>();
  for (const s of input.slots) siteSpan.set(s.siteId, Math.max(siteSpan.get(s.siteId) ?? 0, s.endsAt.getTime() - T0));
  const onSiteClock = (siteId: number, t: number) => {
    const span = siteSpan.get(siteId) ?? 0;
    return span > SAMPLING_HOURS * HOUR ? T0 + ((t - T0) * SAMPLING_HOURS * HOUR) / span : t;
  };

  // Door teams walk their households in tree order from half past the start, squeezed into the sampling hours.
  const doorStart = new Map<number, { at: number; step: number }>();
  const byTeam = new Map<number, TimelineHousehold[]>();
  for (const h of input.households) {
    const team = doorOf.get(h.id);
    if (team) pushTo(byTeam, team.id, h);
  }
  for (const households of byTeam.values()) {
    let t = 0;
    const starts: [TimelineHousehold, number, number][] = [];
    for (const h of households) {
      t += uniform(when, 4, 10) * MINUTE;
      const step = uniform(when, 2, 3.5) * MINUTE;
      starts.push([h, t, step]);
      t += h.people.length * step;
    }
    const f = Math.min(1, (SAMPLING_HOURS * HOUR - 45 * MINUTE) / Math.max(t, 1));
    for (const [h, start, step] of starts) doorStart.set(h.id, { at: T0 + 30 * MINUTE + start * f, step: step * f });
  }

  // Who is sampled, where and when: whole households away now and then, single people missed.
  const missRate = 1 - input.coverage;
  const awayRate = missRate * 0.35;
  const personMiss = 1 - input.coverage / (1 - awayRate);
  const draws: Draw[] = [];
  const missed: TimelinePerson[] = [];
  for (const h of input.households) {
    const level = zoneLevelAt(h.path, input.zones);
    const door = doorOf.get(h.id);
    const slot = slotOf.get(h.buildingId);
    const site = door ?? (slot ? siteById.get(slot.siteId) : undefined);
    const away = who() < awayRate;
    let base = 0;
    let step = 0;
    if (door) ({ at: base, step } = doorStart.get(h.id)!);
    else if (slot && site) {
      base = slot.startsAt.getTime() + when() * (slot.endsAt.getTime() - slot.startsAt.getTime());
      if (when() < 0.05) base += when() * 90 * MINUTE; // came late
      base = onSiteClock(site.id, base);
      step = uniform(when, 0.3, 2) * MINUTE;
    }
    h.people.forEach((person, i) => {
      if (!site || away || who() < personMiss) return void missed.push(person);
      const at = Math.min(base + i * step, samplingEnd - MINUTE);
      draws.push({ person, household: h, site, at, single: !!door || level === 'sealed', level, key: 'first' });
    });
  }
  for (const d of draws.slice()) {
    if (!d.single && who() < REPEAT_RATE) draws.push({ ...d, at: Math.min(d.at + uniform(when, 45, 180) * MINUTE, samplingEnd - MINUTE), key: 'repeat' });
  }

  // Tubes: a single tube each at the door; pools per site and zone level, filled in the order people come.
  const tubes: Tube[] = [];
  const pools = new Map<string, Draw[]>();
  for (const d of draws) {
    const spec = tubeSpecOf(input.modes[d.level]);
    if (d.single || spec.kind === 'single') tubes.push({ code: '', site: d.site, kind: 'single', level: d.level, draws: [{ ...d, single: true }], sealedAt: 0 });
    else pushTo(pools, `${d.site.id}|${d.level}`, d);
  }
  for (const list of pools.values()) {
    list.sort((a, b) => a.at - b.at || a.person.id - b.person.id);
    const capacity = tubeSpecOf(input.modes[list[0].level]).capacity;
    let open: Tube | null = null;
    for (const d of list) {
      if (!open || open.draws.length >= capacity || open.draws.some((x) => x.person.id === d.person.id)) {
        open = { code: '', site: d.site, kind: 'pool', level: d.level, draws: [], sealedAt: 0 };
        tubes.push(open);
      }
      open.draws.push(d);
    }
  }
  tubes.sort((a, b) => a.draws[0].at - b.draws[0].at || a.draws[0].person.id - b.draws[0].person.id);
  let tubeSeq = 0;
  const tubeCode = (letter: string) => `R${input.roundId}${letter}${pad(++tubeSeq, 6)}`;
  for (const t of tubes) t.code = tubeCode(t.kind === 'pool' ? 'P' : 'S');

  const events: TimelineEvent[] = [];
  const scan = (p: TimelinePerson): Pick<SimRegistration, 'person' | 'idType'> =>
    who() < 0.7 ? { person: input.healthCode(p.id) } : { person: p.idNumber, idType: p.idType as SimRegistration['idType'] };
  const registration = (t: Tube, d: Draw, i: number): SimRegistration => ({
    clientId: stableUuid(`cordon-sim|${input.seed}|${input.name}|${d.person.id}|${d.key}`),
    roundId: input.roundId,
    tubeCode: t.code,
    ...scan(d.person),
    siteCode: d.site.code,
    collectedAt: new Date(d.at).toISOString(),
    ...(t.kind === 'single' ? { tubeKind: 'single' as const } : i === t.draws.length - 1 ? { seal: true } : {}),
  });

  // Each site's sampler app syncs its own queue, in batches of at most batchSize and an hour: a tube
  // is sealed by the batch of its last member, and a batch holds the tubes of one site only.
  const queue = tubes.flatMap((t, ti) => t.draws.map((d, i) => ({ d, t, ti, i })));
  queue.sort((a, b) => a.d.at - b.d.at || a.ti - b.ti || a.i - b.i);
  const queueOf = new Map<string, typeof queue>();
  for (const x of queue) {
    const list = queueOf.get(x.d.site.code);
    if (list) list.push(x);
    else queueOf.set(x.d.site.code, [x]);
  }
  for (const siteQueue of queueOf.values()) {
    let batch: typeof queue = [];
    const flush = () => {
      if (batch.length === 0) return;
      const syncAt = batch[batch.length - 1].d.at + 2 * MINUTE;
      for (const x of batch) x.d.syncAt = syncAt;
      events.push({ at: new Date(syncAt), kind: 'register', retest: false, items: batch.map((x) => registration(x.t, x.d, x.i)) });
      batch = [];
    };
    for (const x of siteQueue) {
      if (batch.length >= input.batchSize || (batch.length > 0 && x.d.at - batch[0].d.at > SYNC_WAIT)) flush();
      batch.push(x);
    }
    flush();
  }
  for (const t of tubes) t.sealedAt = Math.max(...t.draws.map((d) => d.syncAt!));

  // Boxes: at each site, up to 50 sealed tubes or what three hours bring, to the district's lab.
  const labFor = (site: TimelineSite) => {
    const inside = input.labs.filter((l) => site.path.startsWith(l.path));
    const depth = Math.max(...inside.map((l) => l.path.length));
    const nearest = inside.filter((l) => l.path.length === depth);
    return oneOf(chain, nearest.length ? nearest : input.labs).code;
  };
  let boxSeq = 0;
  const boxes: Box[] = [];
  const makeBox = (site: TimelineSite, list: Tube[], closeAt: number, labHours: [number, number]): Box => {
    const handedAt = closeAt + uniform(chain, 5, 30) * MINUTE;
    const receivedAt = handedAt + uniform(chain, 25, 80) * MINUTE;
    const box = { code: `R${input.roundId}B${pad(++boxSeq, 4)}`, site, tubes: list, closeAt, receivedAt, runAt: receivedAt + uniform(chain, ...labHours) * HOUR, labCode: labFor(site) };
    events.push({ at: new Date(closeAt), kind: 'box', code: box.code, siteCode: site.code, tubeCodes: list.map((t) => t.code) });
    events.push({ at: new Date(handedAt), kind: 'handoff', code: box.code, courier: oneOf(chain, COURIERS) });
    boxes.push(box);
    return box;
  };
  const bySite = new Map<number, Tube[]>();
  for (const t of tubes) pushTo(bySite, t.site.id, t);
  const planned: { site: TimelineSite; list: Tube[]; closeAt: number }[] = [];
  for (const list of bySite.values()) {
    list.sort((a, b) => a.sealedAt - b.sealedAt);
    for (let i = 0; i < list.length; ) {
      let j = i;
      while (j < list.length && j - i < BOX_TUBES && list[j].sealedAt <= list[i].sealedAt + BOX_WAIT) j++;
      planned.push({ site: list[i].site, list: list.slice(i, j), closeAt: list[j - 1].sealedAt + uniform(chain, 5, 15) * MINUTE });
      i = j;
    }
  }
  planned.sort((a, b) => a.closeAt - b.closeAt);
  for (const p of planned) makeBox(p.site, p.list, p.closeAt, [3, 7.5]);
  const boxOf = new Map(boxes.flatMap((b) => b.tubes.map((t) => [t, b] as const)));

  // A few tubes of the first box come out invalid and are re-run past the 24-hour target; one early tube
  // falls out of another box on the way (the lab reports it missing: it never gets a result, and is
  // overdue from a day after the start on).
  const lateBox = boxes[0] ?? null;
  const late = new Set([...(lateBox?.tubes ?? [])].sort((a, b) => a.draws[0].at - b.draws[0].at).slice(0, pick() < 0.5 ? 2 : 3));
  const earlyTubes = boxes.filter((b) => b !== lateBox && b.tubes.length >= 2).flatMap((b) => b.tubes).filter((t) => t.draws[0].at <= T0 + 2 * HOUR);
  const others = tubes.filter((t) => !late.has(t)).sort((a, b) => a.draws[0].at - b.draws[0].at);
  const missing = earlyTubes.length ? oneOf(pick, earlyTubes) : (others[0] ?? null);

  // Positive pools: a pool of the controlled area first when there is one, none sharing a member.
  const candidates = boxes.filter((b) => b.runAt - T0 <= POSITIVE_BY).flatMap((b) => b.tubes).filter((t) => t.kind === 'pool' && t !== missing && !late.has(t));
  const shuffled = candidates.map((t) => ({ t, k: pick() })).sort((a, b) => a.k - b.k).map((x) => x.t);
  const positives: Tube[] = [];
  const controlled = new Set<number>();
  for (const t of [...shuffled.filter((x) => x.level === 'controlled').slice(0, 1), ...shuffled]) {
    if (positives.length >= input.positivePools) break;
    if (positives.includes(t) || t.draws.some((d) => controlled.has(d.person.id))) continue;
    positives.push(t);
    for (const d of t.draws) controlled.add(d.person.id);
  }
  const isPositive = new Set(positives);

  const ct = () => {
    const orf = round2(uniform(pick, 22, 35));
    return { ctOrf1ab: orf, ctN: round2(Math.min(38, orf + uniform(pick, -1.5, 2))) };
  };
  const runRows = (box: Box, list: Tube[], at: number, result: (t: Tube) => 'negative' | 'positive' | 'invalid') => {
    const instrument = oneOf(chain, INSTRUMENTS);
    const rows = list.map((t): LabResultFields => {
      const r = result(t);
      return { tubeCode: t.code, result: r, ...(r === 'positive' ? ct() : {}), testedAt: new Date(at - uniform(chain, 10, 40) * MINUTE).toISOString(), labCode: box.labCode, instrument };
    });
    events.push({ at: new Date(at), kind: 'results', rows });
  };
  for (const box of boxes) {
    const arrived = box.tubes.filter((t) => t !== missing);
    events.push({ at: new Date(box.receivedAt), kind: 'receive', code: box.code, labCode: box.labCode, tubeCodes: arrived.map((t) => t.code) });
    runRows(box, arrived, box.runAt, (t) => (isPositive.has(t) ? 'positive' : late.has(t) ? 'invalid' : 'negative'));
  }
  for (const t of late) {
    const box = boxOf.get(t)!;
    const at = Math.min(latest - 20 * MINUTE, Math.max(box.runAt + 30 * MINUTE, t.draws[0].at + 24 * HOUR + uniform(chain, 5, 40) * MINUTE));
    runRows(box, [t], at, () => 'negative');
  }

  // Exemptions recorded for some of the people never sampled.
  for (const person of missed.filter(() => who() < EXEMPT_RATE).slice(0, EXEMPT_MAX)) {
    const away = who() < 0.4;
    events.push({ at: new Date(T0 + uniform(when, 6, 11) * HOUR), kind: 'exempt', personId: person.id, reason: away ? 'away_with_proof' : 'in_hospital', ...(away ? { proof: oneOf(who, PROOFS) } : {}) });
  }

  // Retests: every member of a positive pool gets a single tube from their building's team; one is positive.
  let retests = 0;
  if (input.finish && positives.length > 0) {
    const positiveMember = oneOf(pick, positives[0].draws).person.id;
    for (const pool of positives.sort((a, b) => boxOf.get(a)!.runAt - boxOf.get(b)!.runAt)) {
      const reported = boxOf.get(pool)!.runAt;
      const bySiteRetest = new Map<TimelineSite, Tube[]>();
      const seen = new Set<number>();
      for (const d of pool.draws) {
        if (seen.has(d.person.id)) continue;
        seen.add(d.person.id);
        const slot = slotOf.get(d.household.buildingId);
        const site = (slot && siteById.get(slot.siteId)) || pool.site;
        const draw: Draw = { ...d, site, single: true, at: reported + uniform(when, 50, 150) * MINUTE, key: 'retest' };
        const tube: Tube = { code: tubeCode('T'), site, kind: 'single', level: d.level, draws: [draw], sealedAt: 0 };
        pushTo(bySiteRetest, site, tube);
      }
      for (const [site, list] of bySiteRetest) {
        const syncAt = Math.max(...list.map((t) => t.draws[0].at)) + 2 * MINUTE;
        events.push({ at: new Date(syncAt), kind: 'register', retest: true, items: list.map((t) => registration(t, t.draws[0], 0)) });
        retests += list.length;
        tubes.push(...list);
        const box = makeBox(site, list, syncAt + uniform(chain, 5, 15) * MINUTE, [1.5, 3]);
        events.push({ at: new Date(box.receivedAt), kind: 'receive', code: box.code, labCode: box.labCode, tubeCodes: list.map((t) => t.code) });
        runRows(box, list, box.runAt, (t) => (t.draws[0].person.id === positiveMember ? 'positive' : 'negative'));
      }
    }
  }

  const ordered = events.map((e, i) => ({ e, i })).sort((a, b) => a.e.at.getTime() - b.e.at.getTime() || a.i - b.i).map((x) => x.e);
  const lastAt = ordered.length ? ordered[ordered.length - 1].at.getTime() : T0;
  if (input.finish) ordered.push({ at: new Date(Math.min(latest, lastAt + 20 * MINUTE)), kind: 'close' });
  const endsAt = ordered.length ? ordered[ordered.length - 1].at : new Date(T0);
  if (endsAt.getTime() > latest) throw new Error(`simulated round runs past its span: ${endsAt.toISOString()}`);
  return {
    events: ordered,
    registrations: draws.length + retests,
    tubes: tubes.length,
    boxes: boxes.length,
    retests,
    positivePools: positives.length,
    endsAt,
  };
}
