import { describe, expect, it } from 'vitest';
import type { PlaceDetail, PlaceRef } from '../../api/types.ts';
import { coverageStarts } from './coverage-starts.ts';

const district: PlaceRef = { id: 3, code: '990101', name: '望川区', kind: 'district' };
const other: PlaceRef = { id: 593, code: '990102', name: '北山区', kind: 'district' };

/** A scope root as GET /api/places/:id answers it: ancestors outside the scope are not listed. */
const root = (id: number, path: string, kind: PlaceDetail['kind']): PlaceDetail =>
  ({ id, code: `C${id}`, name: `P${id}`, kind, path, ancestors: [] }) as unknown as PlaceDetail;

describe('coverageStarts', () => {
  it('starts a grid worker at their grid inside the round’s district (known from the path alone)', () => {
    expect(coverageStarts([district], [root(7, '/1/2/3/4/5/6/7/', 'grid')]).map((p) => p.id)).toEqual([7]);
  });

  it('starts a commander (whole tree) and an officer of the district at the round’s place', () => {
    expect(coverageStarts([district, other], [root(1, '/1/', 'province')]).map((p) => p.id)).toEqual([3, 593]);
    expect(coverageStarts([district], [root(3, '/1/2/3/', 'district')]).map((p) => p.id)).toEqual([3]);
  });

  it('keeps each starting place once, in the order of the round’s places', () => {
    const roots = [root(7, '/1/2/3/4/5/6/7/', 'grid'), root(8, '/1/2/3/4/5/6/8/', 'grid')];
    expect(coverageStarts([district, district], roots).map((p) => p.id)).toEqual([7, 8]);
  });
});
