// Deterministic, seeded synthetic demo city (DESIGN.md §3 place tree, §13 code prefix 99). Pure, no I/O.
//
// People are split top-down: the city's residents are apportioned to districts, theirs to subdistricts, …
// down to units, and a unit's residents to its households. Each split draws from its own random stream
// seeded by (seed, parent code), so any branch can be replanned alone: generation streams depth-first with
// only the current path in memory, and householdSize() replans just the path to one unit.
import { hashKey as seededHash, pad, rngFor as seededRng, type Rng, type StreamSalt } from './random.ts';
import type { FacilityKind, PlaceKind, PolygonGeometry } from '../domain/places.ts';
import {
  doorTeamName, fangcangName, hospitalName, isolationSiteNames, labName, placeName, roomName, samplingSiteName, venueName,
} from './names.ts';

export interface PlaceSeed {
  code: string; parentCode: string | null; kind: PlaceKind; name: string;
  sortOrder: number; // order inside parent, 1-based
  lat: number | null; lng: number | null; // centroid of an area; a unit or household sits at its building
  geometry: PolygonGeometry | null; // null for unit and household
}
export interface FacilitySeed {
  code: string; placeCode: string; kind: FacilityKind; name: string;
  capacity: number | null; // beds (hospital, fangcang), room capacity (isolation_site), tests/day (lab)
  capacityPerHour: number | null; // sampling_site only
  siteMode: 'fixed' | 'door' | null; // sampling_site only: a door-to-door team goes to the people
  rooms: { number: string; capacity: number }[]; // isolation_site only
  lat: number; lng: number;
}
export interface CityOptions { people: number; seed: number }
export interface CityPlan {
  people: number; seed: number; districts: number; subdistricts: number; communities: number; compounds: number;
  grids: number; buildings: number; units: number; households: number; places: number; facilities: number;
}

// ---------------------------------------------------------------- seeded randomness

const CITY_STREAMS: StreamSalt = { hi: 0x9e3779b9, xor: 0 };
const rngFor = (seed: number, key: string): Rng => seededRng(seed, key, CITY_STREAMS);
const hashKey = (seed: number, key: string): number => seededHash(seed, key, CITY_STREAMS);
const between = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));


// ---------------------------------------------------------------- how many people live where

const PROVINCE_CODE = '990000';
const CITY_CODE = '990100';
const DISTRICT_PREFIX = '9901'; // administrative codes: 9901NN is a district of city 990100

const CHILD: Partial<Record<PlaceKind, PlaceKind>> = {
  city: 'district', district: 'subdistrict', subdistrict: 'community', community: 'compound', compound: 'grid',
  grid: 'building', building: 'unit', unit: 'household',
};
/** Digits a child appends to its parent's code; 24-digit household codes stay well under the 64-char limit. */
const DIGITS: Partial<Record<PlaceKind, number>> = {
  district: 2, subdistrict: 3, community: 3, compound: 3, grid: 2, building: 2, unit: 1, household: 4,
};

/**
 * Children per parent: about people/target, kept in [lo, hi]. Small cities cannot honour the administrative
 * minimums (3 subdistricts, 4 communities) without absurdly tiny children, so `lo` gives way below
 * minPeople per child. `spread` is how unequal siblings are.
 */
interface FanOut { lo: number; hi: number; target: number; minPeople: number; spread: number }
const FAN_OUT: Partial<Record<PlaceKind, FanOut>> = {
  subdistrict: { lo: 3, hi: 8, target: 45_000, minPeople: 4_000, spread: 0.3 },
  community: { lo: 4, hi: 10, target: 10_000, minPeople: 2_000, spread: 0.3 }, // ≈ 3,800 households
  compound: { lo: 1, hi: 4, target: 2_800, minPeople: 1, spread: 0.35 }, // ≈ 15 buildings
  grid: { lo: 1, hi: 99, target: 1_040, minPeople: 1, spread: 0.2 }, // ≈ 400 households
  building: { lo: 1, hi: 99, target: 187, minPeople: 1, spread: 0.55 }, // walk-ups to high-rises
  unit: { lo: 2, hi: 4, target: 62, minPeople: 12, spread: 0 }, // units of one building are alike
};

const MEAN_HOUSEHOLD = 2.6;
/** Share of households with 1…6 (6+) members; mean 2.6, as in China's 2020 census (2.62). */
const SIZE_SHARES = [0.25, 0.3, 0.21, 0.13, 0.06, 0.05];

