// SQL of a round's progress views: coverage below a unit (households counted directly), the
// missing list (漏采名单), turnaround by lab and site, the pool-positive follow-up lists, and the
// previous round's positivity per place for the pool advisor.
import { sql } from 'kysely';
import type { Queryable } from '../../platform/db.ts';
import { inScope, type Scope } from '../../platform/access.ts';

/** Households directly under a place (a unit or building): residents, sampled, exempt each. */
export async function householdCoverage(db: Queryable, roundId: number, parentId: number) {
  const r = await sql<{ id: number; code: string; name: string; kind: string; residents: number; sampled: number; exempt: number }>`
    SELECT h.id, h.code, h.name, h.kind,
      count(p.id)::int AS residents,
      count(rs.person_id)::int AS sampled,
      count(e.person_id)::int AS exempt
    FROM places h
    LEFT JOIN persons p ON p.household_id = h.id AND p.status = 'active'
    LEFT JOIN round_sampled rs ON rs.round_id = ${roundId} AND rs.person_id = p.id
    LEFT JOIN round_exemptions e ON e.round_id = ${roundId} AND e.person_id = p.id
    WHERE h.parent_id = ${parentId} AND h.kind = 'household'
    GROUP BY h.id ORDER BY h.sort_order, h.code`.execute(db);
  return r.rows;
}

export async function childPlaces(db: Queryable, parentId: number) {
  return db.selectFrom('places').select(['id', 'code', 'name', 'kind', 'path']).where('parent_id', '=', parentId).orderBy('sort_order').orderBy('code').execute();
}

export interface MissingPersonRow {
  id: number;
  name: string;
  id_number: string;
  phone: string | null;
  household_id: number;
  household_code: string;
  household_name: string;
  parent_name: string | null;
  parent_kind: string | null;
  grandparent_name: string | null;
  tags: string[];
}

/** Residents under `path` not sampled and not exempted in the round, in tree order. */
export async function missingPeople(db: Queryable, roundId: number, path: string, limit: number, offset: number): Promise<MissingPersonRow[]> {
  const r = await sql<MissingPersonRow>`
    SELECT p.id, p.name, p.id_number, p.phone, h.id AS household_id, h.code AS household_code, h.name AS household_name,
      u.name AS parent_name, u.kind AS parent_kind, g.name AS grandparent_name, p.tags
    FROM places h
    JOIN persons p ON p.household_id = h.id AND p.status = 'active'
    LEFT JOIN places u ON u.id = h.parent_id LEFT JOIN places g ON g.id = u.parent_id
    WHERE h.kind = 'household' AND h.path LIKE ${path + '%'}
      AND NOT EXISTS (SELECT 1 FROM round_sampled rs WHERE rs.round_id = ${roundId} AND rs.person_id = p.id)
      AND NOT EXISTS (SELECT 1 FROM round_exemptions e WHERE e.round_id = ${roundId} AND e.person_id = p.id)
    ORDER BY h.path, p.id LIMIT ${limit} OFFSET ${offset}`.execute(db);
  return r.rows;
}

export interface StageRow {
  key_id: number | null;
  key_name: string | null;
  tubes: number;
  total_n: number;
  total_p50: number | null;
  total_p90: number | null;
  boxed_n: number;
  boxed_p50: number | null;
  boxed_p90: number | null;
  transit_n: number;
  transit_p50: number | null;
  transit_p90: number | null;
  lab_n: number;
  lab_p50: number | null;
  lab_p90: number | null;
  overdue: number;
}

/**
 * Turnaround in hours per lab, per site, or for the whole round (`by` null): collected → reported,
 * and the stages collected → boxed → received → reported, as P50 and P90.
 */
