import { describe, expect, it } from 'vitest';
import { clockTime, slotBuildingName, slotStateAt } from './screening-format.ts';

describe('slotStateAt', () => {
  const slot = { startsAt: '2026-12-07T00:00:00.000Z', endsAt: '2026-12-07T00:30:00.000Z' };
  it('is upcoming before the start, under way from the start, past from the end', () => {
    expect(slotStateAt(slot, new Date('2026-12-06T23:59:59.999Z'))).toBe('upcoming');
    expect(slotStateAt(slot, new Date('2026-12-07T00:00:00.000Z'))).toBe('now');
    expect(slotStateAt(slot, new Date('2026-12-07T00:29:59.999Z'))).toBe('now');
    expect(slotStateAt(slot, new Date('2026-12-07T00:30:00.000Z'))).toBe('past');
  });
});

describe('slot labels', () => {
  it('gives the local clock time of an ISO time', () => {
    const d = new Date(2026, 11, 7, 8, 5); // local time
    expect(clockTime(d.toISOString())).toBe('08:05');
  });
  it('names the building with its compound when it has one', () => {
    expect(slotBuildingName({ compoundName: '华府小区', buildingName: '1号楼' })).toBe('华府小区 1号楼');
    expect(slotBuildingName({ compoundName: null, buildingName: '1号楼' })).toBe('1号楼');
  });
});