function districtCount(people: number): number {
  return Math.min(people, 9, 2 + Math.floor(people / 200_000));
}

function childCount(f: FanOut, people: number, rng: Rng): number {
  const lo = Math.min(f.lo, Math.max(1, Math.floor(people / f.minPeople)));
  const wanted = Math.round((people / f.target) * (0.85 + 0.3 * rng()));
  return Math.min(people, clamp(wanted, lo, f.hi)); // everyone gets ≥ 1 resident, so every level exists
}

/** Split total into k parts ≥ 1 with weights in [1 − spread, 1 + spread]; cumulative rounding keeps the sum exact. */
function splitPeople(total: number, k: number, rng: Rng, spread: number): number[] {
  const weights = Array.from({ length: k }, () => 1 - spread + 2 * spread * rng());
  const sum = weights.reduce((s, w) => s + w, 0);
  const rest = total - k;
  const parts: number[] = [];
  let acc = 0;
  let given = 0;
  for (let i = 0; i < k; i++) {
    acc += weights[i];
    const upTo = i === k - 1 ? rest : Math.round((acc / sum) * rest);
    parts.push(1 + upTo - given);
    given = upTo;
  }
  return parts;
}

/** Residents of each child of a place; depends only on (seed, code, people), never on where it is drawn. */
function planChildren(seed: number, kind: PlaceKind, code: string, people: number): number[] {
  const rng = rngFor(seed, code);
  if (kind === 'city') return splitPeople(people, districtCount(people), rng, 0.25);
  const f = FAN_OUT[CHILD[kind]!]!;
  return splitPeople(people, childCount(f, people, rng), rng, f.spread);
}

/** All units of a building share its height, chosen so households average 2.6 people. */
function buildingFloors(people: number, units: number): number {
  return clamp(Math.round(people / units / (2 * MEAN_HOUSEHOLD)), 6, 18);
}

/** Two doors a floor; fewer only when a tiny unit could not fill every flat with at least one resident. */
function unitHouseholds(people: number, floors: number): number {
  return clamp(2 * floors, Math.ceil(people / 6), people);
}

function drawSize(rng: Rng): number {
  let r = rng();
  for (let size = 1; size < SIZE_SHARES.length; size++) {
    r -= SIZE_SHARES[size - 1];
    if (r < 0) return size;
  }
  return SIZE_SHARES.length;
}

/** Sizes (1–6) of a unit's households: drawn from the census shares, then nudged so they sum to `people`. */
function householdSizes(seed: number, unitCode: string, people: number, households: number): number[] {
  const rng = rngFor(seed, `${unitCode}#h`);
  const sizes = Array.from({ length: households }, () => drawSize(rng));
  let diff = people - sizes.reduce((s, x) => s + x, 0);
  while (diff !== 0) {
    const i = Math.floor(rng() * households);
    if (diff > 0 && sizes[i] < 6) (sizes[i]++, diff--);
    else if (diff < 0 && sizes[i] > 1) (sizes[i]--, diff++);
  }
  return sizes;
}

// ---------------------------------------------------------------- geometry (metres, converted on output)

type Pt = [number, number]; // metres east / north of (LNG0, LAT0)
type Quad = [Pt, Pt, Pt, Pt]; // convex, counter-clockwise

const LNG0 = 125.1;
const LAT0 = 43.7;
const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LNG = 111_320 * Math.cos((43.9 * Math.PI) / 180);
const CITY_W = 0.5 * M_PER_DEG_LNG; // lng 125.10–125.60
const CITY_H = 0.4 * M_PER_DEG_LAT; // lat 43.70–44.10
const PROVINCE_QUAD: Quad = [[-1.2 * CITY_W, -CITY_H], [2.2 * CITY_W, -CITY_H], [2.2 * CITY_W, 2 * CITY_H], [-1.2 * CITY_W, 2 * CITY_H]];
const SQ_M_PER_RESIDENT = 40; // gross land of a residential compound per resident

/** A million people fill the whole box; smaller cities shrink around its centre so homes are not lost in fields. */
function cityQuad(people: number): Quad {
  const f = clamp(Math.sqrt(people / 1_000_000), 0.15, 1);
  const [x0, x1, y0, y1] = [((1 - f) / 2) * CITY_W, ((1 + f) / 2) * CITY_W, ((1 - f) / 2) * CITY_H, ((1 + f) / 2) * CITY_H];
  return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
}