export async function turnaround(db: Queryable, roundId: number, by: 'lab' | 'site' | null, now: Date, targetHours: number): Promise<StageRow[]> {
  const key = by === 'lab' ? sql`t.lab_id` : by === 'site' ? sql`t.site_id` : sql`NULL::bigint`;
  const hours = (a: string, b: string) => sql.raw(`extract(epoch FROM (t.${b} - t.${a})) / 3600.0`);
  const pct = (p: number, a: string, b: string) => sql`percentile_cont(${sql.lit(p)}) WITHIN GROUP (ORDER BY ${hours(a, b)}) FILTER (WHERE t.${sql.raw(b)} IS NOT NULL AND t.${sql.raw(a)} IS NOT NULL)`;
  const n = (a: string, b: string) => sql`count(*) FILTER (WHERE t.${sql.raw(b)} IS NOT NULL AND t.${sql.raw(a)} IS NOT NULL)::int`;
  const r = await sql<StageRow>`
    SELECT ${key} AS key_id, max(f.name) AS key_name, count(*)::int AS tubes,
      ${n('collected_at', 'reported_at')} AS total_n, ${pct(0.5, 'collected_at', 'reported_at')} AS total_p50, ${pct(0.9, 'collected_at', 'reported_at')} AS total_p90,
      ${n('collected_at', 'boxed_at')} AS boxed_n, ${pct(0.5, 'collected_at', 'boxed_at')} AS boxed_p50, ${pct(0.9, 'collected_at', 'boxed_at')} AS boxed_p90,
      ${n('boxed_at', 'received_at')} AS transit_n, ${pct(0.5, 'boxed_at', 'received_at')} AS transit_p50, ${pct(0.9, 'boxed_at', 'received_at')} AS transit_p90,
      ${n('received_at', 'reported_at')} AS lab_n, ${pct(0.5, 'received_at', 'reported_at')} AS lab_p50, ${pct(0.9, 'received_at', 'reported_at')} AS lab_p90,
      count(*) FILTER (WHERE t.reported_at IS NULL AND t.collected_at < ${new Date(now.getTime() - targetHours * 3_600_000)})::int AS overdue
    FROM tubes t LEFT JOIN facilities f ON f.id = ${key}
    WHERE t.round_id = ${roundId}
    GROUP BY 1 ORDER BY 2 NULLS LAST`.execute(db);
  return r.rows;
}

/** Tubes past the target without a result, by the lab that has them (none: not yet received). */
export async function overdueByLab(db: Queryable, roundId: number, before: Date) {
  const r = await sql<{ lab_id: number | null; lab_name: string | null; tubes: number; oldest: Date }>`
    SELECT t.lab_id, max(f.name) AS lab_name, count(*)::int AS tubes, min(t.collected_at) AS oldest
    FROM tubes t LEFT JOIN facilities f ON f.id = t.lab_id
    WHERE t.round_id = ${roundId} AND t.reported_at IS NULL AND t.collected_at < ${before}
    GROUP BY t.lab_id ORDER BY 3 DESC`.execute(db);
  return r.rows;
}

export async function positivePools(db: Queryable, roundId: number, scope: Scope) {
  const r = await sql<{
    tube_code: string; kind: string; members: number; site_name: string | null; reported_at: Date | null; ct_orf1ab: number | null; ct_n: number | null;
    controlled: number; retested: number; positives: number;
  }>`
    SELECT t.code AS tube_code, t.kind, t.members, f.name AS site_name, t.reported_at, lr.ct_orf1ab, lr.ct_n,
      (SELECT count(*) FROM screening_controls c WHERE c.tube_id = t.id)::int AS controlled,
      (SELECT count(*) FROM retest_tasks rt WHERE rt.source_tube_id = t.id AND rt.status = 'done')::int AS retested,
      (SELECT count(*) FROM retest_tasks rt WHERE rt.source_tube_id = t.id AND rt.result = 'positive')::int AS positives
    FROM tubes t LEFT JOIN facilities f ON f.id = t.site_id
    LEFT JOIN LATERAL (SELECT ct_orf1ab, ct_n FROM lab_results WHERE tube_id = t.id ORDER BY id DESC LIMIT 1) lr ON true
    WHERE t.round_id = ${roundId} AND t.kind <> 'single' AND t.result = 'positive'
      AND (${inScope(scope, 't.path')} OR EXISTS (SELECT 1 FROM samples s WHERE s.tube_id = t.id AND ${inScope(scope, 's.path')}))
    ORDER BY t.reported_at DESC NULLS LAST, t.code`.execute(db);
  return r.rows;
}

