import { describe, expect, it } from 'vitest';
import { tallyScan } from './box-scan.ts';

describe('tallyScan', () => {
  it('splits the scans into found, still missing and not on the box’s list', () => {
    expect(tallyScan(['A', 'B', 'C'], ['B', 'X', 'A', 'B'])).toEqual({ found: ['A', 'B'], missing: ['C'], unexpected: ['X'] });
  });

  it('lists every tube as missing before the first scan', () => {
    expect(tallyScan(['A', 'B'], [])).toEqual({ found: [], missing: ['A', 'B'], unexpected: [] });
  });
});