const lerp = (a: Pt, b: Pt, t: number): Pt => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
const dist = (a: Pt, b: Pt): number => Math.hypot(b[0] - a[0], b[1] - a[1]);
const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
const toLngLat = (p: Pt): [number, number] => [round6(LNG0 + p[0] / M_PER_DEG_LNG), round6(LAT0 + p[1] / M_PER_DEG_LAT)];

function area(q: Quad): number {
  let s = 0;
  for (let i = 0; i < 4; i++) s += q[i][0] * q[(i + 1) % 4][1] - q[(i + 1) % 4][0] * q[i][1];
  return s / 2;
}

function centroid(q: Quad): Pt {
  const a = area(q);
  if (Math.abs(a) < 1e-9) return lerp(q[0], q[2], 0.5);
  let x = 0;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const [p, r] = [q[i], q[(i + 1) % 4]];
    const cross = p[0] * r[1] - r[0] * p[1];
    x += (p[0] + r[0]) * cross;
    y += (p[1] + r[1]) * cross;
  }
  return [x / (6 * a), y / (6 * a)];
}

/** A random point of a convex quad: bilinear interpolation stays inside it; margin keeps it off the edges. */
function pointIn(q: Quad, rng: Rng, margin: number): Pt {
  const u = margin + (1 - 2 * margin) * rng();
  const v = margin + (1 - 2 * margin) * rng();
  return lerp(lerp(q[0], q[1], u), lerp(q[3], q[2], u), v);
}

/** Cut across the longer sides, so cells stay compact; the cut leans a little so the map is no chessboard. */
function bisect(q: Quad, frac: number, rng: Rng): [Quad, Quad] {
  const across = dist(q[0], q[1]) + dist(q[3], q[2]) >= dist(q[1], q[2]) + dist(q[0], q[3]);
  const [a, b, c, d] = across ? q : [q[1], q[2], q[3], q[0]];
  const lean = (rng() * 2 - 1) * 0.3 * Math.min(frac, 1 - frac);
  const p = lerp(a, b, frac + lean);
  const r = lerp(d, c, frac - lean);
  return [[a, p, r, d], [p, b, c, r]];
}

/** Tile a quad into cells with areas ≈ proportional to weights, by recursive halving (a treemap). */
function partition(q: Quad, weights: number[], rng: Rng): Quad[] {
  if (weights.length === 1) return [q];
  const total = weights.reduce((s, w) => s + w, 0);
  let m = 1;
  let acc = weights[0];
  while (m < weights.length - 1 && Math.abs(acc + weights[m] - total / 2) < Math.abs(acc - total / 2)) acc += weights[m++];
  const [left, right] = bisect(q, acc / total, rng);
  return [...partition(left, weights.slice(0, m), rng), ...partition(right, weights.slice(m), rng)];
}

/** A compound is a built-up plot inside its cell of the community, sized for its residents; roads around it. */
function placeCompound(cell: Quad, people: number, rng: Rng): Quad {
  const scale = Math.min(0.85, Math.sqrt((people * SQ_M_PER_RESIDENT) / area(cell)));
  const centre = pointIn(cell, rng, 0.3); // shrinking towards any inner point keeps a convex cell's copy inside
  return cell.map((p) => lerp(centre, p, scale)) as Quad;
}

function inradius(q: Quad, c: Pt): number {
  let r = Infinity;
  for (let i = 0; i < 4; i++) {
    const [a, b] = [q[i], q[(i + 1) % 4]];
    r = Math.min(r, Math.abs((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])) / (dist(a, b) || 1));
  }
  return r;
}

/** Slab footprint 40–64 m × 12–16 m, shrunk to fit the disc inside its cell; most face south like real ones. */
function footprint(cell: Quad, rng: Rng): Quad {
  const c = centroid(cell);
  const long = 20 + 12 * rng();
  const deep = 6 + 2 * rng();
  const fit = Math.min(1, (0.9 * inradius(cell, c)) / Math.hypot(long, deep));
  const [hx, hy] = rng() < 0.8 ? [long * fit, deep * fit] : [deep * fit, long * fit];
  return [[c[0] - hx, c[1] - hy], [c[0] + hx, c[1] - hy], [c[0] + hx, c[1] + hy], [c[0] - hx, c[1] + hy]];
}

