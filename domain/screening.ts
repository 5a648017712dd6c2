// Mass-testing rounds (DESIGN §5): sampling modes per zone level, what a tube of each mode holds,
// the zone level of a place inside a round, time slots from site capacity, and turnaround figures.
// Pure: the server and the web share these rules.

export const ZONE_LEVELS = ['sealed', 'controlled', 'precaution'] as const;
export type ZoneLevel = (typeof ZONE_LEVELS)[number];

/** single = 单采单检, household = 1户1管, pool10/pool20 = 10合1 / 20合1. */
export const SAMPLING_MODES = ['single', 'household', 'pool10', 'pool20'] as const;
export type SamplingMode = (typeof SAMPLING_MODES)[number];

export const TUBE_KINDS = ['single', 'household', 'pool'] as const;
export type TubeKind = (typeof TUBE_KINDS)[number];

export type RoundModes = Record<ZoneLevel, SamplingMode>;

/** DESIGN §5: sealed → single (or 1户1管), controlled → 10合1, precaution and the rest → 20合1. */
export const DEFAULT_MODES: RoundModes = { sealed: 'single', controlled: 'pool10', precaution: 'pool20' };

/** Sealed areas may only use single tubes or one tube per household: a pool would mix households. */
export const MODES_ALLOWED: Record<ZoneLevel, readonly SamplingMode[]> = {
  sealed: ['single', 'household'],
  controlled: SAMPLING_MODES,
  precaution: SAMPLING_MODES,
};

/** The most people a household tube takes (a larger household fills a second tube). */
export const HOUSEHOLD_TUBE_CAPACITY = 10;
export const MAX_TUBE_CAPACITY = 20;

export const ZONE_LEVEL_LABELS: Record<ZoneLevel, { zh: string; en: string }> = {
  sealed: { zh: '封控区', en: 'Sealed' },
  controlled: { zh: '管控区', en: 'Controlled' },
  precaution: { zh: '防范区', en: 'Precaution' },
};

export const SAMPLING_MODE_LABELS: Record<SamplingMode, { zh: string; en: string }> = {
  single: { zh: '单采单检', en: 'Single tube' },
  household: { zh: '1户1管', en: 'One tube per household' },
  pool10: { zh: '10合1', en: '10-in-1 pool' },
  pool20: { zh: '20合1', en: '20-in-1 pool' },
};

export interface TubeSpec {
  kind: TubeKind;
  capacity: number;
}

export function tubeSpecOf(mode: SamplingMode): TubeSpec {
  switch (mode) {
    case 'single':
      return { kind: 'single', capacity: 1 };
    case 'household':
      return { kind: 'household', capacity: HOUSEHOLD_TUBE_CAPACITY };
    case 'pool10':
      return { kind: 'pool', capacity: 10 };
    case 'pool20':
      return { kind: 'pool', capacity: 20 };
  }
}

/** Checks a round's modes: every level named, each mode allowed for its level. Returns an error text or null. */
export function checkModes(modes: Partial<Record<string, string>>): string | null {
  for (const level of ZONE_LEVELS) {
    const m = modes[level];
    if (!m || !(SAMPLING_MODES as readonly string[]).includes(m)) return `mode for ${level} must be one of ${SAMPLING_MODES.join(', ')}`;
    if (!MODES_ALLOWED[level].includes(m as SamplingMode)) return `${level} areas allow only ${MODES_ALLOWED[level].join(' or ')}`;
  }
  return null;
}

export interface ZoneMark {
  path: string;
  level: ZoneLevel;
}

/** The level of the place at `path` in a round: its deepest marked ancestor (or itself), else precaution. */
export function zoneLevelAt(path: string, zones: readonly ZoneMark[]): ZoneLevel {
  let best: ZoneMark | null = null;
  for (const z of zones) if (path.startsWith(z.path) && (!best || z.path.length > best.path.length)) best = z;
  return best?.level ?? 'precaution';
}

/** A tube's kind and capacity must be what the person's zone asks for (a single tube is always allowed). */
export function tubeFitsLevel(tube: TubeSpec, level: ZoneLevel): boolean {
  if (tube.kind === 'single') return true;
  if (level === 'sealed') return tube.kind === 'household';
  return true;
}

// ---------------------------------------------------------------- time slots (分时段分批)

export interface SlotSite {
  id: number;
  capacityPerHour: number;
  /** Path of the community (or other area) the site serves. */
  areaPath: string;
}

export interface SlotBuilding {
  id: number;
  path: string;
  people: number;
}

export interface Slot {
  siteId: number;
  buildingId: number;
  startsAt: Date;
  endsAt: Date;
  people: number;
}

const MINUTE = 60_000;

/**
 * Gives each building a window at one of its area's fixed sites: buildings in tree order go to the
 * site that is free first, for as long as its hourly capacity needs to take the building's people
 * (rounded up to 5 minutes, at least 10). Buildings with no site in their area are returned apart.
 */
export function planSlots(sites: readonly SlotSite[], buildings: readonly SlotBuilding[], startsAt: Date): { slots: Slot[]; unserved: number[] } {
  const slots: Slot[] = [];
  const unserved: number[] = [];
  const freeAt = new Map<number, number>(sites.map((s) => [s.id, startsAt.getTime()]));
  const sorted = [...buildings].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const b of sorted) {
    if (b.people <= 0) continue;
    const candidates = sites.filter((s) => s.capacityPerHour > 0 && b.path.startsWith(s.areaPath));
    if (candidates.length === 0) {
      unserved.push(b.id);
      continue;
    }
    // The deepest area first (a site of the compound before one of the community), then the freest.
    const depth = Math.max(...candidates.map((s) => s.areaPath.length));
    const site = candidates.filter((s) => s.areaPath.length === depth).reduce((a, s) => (freeAt.get(s.id)! < freeAt.get(a.id)! ? s : a));
    const minutes = Math.max(10, Math.ceil(((b.people / site.capacityPerHour) * 60) / 5) * 5);
    const start = freeAt.get(site.id)!;
    const end = start + minutes * MINUTE;
    freeAt.set(site.id, end);
    slots.push({ siteId: site.id, buildingId: b.id, startsAt: new Date(start), endsAt: new Date(end), people: b.people });
  }
  return { slots, unserved };
}

// ---------------------------------------------------------------- progress and turnaround

/** Share of the round's time gone at `now` (0 before the start, 1 at and after the deadline). */
export function timeElapsed(startsAt: Date, deadline: Date, now: Date): number {
  const span = deadline.getTime() - startsAt.getTime();
  if (span <= 0) return 1;
  return Math.min(1, Math.max(0, (now.getTime() - startsAt.getTime()) / span));
}


/** The round target: results for everyone within 24 hours of sampling. */
export const TURNAROUND_TARGET_HOURS = 24;

/** Health-code QR payload of a person: `HC1:<personId>:<signature>` (the signature is made by the server). */
export function parseHealthCodeQr(text: string): { personId: number; signature: string } | null {
  const m = /^HC1:(\d{1,15}):([0-9a-f]{16})$/.exec(text.trim());
  return m ? { personId: Number(m[1]), signature: m[2] } : null;
}
