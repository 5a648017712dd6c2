// The round coverage rollup (round_rollup, added up over its stripes in round_coverage): per round and
// place above the household level, the distinct people sampled and the people exempted. Registrations
// and exemptions add to it in the same transaction, so coverage of a district of a million people
// reads a few rows while samples stream in.
// Residents come from the census rollup (place_rollup.people); expected = residents − exempt.
import { sql } from 'kysely';
import type { Queryable } from '../../platform/db.ts';

export interface RoundDelta {
  /** The person's household path: every place on it but the household itself gains the count. */
  path: string;
  sampled?: number;
  exempt?: number;
}

export async function applyRoundRollup(db: Queryable, roundId: number, deltas: RoundDelta[]): Promise<void> {
  // The people of a batch live in a few buildings: sum per building path first, then walk each up once.
  const perBuilding = new Map<string, { sampled: number; exempt: number }>();
  for (const d of deltas) {
    const above = d.path.slice(0, d.path.lastIndexOf('/', d.path.length - 2) + 1);
    let s = perBuilding.get(above);
    if (!s) perBuilding.set(above, (s = { sampled: 0, exempt: 0 }));
    s.sampled += d.sampled ?? 0;
    s.exempt += d.exempt ?? 0;
  }
  const sums = new Map<number, { sampled: number; exempt: number }>();
  for (const [path, d] of perBuilding) {
    for (const id of path.split('/').filter(Boolean).map(Number)) {
      let s = sums.get(id);
      if (!s) sums.set(id, (s = { sampled: 0, exempt: 0 }));
      s.sampled += d.sampled;
      s.exempt += d.exempt;
    }
  }
  // In place-id order, so two batches touching the same ancestors lock them in the same order.
  const rows = [...sums].filter(([, s]) => s.sampled !== 0 || s.exempt !== 0).sort(([a], [b]) => a - b);
  if (rows.length === 0) return;
  // The stripe of this connection (migration 0007): concurrent batches mostly write different rows.
  await sql`
    INSERT INTO round_rollup (round_id, place_id, stripe, sampled, exempt)
    SELECT ${roundId}, t.id, pg_backend_pid() % 8, t.s, t.e FROM unnest(${rows.map(([id]) => id)}::bigint[], ${rows.map(([, s]) => s.sampled)}::int[], ${rows.map(([, s]) => s.exempt)}::int[]) AS t(id, s, e)
    ORDER BY t.id
    ON CONFLICT (round_id, place_id, stripe) DO UPDATE SET sampled = round_rollup.sampled + EXCLUDED.sampled, exempt = round_rollup.exempt + EXCLUDED.exempt`.execute(db);
}

export interface PlaceCoverage {
  place_id: number;
  residents: number;
  sampled: number;
  exempt: number;
}

/** Residents, sampled and exempt of places above the household level. */
export async function readRoundRollup(db: Queryable, roundId: number, placeIds: number[]): Promise<Map<number, PlaceCoverage>> {
  if (placeIds.length === 0) return new Map();
  const r = await sql<PlaceCoverage>`
    SELECT pr.place_id, pr.people AS residents, coalesce(rr.sampled, 0) AS sampled, coalesce(rr.exempt, 0) AS exempt
    FROM place_rollup pr LEFT JOIN round_coverage rr ON rr.round_id = ${roundId} AND rr.place_id = pr.place_id
    WHERE pr.place_id = ANY(${placeIds}::bigint[])`.execute(db);
  return new Map(r.rows.map((x) => [x.place_id, x]));
}

/** The same figures counted from the records (households below a unit; tests use it as the oracle). */
export async function countCoverage(db: Queryable, roundId: number, path: string): Promise<{ residents: number; sampled: number; exempt: number }> {
  const r = await sql<{ residents: number; sampled: number; exempt: number }>`
    SELECT count(*)::int AS residents,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM round_sampled rs WHERE rs.round_id = ${roundId} AND rs.person_id = p.id))::int AS sampled,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM round_exemptions e WHERE e.round_id = ${roundId} AND e.person_id = p.id))::int AS exempt
    FROM persons p JOIN places h ON h.id = p.household_id
    WHERE p.status = 'active' AND h.path LIKE ${path + '%'}`.execute(db);
  return r.rows[0];
}