function childShapes(seed: number, kind: PlaceKind, parent: Quad, peoples: number[], code: string): Quad[] | null {
  if (kind === 'unit') return null;
  const rng = rngFor(seed, `${code}#g`);
  const cells = partition(parent, peoples, rng);
  if (kind === 'compound') return cells.map((cell, i) => placeCompound(cell, peoples[i], rng));
  if (kind === 'building') return cells.map((cell) => footprint(cell, rng));
  return cells;
}

function polygon(q: Quad): PolygonGeometry {
  const ring = q.map(toLngLat);
  return { type: 'Polygon', coordinates: [[...ring, [...ring[0]]]] };
}

// ---------------------------------------------------------------- the depth-first walk

/** One place on the way down: enough to plan its children. */
interface Branch {
  kind: PlaceKind; code: string; people: number;
  shape: Quad | null; // null when geometry is off, and for units
  households: number; // units only
}
interface Node extends Branch { parentCode: string; name: string; index: number; centre: Pt | null } // a unit's centre is its building's

/** The i-th child of a place (i = choose(number of children)), replanned from its parent alone. */
function childOf(seed: number, parent: Branch, choose: (count: number) => number): Branch {
  const peoples = planChildren(seed, parent.kind, parent.code, parent.people);
  const kind: PlaceKind = CHILD[parent.kind]!;
  const i = choose(peoples.length);
  if (!(i >= 0 && i < peoples.length)) throw new RangeError(`no such place under ${parent.code}: child ${i + 1}`);
  const prefix = parent.kind === 'city' ? DISTRICT_PREFIX : parent.code;
  return {
    kind, code: prefix + pad(i + 1, DIGITS[kind]!), people: peoples[i],
    shape: parent.shape && (childShapes(seed, kind, parent.shape, peoples, parent.code)?.[i] ?? null),
    households: kind === 'unit' ? unitHouseholds(peoples[i], buildingFloors(parent.people, peoples.length)) : 0,
  };
}

/** Places from the city down to `deepest`, parents first. Only the current path's siblings are in memory. */
function* walk(opts: CityOptions, deepest: PlaceKind, geometry: boolean): Generator<Node> {
  const ordinals = new Map<PlaceKind, number>(); // city-wide counters, so names do not repeat
  const children = (node: Node): Node[] => {
    const kind = CHILD[node.kind]!;
    const peoples = planChildren(opts.seed, node.kind, node.code, node.people);
    const shapes = node.shape ? childShapes(opts.seed, kind, node.shape, peoples, node.code) : null;
    const floors = kind === 'unit' ? buildingFloors(node.people, peoples.length) : 0;
    const prefix = node.kind === 'city' ? DISTRICT_PREFIX : node.code;
    const mix = hashKey(opts.seed, `names:${kind}`);
    return peoples.map((people, i) => {
      const ordinal = ordinals.get(kind) ?? 0;
      ordinals.set(kind, ordinal + 1);
      return {
        kind, code: prefix + pad(i + 1, DIGITS[kind]!), parentCode: node.code, name: placeName(kind, i, ordinal, mix),
        index: i, people, shape: shapes ? shapes[i] : null, centre: shapes ? centroid(shapes[i]) : node.centre,
        households: kind === 'unit' ? unitHouseholds(people, floors) : 0,
      };
    });
  };
  function* visit(node: Node): Generator<Node> {
    yield node;
    if (node.kind !== deepest) for (const child of children(node)) yield* visit(child);
  }
  const shape = geometry ? cityQuad(opts.people) : null;
  yield* visit({
    kind: 'city', code: CITY_CODE, parentCode: PROVINCE_CODE, name: '演示市', index: 0, people: opts.people,
    shape, centre: shape && centroid(shape), households: 0,
  });
}

function checkOptions({ people, seed }: CityOptions): void {
  // Up to twice the largest target (the fanout benchmark's --xl city has a few more than 10 M people).
  if (!Number.isInteger(people) || people < 1 || people > 20_000_000) {
    throw new RangeError(`people must be an integer from 1 to 20,000,000, got ${people}`);
  }
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
}

// ---------------------------------------------------------------- places

function placeSeed(node: Node): PlaceSeed {
  const at = node.centre && toLngLat(node.centre);
  return {
    code: node.code, parentCode: node.parentCode, kind: node.kind, name: node.name, sortOrder: node.index + 1,
    lat: at && at[1], lng: at && at[0], geometry: node.shape && polygon(node.shape),
  };
}

