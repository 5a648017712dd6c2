import { describe, expect, it } from 'vitest';
import { PLACE_CODE_PATTERN, PLACE_KINDS, type PlaceKind } from '../domain/places.ts';
import { type CityOptions, type FacilitySeed, type PlaceSeed, generateFacilities, generatePlaces, householdSize, planCity } from './city.ts';

const DEMO: CityOptions = { people: 20_000, seed: 42 };
const TINY: CityOptions = { people: 500, seed: 42 };

const cache = new Map<string, { places: PlaceSeed[]; facilities: FacilitySeed[] }>();
function city(opts: CityOptions) {
  const key = `${opts.people}:${opts.seed}`;
  if (!cache.has(key)) cache.set(key, { places: [...generatePlaces(opts)], facilities: [...generateFacilities(opts)] });
  return cache.get(key)!;
}

type Box = [number, number, number, number]; // minLng, minLat, maxLng, maxLat
function bbox(p: PlaceSeed): Box | null {
  if (!p.geometry) return null;
  const ring = p.geometry.coordinates[0];
  const lngs = ring.map((v) => v[0]);
  const lats = ring.map((v) => v[1]);
  return [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)];
}
const inBox = (b: Box, lng: number, lat: number) => lng >= b[0] && lng <= b[2] && lat >= b[1] && lat <= b[3];

/** Shoelace area in squared degrees (only compared with itself). */
function ringArea(p: PlaceSeed): number {
  const ring = p.geometry!.coordinates[0];
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2;
}

/** Districts hang off the city by administrative prefix (9901NN under 990100), the rest by full code. */
const codePrefix = (parent: PlaceSeed) =>
  parent.kind === 'province' ? parent.code.slice(0, 2) : parent.kind === 'city' ? parent.code.slice(0, 4) : parent.code;

