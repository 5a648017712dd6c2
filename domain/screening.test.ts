import { describe, expect, it } from 'vitest';
import { checkModes, DEFAULT_MODES, parseHealthCodeQr, planSlots, timeElapsed, tubeFitsLevel, tubeSpecOf, zoneLevelAt } from './screening.ts';

describe('sampling modes', () => {
  it('gives each mode its tube', () => {
    expect(tubeSpecOf('single')).toEqual({ kind: 'single', capacity: 1 });
    expect(tubeSpecOf('household')).toEqual({ kind: 'household', capacity: 10 });
    expect(tubeSpecOf('pool10')).toEqual({ kind: 'pool', capacity: 10 });
    expect(tubeSpecOf('pool20')).toEqual({ kind: 'pool', capacity: 20 });
  });

  it('accepts the defaults and refuses a pool in a sealed area or an unknown mode', () => {
    expect(checkModes(DEFAULT_MODES)).toBeNull();
    expect(checkModes({ ...DEFAULT_MODES, sealed: 'household' })).toBeNull();
    expect(checkModes({ ...DEFAULT_MODES, sealed: 'pool10' })).toBe('sealed areas allow only single or household');
    expect(checkModes({ ...DEFAULT_MODES, controlled: 'pool50' })).toMatch(/^mode for controlled/);
    expect(checkModes({ sealed: 'single', controlled: 'pool10' })).toMatch(/^mode for precaution/);
  });

  it('lets a sealed area take single and household tubes only', () => {
    expect(tubeFitsLevel({ kind: 'pool', capacity: 20 }, 'sealed')).toBe(false);
    expect(tubeFitsLevel({ kind: 'household', capacity: 10 }, 'sealed')).toBe(true);
    expect(tubeFitsLevel({ kind: 'single', capacity: 1 }, 'sealed')).toBe(true);
    expect(tubeFitsLevel({ kind: 'pool', capacity: 20 }, 'precaution')).toBe(true);
  });
});

describe('zoneLevelAt', () => {
  const zones = [
    { path: '/1/2/', level: 'controlled' as const },
    { path: '/1/2/3/', level: 'sealed' as const },
    { path: '/1/2/3/4/', level: 'precaution' as const },
  ];
  it('takes the deepest mark above the place, precaution when there is none', () => {
    expect(zoneLevelAt('/1/2/3/9/', zones)).toBe('sealed');
    expect(zoneLevelAt('/1/2/3/4/5/', zones)).toBe('precaution');
    expect(zoneLevelAt('/1/2/8/', zones)).toBe('controlled');
    expect(zoneLevelAt('/1/7/', zones)).toBe('precaution');
    // A path prefix is not an ancestor unless it ends at a whole id.
    expect(zoneLevelAt('/1/22/', zones)).toBe('precaution');
  });
});

describe('planSlots', () => {
  const start = new Date('2022-04-01T00:00:00Z');
  it('gives buildings in tree order to the site that is free first, for as long as its capacity needs', () => {
    const sites = [
      { id: 1, capacityPerHour: 300, areaPath: '/1/5/' },
      { id: 2, capacityPerHour: 300, areaPath: '/1/5/' },
    ];
    const buildings = [
      { id: 12, path: '/1/5/7/12/', people: 150 }, // 30 min
      { id: 11, path: '/1/5/7/11/', people: 600 }, // 2 h
      { id: 13, path: '/1/5/8/13/', people: 40 }, // 8 min → 10 min at least
      { id: 14, path: '/1/6/14/', people: 100 }, // no site in its area
      { id: 15, path: '/1/5/8/15/', people: 0 }, // nobody to sample
    ];
    const { slots, unserved } = planSlots(sites, buildings, start);
    const at = (ms: number) => new Date(start.getTime() + ms * 60_000);
    expect(slots).toEqual([
      { siteId: 1, buildingId: 11, startsAt: at(0), endsAt: at(120), people: 600 },
      { siteId: 2, buildingId: 12, startsAt: at(0), endsAt: at(30), people: 150 },
      { siteId: 2, buildingId: 13, startsAt: at(30), endsAt: at(40), people: 40 },
    ]);
    expect(unserved).toEqual([14]);
  });

  it('prefers the site of the deepest area above a building', () => {
    const sites = [
      { id: 1, capacityPerHour: 600, areaPath: '/1/' },
      { id: 2, capacityPerHour: 60, areaPath: '/1/5/' },
    ];
    const { slots } = planSlots(sites, [{ id: 9, path: '/1/5/9/', people: 60 }], start);
    expect(slots.map((s) => [s.siteId, (s.endsAt.getTime() - s.startsAt.getTime()) / 60_000])).toEqual([[2, 60]]);
  });
});

describe('timeElapsed and the health-code QR', () => {
  it('clamps the share of the round gone to 0–1', () => {
    const a = new Date('2022-04-01T00:00:00Z');
    const b = new Date('2022-04-02T00:00:00Z');
    expect(timeElapsed(a, b, new Date('2022-03-31T00:00:00Z'))).toBe(0);
    expect(timeElapsed(a, b, new Date('2022-04-01T06:00:00Z'))).toBe(0.25);
    expect(timeElapsed(a, b, new Date('2022-04-03T00:00:00Z'))).toBe(1);
  });

  it('reads HC1 payloads and nothing else', () => {
    expect(parseHealthCodeQr(' HC1:42:0123456789abcdef ')).toEqual({ personId: 42, signature: '0123456789abcdef' });
    expect(parseHealthCodeQr('HC1:42:0123')).toBeNull();
    expect(parseHealthCodeQr('990101199001011234')).toBeNull();
  });
});