function* householdsOf(unit: Node): Generator<PlaceSeed> {
  const [lng, lat] = unit.centre ? toLngLat(unit.centre) : [null, null];
  for (let i = 0; i < unit.households; i++) {
    const floor = Math.floor(i / 2) + 1;
    const door = (i % 2) + 1;
    yield {
      code: unit.code + pad(floor, 2) + pad(door, 2), parentCode: unit.code, kind: 'household',
      name: roomName(floor, door), sortOrder: i + 1, lat, lng, geometry: null,
    };
  }
}

export function generatePlaces(opts: CityOptions): Generator<PlaceSeed> {
  checkOptions(opts);
  return (function* () {
    const [lng, lat] = toLngLat(centroid(PROVINCE_QUAD));
    yield {
      code: PROVINCE_CODE, parentCode: null, kind: 'province', name: '演示省', sortOrder: 1, lat, lng,
      geometry: polygon(PROVINCE_QUAD),
    } satisfies PlaceSeed;
    for (const node of walk(opts, 'unit', true)) {
      yield placeSeed(node);
      if (node.kind === 'unit') yield* householdsOf(node);
    }
  })();
}

const UNIT_CODE_LENGTH = 20;
let lastUnit: { key: string; sizes: number[] } | null = null; // callers ask household by household

/** Replan only the path from the city to one unit, then that unit's household sizes. */
function unitSizes(opts: CityOptions, unitCode: string): number[] {
  let branch: Branch = { kind: 'city', code: CITY_CODE, people: opts.people, shape: null, households: 0 };
  for (let at = DISTRICT_PREFIX.length; branch.kind !== 'unit'; at += DIGITS[branch.kind]!) {
    const digits = DIGITS[CHILD[branch.kind]!]!;
    branch = childOf(opts.seed, branch, () => Number(unitCode.slice(at, at + digits)) - 1);
  }
  if (branch.code !== unitCode) throw new RangeError(`no such unit in this city: ${unitCode}`);
  return householdSizes(opts.seed, unitCode, branch.people, branch.households);
}

export function householdSize(opts: CityOptions, householdCode: string): number {
  checkOptions(opts);
  const unitCode = householdCode.slice(0, UNIT_CODE_LENGTH);
  const key = `${opts.people}:${opts.seed}:${unitCode}`;
  if (householdCode.length !== UNIT_CODE_LENGTH + 4) throw new RangeError(`not a household code: ${householdCode}`);
  if (lastUnit?.key !== key) lastUnit = { key, sizes: unitSizes(opts, unitCode) };
  const floor = Number(householdCode.slice(-4, -2));
  const door = Number(householdCode.slice(-2));
  const size = door === 1 || door === 2 ? lastUnit.sizes[(floor - 1) * 2 + door - 1] : undefined;
  if (size === undefined) throw new RangeError(`no such household in this city: ${householdCode}`);
  return size;
}

// ---------------------------------------------------------------- facilities

const LETTER: Record<FacilityKind, string> = {
  venue: 'V', sampling_site: 'S', lab: 'L', isolation_site: 'I', hospital: 'H', fangcang: 'F',
};

/**
 * Facilities stand where people live: a few hundred metres from a random compound of their place. The compound
 * centre and a random point of the place are both inside the convex place, so is any point between them.
 */
function nearHomes(seed: number, place: Node, rng: Rng): Pt {
  let branch: Branch = place;
  while (branch.kind !== 'compound') branch = childOf(seed, branch, (n) => Math.floor(rng() * n));
  const home = centroid(branch.shape!);
  const away = pointIn(place.shape!, rng, 0.1);
  return lerp(home, away, Math.min(1, (60 + 340 * rng()) / (dist(home, away) || 1)));
}

function facility(place: Node, kind: FacilityKind, seq: number, name: string, at: Pt, extra: Partial<FacilitySeed>): FacilitySeed {
  const [lng, lat] = toLngLat(at);
  return {
    code: `F${LETTER[kind]}${place.code}${pad(seq, 2)}`, placeCode: place.code, kind, name,
    capacity: null, capacityPerHour: null, siteMode: null, rooms: [], lat, lng, ...extra,
  };
}

/** Hotel rooms numbered floor+door ("0801"), from floor 2 up; a third are twin rooms. */
function hotelRooms(rng: Rng): { number: string; capacity: number }[] {
  const total = between(rng, 50, 300);
  const perFloor = between(rng, 10, 24);
  return Array.from({ length: total }, (_, i) => ({
    number: pad(2 + Math.floor(i / perFloor), 2) + pad(1 + (i % perFloor), 2),
    capacity: rng() < 0.3 ? 2 : 1,
  }));
}