describe.each([TINY, DEMO])('city of $people people', (opts) => {
  it('yields exactly the counts planCity announces', () => {
    const { places, facilities } = city(opts);
    const plan = planCity(opts);
    const count = (k: PlaceKind) => places.filter((p) => p.kind === k).length;
    expect({
      districts: count('district'), subdistricts: count('subdistrict'), communities: count('community'),
      compounds: count('compound'), grids: count('grid'), buildings: count('building'), units: count('unit'),
      households: count('household'), places: places.length, facilities: facilities.length,
    }).toEqual({
      districts: plan.districts, subdistricts: plan.subdistricts, communities: plan.communities,
      compounds: plan.compounds, grids: plan.grids, buildings: plan.buildings, units: plan.units,
      households: plan.households, places: plan.places, facilities: plan.facilities,
    });
    for (const k of PLACE_KINDS) expect(count(k), k).toBeGreaterThanOrEqual(1);
  });

  it('lists parents before children, with unique codes that extend their parent code', () => {
    const seen = new Map<string, PlaceSeed>();
    const siblings = new Map<string, number[]>();
    for (const p of city(opts).places) {
      expect(p.code).toMatch(PLACE_CODE_PATTERN);
      expect(seen.has(p.code), p.code).toBe(false);
      if (p.parentCode === null) expect(p.kind).toBe('province');
      else {
        const parent = seen.get(p.parentCode);
        expect(parent, `parent of ${p.code}`).toBeDefined();
        expect(p.code.startsWith(codePrefix(parent!))).toBe(true);
        expect(PLACE_KINDS.indexOf(p.kind)).toBe(PLACE_KINDS.indexOf(parent!.kind) + 1);
        if (!siblings.has(p.parentCode)) siblings.set(p.parentCode, []);
        siblings.get(p.parentCode)!.push(p.sortOrder);
      }
      seen.set(p.code, p);
    }
    for (const orders of siblings.values()) expect(orders).toEqual(orders.map((_, i) => i + 1));
    expect(seen.get('990000')?.name).toBe('演示省');
    expect(seen.get('990100')?.name).toBe('演示市');
    expect(seen.has('990101')).toBe(true);
  });

  it('plans household sizes of 1–6 that add up to exactly the population', () => {
    const households = city(opts).places.filter((p) => p.kind === 'household');
    const sizes = households.map((h) => householdSize(opts, h.code));
    expect(sizes.reduce((s, x) => s + x, 0)).toBe(opts.people);
    expect(Math.min(...sizes)).toBe(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(6);
    expect(opts.people / households.length).toBeGreaterThan(2.4);
    expect(opts.people / households.length).toBeLessThan(2.8);
    expect(householdSize(opts, households[7].code)).toBe(sizes[7]); // same answer out of order
  });

  it('builds units of 12–36 households, 2–4 units a building', () => {
    const perParent = new Map<string, number>();
    const places = city(opts).places;
    for (const p of places) if (p.parentCode) perParent.set(p.parentCode, (perParent.get(p.parentCode) ?? 0) + 1);
    for (const u of places.filter((p) => p.kind === 'unit')) expect(perParent.get(u.code)).toBeGreaterThanOrEqual(12);
    for (const u of places.filter((p) => p.kind === 'unit')) expect(perParent.get(u.code)).toBeLessThanOrEqual(36);
    for (const b of places.filter((p) => p.kind === 'building')) expect(perParent.get(b.code)).toBeGreaterThanOrEqual(2);
    for (const b of places.filter((p) => p.kind === 'building')) expect(perParent.get(b.code)).toBeLessThanOrEqual(4);
  });

  it('draws closed polygons inside their parents, siblings not overlapping', () => {
    const byCode = new Map(city(opts).places.map((p) => [p.code, p]));
    const childArea = new Map<string, number>();
    for (const p of byCode.values()) {
      const parent = p.parentCode ? byCode.get(p.parentCode)! : null;
      expect(p.lat, p.code).not.toBeNull();
      if (p.kind !== 'province') expect(inBox([125.1, 43.7, 125.6, 44.1], p.lng!, p.lat!), p.code).toBe(true);
      if (p.kind === 'unit' || p.kind === 'household') {
        expect(p.geometry).toBeNull();
        const building = p.kind === 'unit' ? parent! : byCode.get(parent!.parentCode!)!;
        expect([p.lat, p.lng]).toEqual([building.lat, building.lng]);
        continue;
      }
      const ring = p.geometry!.coordinates[0];
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect(ring.at(-1)).toEqual(ring[0]);
      expect(ringArea(p), p.code).toBeGreaterThan(0); // counter-clockwise, as GeoJSON wants
      expect(inBox(bbox(p)!, p.lng!, p.lat!), `${p.code} centroid in own box`).toBe(true);
      if (!parent) continue;
      expect(inBox(bbox(parent)!, p.lng!, p.lat!), `${p.code} centroid in parent box`).toBe(true);
      for (const [lng, lat] of ring) expect(inBox(bbox(parent)!, lng, lat), `${p.code} vertex`).toBe(true);
      childArea.set(parent.code, (childArea.get(parent.code) ?? 0) + ringArea(p));
    }
    // Children lie inside their parent, so overlapping siblings would add up to more than the parent;
    // districts, subdistricts, communities and grids tile their parent (up to rounding to 6 decimals).
    for (const [code, sum] of childArea) {
      const parent = byCode.get(code)!;
      expect(sum / ringArea(parent), code).toBeLessThan(1 + 1e-3);
      if (['city', 'district', 'subdistrict', 'compound'].includes(parent.kind)) expect(sum / ringArea(parent)).toBeGreaterThan(1 - 1e-3);
    }
  });

  it('attaches facilities to existing places, inside their bounds', () => {
    const byCode = new Map(city(opts).places.map((p) => [p.code, p]));
    const { facilities } = city(opts);
    const codes = new Set<string>();
    for (const f of facilities) {
      expect(f.code).toMatch(PLACE_CODE_PATTERN);
      expect(f.code).toMatch(/^F[VSLIHF]\d+$/);
      expect(codes.has(f.code) || byCode.has(f.code), f.code).toBe(false);
      codes.add(f.code);
      const place = byCode.get(f.placeCode);
      expect(place, f.placeCode).toBeDefined();
      expect(inBox(bbox(place!)!, f.lng, f.lat), `${f.code} in ${f.placeCode}`).toBe(true);
      if (f.kind === 'isolation_site') {
        expect(f.rooms.length).toBeGreaterThanOrEqual(50);
        expect(f.rooms.length).toBeLessThanOrEqual(300);
        expect(f.capacity).toBe(f.rooms.reduce((s, r) => s + r.capacity, 0));
        expect(new Set(f.rooms.map((r) => r.number)).size).toBe(f.rooms.length);
        for (const r of f.rooms) expect(r.number).toMatch(/^\d{4}$/);
      } else expect(f.rooms).toEqual([]);
      if (f.kind === 'sampling_site') expect(f.capacityPerHour).toBeGreaterThanOrEqual(40);
      else expect(f.capacityPerHour).toBeNull();
      if (f.kind === 'venue' || f.kind === 'sampling_site') expect(f.capacity).toBeNull();
      else expect(f.capacity).toBeGreaterThan(0);
    }
  });

  it('gives every community sampling sites and a door-to-door team, every district its medical facilities', () => {
    const { places, facilities } = city(opts);
    const at = (code: string, kind: string) => facilities.filter((f) => f.placeCode === code && f.kind === kind);
    for (const c of places.filter((p) => p.kind === 'community')) {
      const sites = at(c.code, 'sampling_site');
      expect(sites.filter((s) => s.name === `${c.name}上门采样队` && s.capacityPerHour === 40)).toHaveLength(1);
      expect(sites.length).toBeGreaterThanOrEqual(2);
      expect(sites.length).toBeLessThanOrEqual(4);
    }
    for (const d of places.filter((p) => p.kind === 'district')) {
      expect(at(d.code, 'lab').length).toBeGreaterThanOrEqual(1);
      expect(at(d.code, 'hospital')).toHaveLength(1);
      expect(at(d.code, 'fangcang')).toHaveLength(1);
      expect(at(d.code, 'isolation_site').length).toBeGreaterThanOrEqual(1);
      for (const f of at(d.code, 'fangcang')) expect(f.capacity).toBeGreaterThanOrEqual(1000);
    }
    const venues = facilities.filter((f) => f.kind === 'venue');
    if (opts.people >= 20_000) expect(venues.length / (opts.people / 400)).toBeGreaterThan(0.7);
    for (const v of venues) expect(['community', 'subdistrict']).toContain(places.find((p) => p.code === v.placeCode)?.kind);
  });

  it('names places in Chinese', () => {
    const { places } = city(opts);
    const named = (kind: PlaceKind) => places.filter((p) => p.kind === kind).map((p) => p.name);
    for (const n of named('district')) expect(n).toMatch(/^[\u4e00-\u9fff]+区$/);
    for (const n of named('subdistrict')) expect(n).toMatch(/^[\u4e00-\u9fff]+街道$/);
    for (const n of named('community')) expect(n).toMatch(/^[\u4e00-\u9fff]+社区$/);
    for (const n of named('compound')) expect(n).toMatch(/^[\u4e00-\u9fff]+$/);
    for (const n of named('grid')) expect(n).toMatch(/^第\d+网格$/);
    for (const n of named('building')) expect(n).toMatch(/^\d+号楼$/);
    for (const n of named('unit')) expect(n).toMatch(/^\d单元$/);
    for (const n of named('household')) expect(n).toMatch(/^\d{1,2}0[12]$/);
    expect(new Set(named('district')).size).toBe(named('district').length);
    expect(new Set(named('community')).size).toBe(named('community').length);
  });
});

describe('determinism', () => {
  const fingerprint = (opts: CityOptions) => JSON.stringify([...generatePlaces(opts), ...generateFacilities(opts)]);

  it('repeats itself for the same people and seed', () => {
    expect(fingerprint({ people: 3_000, seed: 7 })).toBe(fingerprint({ people: 3_000, seed: 7 }));
    expect(planCity({ people: 3_000, seed: 7 })).toEqual(planCity({ people: 3_000, seed: 7 }));
  });

  it('differs for another seed', () => {
    expect(fingerprint({ people: 3_000, seed: 7 })).not.toBe(fingerprint({ people: 3_000, seed: 8 }));
    const a = [...generatePlaces({ people: 3_000, seed: 7 })].filter((p) => p.kind === 'household');
    const sizes = (seed: number) => a.slice(0, 200).map((h) => { try { return householdSize({ people: 3_000, seed }, h.code); } catch { return 0; } });
    expect(sizes(7)).not.toEqual(sizes(8));
  });
});

describe('edges', () => {
  it('still builds every level for a handful of people', () => {
    for (const people of [1, 2, 7, 60]) {
      const plan = planCity({ people, seed: 1 });
      expect(plan.districts).toBeGreaterThanOrEqual(1);
      expect(plan.households).toBeGreaterThanOrEqual(1);
      const households = [...generatePlaces({ people, seed: 1 })].filter((p) => p.kind === 'household');
      expect(households.reduce((s, h) => s + householdSize({ people, seed: 1 }, h.code), 0)).toBe(people);
    }
    expect(planCity(TINY).districts).toBe(2);
  });

  it('rejects impossible options and unknown households', () => {
    expect(() => planCity({ people: 0, seed: 1 })).toThrow(RangeError);
    expect(() => generatePlaces({ people: 1.5, seed: 1 })).toThrow(RangeError);
    expect(() => generateFacilities({ people: 100, seed: Number.NaN })).toThrow(RangeError);
    expect(() => householdSize(TINY, '990101')).toThrow(RangeError);
    expect(() => householdSize(TINY, '990109001001001010119901')).toThrow(RangeError);
    expect(() => householdSize(TINY, '990101001001001010119901')).toThrow(RangeError);
  });
});

describe('a city of 1,000,000', () => {
  const MILLION: CityOptions = { people: 1_000_000, seed: 2022 };

  it('plans realistic counts', () => {
    const plan = planCity(MILLION);
    expect(plan.households).toBeGreaterThan(370_000);
    expect(plan.households).toBeLessThan(400_000);
    expect(plan.districts).toBeGreaterThanOrEqual(6);
    expect(plan.districts).toBeLessThanOrEqual(9);
    expect(plan.subdistricts / plan.districts).toBeGreaterThanOrEqual(3);
    expect(plan.communities / plan.subdistricts).toBeGreaterThanOrEqual(4);
    expect(plan.households / plan.communities).toBeGreaterThan(3_000);
    expect(plan.households / plan.communities).toBeLessThan(5_000);
    expect(plan.households / plan.grids).toBeGreaterThan(300);
    expect(plan.households / plan.grids).toBeLessThan(500);
    expect(plan.buildings / plan.compounds).toBeGreaterThanOrEqual(5);
    expect(plan.buildings / plan.compounds).toBeLessThanOrEqual(30);
    expect(plan.facilities / (MILLION.people / 400)).toBeGreaterThan(0.8);
  });

  it('streams every place, all codes unique, in a few seconds', () => {
    const started = performance.now();
    const codes = new Set<string>();
    let households = 0;
    for (const p of generatePlaces(MILLION)) {
      codes.add(p.code);
      if (p.kind === 'household') households++;
    }
    const plan = planCity(MILLION);
    expect(codes.size).toBe(plan.places);
    expect(households).toBe(plan.households);
    expect(performance.now() - started).toBeLessThan(8_000);
  }, 20_000);
});