export async function retestTasks(db: Queryable, roundId: number, q: { status?: string; paths: string[] | null; limit: number; offset: number }) {
  const scope = q.paths ? sql`AND (${sql.join(q.paths.map((p) => sql`rt.path LIKE ${p + '%'}`), sql` OR `)})` : sql``;
  const where = sql`rt.round_id = ${roundId} ${q.status ? sql`AND rt.status = ${q.status}` : sql``} ${scope}`;
  const rows = await sql<{
    id: number; person_id: number; name: string; id_number: string; reason: string; source_tube: string | null; site_name: string | null; building_name: string | null;
    door_to_door: boolean; status: string; result: string | null; created_at: Date; sampled_at: Date | null; done_at: Date | null;
  }>`
    SELECT rt.id, rt.person_id, p.name, p.id_number, rt.reason, t.code AS source_tube, f.name AS site_name, b.name AS building_name, rt.door_to_door, rt.status, rt.result,
      rt.created_at, rt.sampled_at, rt.done_at
    FROM retest_tasks rt JOIN persons p ON p.id = rt.person_id
    LEFT JOIN tubes t ON t.id = rt.source_tube_id LEFT JOIN facilities f ON f.id = rt.site_id LEFT JOIN places b ON b.id = rt.building_id
    WHERE ${where}
    ORDER BY (rt.status = 'done'), rt.created_at, rt.id LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
  const total = await sql<{ n: number }>`SELECT count(*)::int AS n FROM retest_tasks rt WHERE ${where}`.execute(db);
  return { rows: rows.rows, total: total.rows[0].n };
}

export async function findings(db: Queryable, roundId: number, paths: string[] | null) {
  const scope = paths ? sql`AND (${sql.join(paths.map((p) => sql`pf.path LIKE ${p + '%'}`), sql` OR `)})` : sql``;
  const r = await sql<{
    id: number; person_id: number; name: string; id_number: string; tube_code: string; ct_orf1ab: number | null; ct_n: number | null; household_name: string | null;
    parent_name: string | null; status: string; created_at: Date;
  }>`
    SELECT pf.id, pf.person_id, p.name, p.id_number, t.code AS tube_code, lr.ct_orf1ab, lr.ct_n, h.name AS household_name, u.name AS parent_name, pf.status, pf.created_at
    FROM positive_findings pf JOIN persons p ON p.id = pf.person_id JOIN tubes t ON t.id = pf.tube_id JOIN lab_results lr ON lr.id = pf.result_id
    LEFT JOIN places h ON h.id = p.household_id LEFT JOIN places u ON u.id = h.parent_id
    WHERE pf.round_id = ${roundId} ${scope}
    ORDER BY pf.created_at DESC, pf.id`.execute(db);
  return r.rows;
}

/**
 * Prevalence per place in the last round before `beforeRound` that sampled people there: people
 * sampled, and people found positive (positive single tubes, including pool-member retests).
 */
export async function previousPositivity(db: Queryable, places: { id: number; path: string }[], beforeStart: Date | null) {
  const out = new Map<number, { round: string; sampled: number; positives: number } | null>();
  for (const p of places) {
    // People found positive, plus one for each positive pool none of whose members has tested positive
    // yet: a positive pool holds at least one infected person.
    const r = await sql<{ name: string; sampled: number; positives: number }>`
      SELECT r.name, rr.sampled,
        ((SELECT count(DISTINCT pf.person_id) FROM positive_findings pf WHERE pf.round_id = r.id AND pf.path LIKE ${p.path + '%'})
         + (SELECT count(*) FROM tubes t WHERE t.round_id = r.id AND t.kind <> 'single' AND t.result = 'positive'
              AND EXISTS (SELECT 1 FROM samples s WHERE s.tube_id = t.id AND s.path LIKE ${p.path + '%'})
              AND NOT EXISTS (SELECT 1 FROM retest_tasks rt WHERE rt.source_tube_id = t.id AND rt.result = 'positive')))::int AS positives
      FROM rounds r JOIN round_coverage rr ON rr.round_id = r.id AND rr.place_id = ${p.id}
      WHERE rr.sampled > 0 ${beforeStart ? sql`AND r.starts_at < ${beforeStart}` : sql``}
      ORDER BY r.starts_at DESC, r.id DESC LIMIT 1`.execute(db);
    const row = r.rows[0];
    out.set(p.id, row ? { round: row.name, sampled: row.sampled, positives: row.positives } : null);
  }
  return out;
}
