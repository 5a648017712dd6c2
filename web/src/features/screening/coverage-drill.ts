// How deep the coverage drill-down of a round goes: down to buildings (their units and households
// are listed, not opened — the missing list of the building names them).
import { PLACE_KINDS, type PlaceKind } from '../../../../domain/places.ts';

const DEEPEST = PLACE_KINDS.indexOf('building');

export const canDrillInto = (kind: string): boolean => {
  const i = PLACE_KINDS.indexOf(kind as PlaceKind);
  return i >= 0 && i <= DEEPEST;
};