function* districtFacilities(seed: number, d: Node, rng: Rng): Generator<FacilitySeed> {
  const at = (): Pt => nearHomes(seed, d, rng);
  const labs = between(rng, 1, 2);
  for (let i = 1; i <= labs; i++) {
    yield facility(d, 'lab', i, labName(rng, d.name, i), at(), { capacity: between(rng, 20, 100) * 1000 });
  }
  yield facility(d, 'hospital', 1, hospitalName(rng, d.name), at(), { capacity: between(rng, 20, 80) * 10 });
  const beds = clamp(Math.round((d.people * 0.02 * (0.8 + 0.4 * rng())) / 100) * 100, 1000, 5000);
  yield facility(d, 'fangcang', 1, fangcangName(rng, d.name), at(), { capacity: beds });
  for (const [i, name] of isolationSiteNames(rng, between(rng, 1, 3)).entries()) {
    const rooms = hotelRooms(rng);
    const capacity = rooms.reduce((s, r) => s + r.capacity, 0);
    yield facility(d, 'isolation_site', i + 1, name, at(), { rooms, capacity });
  }
}

function* samplingSites(seed: number, c: Node, rng: Rng): Generator<FacilitySeed> {
  const fixed = between(rng, 1, 3);
  for (let i = 1; i <= fixed; i++) {
    const perHour = between(rng, 4, 12) * 50;
    yield facility(c, 'sampling_site', i, samplingSiteName(c.name, i), nearHomes(seed, c, rng), { capacityPerHour: perHour, siteMode: 'fixed' });
  }
  yield facility(c, 'sampling_site', fixed + 1, doorTeamName(c.name), nearHomes(seed, c, rng), { capacityPerHour: 40, siteMode: 'door' });
}

/** Venue names do not repeat inside one place; a chain that really has two shops there gets "(二店)". */
function* venues(seed: number, place: Node, count: number, rng: Rng): Generator<FacilitySeed> {
  const scope = place.kind === 'community' ? 'community' : 'subdistrict';
  const used = new Set<string>();
  for (let i = 1; i <= count; i++) {
    let name = venueName(rng, place.name, scope);
    for (let tries = 0; used.has(name) && tries < 8; tries++) name = venueName(rng, place.name, scope);
    if (used.has(name)) name += `(${i}店)`;
    used.add(name);
    yield facility(place, 'venue', i, name, nearHomes(seed, place, rng), {});
  }
}

/** Per district: labs, a hospital, a 方舱, hotel sites; per subdistrict and community: venues (≈ 1 per 400 people) and sampling. */
export function generateFacilities(opts: CityOptions): Generator<FacilitySeed> {
  checkOptions(opts);
  return (function* () {
    for (const node of walk(opts, 'community', true)) {
      const rng = rngFor(opts.seed, `${node.code}#f`);
      if (node.kind === 'district') yield* districtFacilities(opts.seed, node, rng);
      if (node.kind === 'subdistrict') yield* venues(opts.seed, node, between(rng, 1, 2), rng);
      if (node.kind === 'community') {
        yield* samplingSites(opts.seed, node, rng);
        yield* venues(opts.seed, node, clamp(Math.round(node.people / 420), 1, 99), rng);
      }
    }
  })();
}

// ---------------------------------------------------------------- plan

export function planCity(opts: CityOptions): CityPlan {
  checkOptions(opts);
  const n: Partial<Record<PlaceKind, number>> = {};
  let households = 0;
  for (const node of walk(opts, 'unit', false)) {
    n[node.kind] = (n[node.kind] ?? 0) + 1;
    households += node.households;
  }
  let facilities = 0;
  for (const _ of generateFacilities(opts)) facilities++;
  const plan = {
    people: opts.people, seed: opts.seed, districts: n.district ?? 0, subdistricts: n.subdistrict ?? 0,
    communities: n.community ?? 0, compounds: n.compound ?? 0, grids: n.grid ?? 0, buildings: n.building ?? 0,
    units: n.unit ?? 0, households,
  };
  const areas = plan.districts + plan.subdistricts + plan.communities + plan.compounds + plan.grids + plan.buildings;
  return { ...plan, places: 2 + areas + plan.units + households, facilities };
}
