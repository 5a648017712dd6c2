// Where the coverage drill-down of a round starts for the caller: each place of the round that the
// caller sees whole, or — for a worker scoped below it (a grid worker) — their own scope roots inside
// it. A scope root's materialized path (/1/2/3/…/) names its ancestors even where their details are
// out of the caller's scope.
import type { Id, PlaceDetail, PlaceRef } from '../../api/types.ts';

export function coverageStarts(roundPlaces: readonly PlaceRef[], scopeRoots: readonly PlaceDetail[]): PlaceRef[] {
  const starts: PlaceRef[] = [];
  const seen = new Set<Id>();
  const push = (p: PlaceRef) => {
    if (!seen.has(p.id)) {
      seen.add(p.id);
      starts.push(p);
    }
  };
  for (const rp of roundPlaces) {
    const inside = scopeRoots.filter((r) => r.id !== rp.id && r.path.includes(`/${rp.id}/`));
    if (inside.length) inside.forEach((r) => push({ id: r.id, code: r.code, name: r.name, kind: r.kind }));
    else push(rp);
  }
  return starts;
}
