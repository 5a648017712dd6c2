import { describe, expect, it } from 'vitest';
import { slotStateAt } from './screening-format.ts';

describe('slotStateAt', () => {
  const slot = { startsAt: '2026-12-07T00:00:00.000Z', endsAt: '2026-12-07T00:30:00.000Z' };
  it('is upcoming before the start, under way from the start, past from the end', () => {
    expect(slotStateAt(slot, new Date('2026-12-06T23:59:59.999Z'))).toBe('upcoming');
    expect(slotStateAt(slot, new Date('2026-12-07T00:00:00.000Z'))).toBe('now');
    expect(slotStateAt(slot, new Date('2026-12-07T00:29:59.999Z'))).toBe('now');
    expect(slotStateAt(slot, new Date('2026-12-07T00:30:00.000Z'))).toBe('past');
  });
});
