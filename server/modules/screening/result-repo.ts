// SQL of lab results (检、报) and their follow-up: results per tube, unmatched results, and the
// pool-positive fan-out — member control, status changes with their basis, retest tasks for the
// team of each member's building, positive findings, retests closed by their result. Set-based:
// one statement per step for a whole batch of results.
import { sql } from 'kysely';
import type { Queryable, Tx } from '../../platform/db.ts';

export interface ResultTube {
  id: number;
  code: string;
  round_id: number;
  kind: string;
  path: string;
  result: string | null;
  last_result: string | null;
  last_ct_orf1ab: number | null;
  last_ct_n: number | null;
}

/** Tubes by code with their latest stored result (to tell a re-sent row from a new one); a tube never reported is not looked up. */
export async function tubesForResults(db: Queryable, codes: string[]): Promise<ResultTube[]> {
  if (codes.length === 0) return [];
  const r = await sql<ResultTube>`
    SELECT t.id, t.code, t.round_id, t.kind, t.path, t.result, lr.result AS last_result, lr.ct_orf1ab AS last_ct_orf1ab, lr.ct_n AS last_ct_n
    FROM tubes t LEFT JOIN LATERAL (SELECT result, ct_orf1ab, ct_n FROM lab_results WHERE tube_id = t.id AND t.reported_at IS NOT NULL ORDER BY id DESC LIMIT 1) lr ON true
    WHERE t.code = ANY(${codes}::text[])`.execute(db);
  return r.rows;
}

export async function labsByCodes(db: Queryable, codes: string[]) {
  if (codes.length === 0) return [];
  return db.selectFrom('facilities as f').innerJoin('places as p', 'p.id', 'f.place_id').select(['f.id', 'f.code', 'f.kind', 'p.path']).where('f.code', 'in', codes).execute();
}

export interface NewResult {
  tube_id: number;
  round_id: number;
  result: string;
  ct_orf1ab: number | null;
  ct_n: number | null;
  instrument: string | null;
  tested_at: Date | null;
  lab_id: number | null;
}

export async function insertResults(tx: Tx, rows: NewResult[], source: string, by: number | null, at: Date): Promise<{ id: number; tube_id: number }[]> {
  if (rows.length === 0) return [];
  const col = <K extends keyof NewResult>(k: K) => rows.map((r) => r[k]);
  const r = await sql<{ id: number; tube_id: number }>`
    INSERT INTO lab_results (tube_id, round_id, result, ct_orf1ab, ct_n, instrument, tested_at, lab_id, reported_at, source, reported_by)
    SELECT t.*, ${at}::timestamptz, ${source}, ${by}::bigint FROM unnest(${col('tube_id')}::bigint[], ${col('round_id')}::bigint[], ${col('result')}::text[],
      ${col('ct_orf1ab')}::numeric[], ${col('ct_n')}::numeric[], ${col('instrument')}::text[], ${rows.map((r) => r.tested_at?.toISOString() ?? null)}::timestamptz[],
      ${col('lab_id')}::bigint[]) AS t
    RETURNING id, tube_id`.execute(tx);
  return r.rows;
}

/** The tube carries its latest result; a result implies the lab received it. */
export async function setTubeResults(tx: Tx, rows: { tube_id: number; result: string; lab_id: number | null }[], at: Date) {
  if (rows.length === 0) return;
  await sql`
    UPDATE tubes t SET result = x.result, reported_at = ${at}, lab_id = coalesce(x.lab_id, t.lab_id), received_at = coalesce(t.received_at, ${at}),
      sealed_at = coalesce(t.sealed_at, ${at})
    FROM unnest(${rows.map((r) => r.tube_id)}::bigint[], ${rows.map((r) => r.result)}::text[], ${rows.map((r) => r.lab_id)}::bigint[]) AS x(tube_id, result, lab_id)
    WHERE t.id = x.tube_id`.execute(tx);
}

export async function insertUnmatched(
  tx: Tx,
  rows: { tube_code: string; result: string | null; ct_orf1ab: number | null; ct_n: number | null; tested_at: Date | null; lab_id: number | null; error_code: string; message: string }[],
  source: string,
  by: number | null,
  at: Date,
) {
  if (rows.length === 0) return;
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  await sql`
    INSERT INTO unmatched_results (tube_code, result, ct_orf1ab, ct_n, tested_at, lab_id, error_code, message, source, received_at, received_by)
    SELECT t.*, ${source}, ${at}::timestamptz, ${by}::bigint FROM unnest(${col('tube_code')}::text[], ${col('result')}::text[], ${col('ct_orf1ab')}::numeric[], ${col('ct_n')}::numeric[],
      ${rows.map((r) => r.tested_at?.toISOString() ?? null)}::timestamptz[], ${col('lab_id')}::bigint[], ${col('error_code')}::text[], ${col('message')}::text[]) AS t`.execute(tx);
}

/**
 * 混阳: every member of a positive pooled (or household) tube comes under control. Returns the new
 * controls (a tube reported positive twice controls its members once).
 */
export async function controlMembers(tx: Tx, tubeIds: number[], at: Date) {
  if (tubeIds.length === 0) return [];
  const r = await sql<{ round_id: number; person_id: number; tube_id: number; path: string | null }>`
    INSERT INTO screening_controls (round_id, person_id, tube_id, path, controlled_at)
    SELECT s.round_id, s.person_id, s.tube_id, s.path, ${at} FROM samples s WHERE s.tube_id = ANY(${tubeIds}::bigint[]) ORDER BY s.id
    ON CONFLICT (round_id, person_id, tube_id) DO NOTHING
    RETURNING round_id, person_id, tube_id, path`.execute(tx);
  return r.rows;
}

export async function insertStatusChanges(tx: Tx, rows: { person_id: number; status: string; rule: string; basis: unknown; path: string | null }[], at: Date) {
  for (let i = 0; i < rows.length; i += 5000) {
    const part = rows.slice(i, i + 5000);
    await sql`
      INSERT INTO status_changes (person_id, status, rule, basis, path, at)
      SELECT t.*, ${at}::timestamptz FROM unnest(${part.map((r) => r.person_id)}::bigint[], ${part.map((r) => r.status)}::text[], ${part.map((r) => r.rule)}::text[],
        ${part.map((r) => JSON.stringify(r.basis))}::jsonb[], ${part.map((r) => r.path)}::text[]) AS t`.execute(tx);
  }
}

/**
 * Single-tube retests for controlled members, one per person and source tube, for the team of the
 * member's building: the door team for a sealed building (its door-visit team, else the door team
 * standing nearest above), else the site of the building's time slot, else the site that took the pool.
 */
export async function createRetestTasks(tx: Tx, controls: { round_id: number; person_id: number; tube_id: number }[], at: Date): Promise<number> {
  if (controls.length === 0) return 0;
  const r = await sql`
    WITH c AS (
      SELECT * FROM unnest(${controls.map((c) => c.round_id)}::bigint[], ${controls.map((c) => c.person_id)}::bigint[], ${controls.map((c) => c.tube_id)}::bigint[]) AS c(round_id, person_id, tube_id)
    ), m AS (
      SELECT c.round_id, c.person_id, c.tube_id, p.household_id, h.path,
        (SELECT b.id FROM places b WHERE b.kind = 'building' AND b.id = ANY(string_to_array(btrim(h.path, '/'), '/')::bigint[]) LIMIT 1) AS building_id,
        coalesce((SELECT z.level FROM round_zones z WHERE z.round_id = c.round_id AND h.path LIKE z.path || '%' ORDER BY length(z.path) DESC LIMIT 1), 'precaution') = 'sealed' AS sealed
      FROM c JOIN persons p ON p.id = c.person_id LEFT JOIN places h ON h.id = p.household_id
    )
    INSERT INTO retest_tasks (round_id, person_id, reason, source_tube_id, site_id, building_id, path, door_to_door, created_at)
    SELECT m.round_id, m.person_id, 'pool_positive', m.tube_id,
      CASE WHEN m.sealed THEN coalesce(
          (SELECT v.site_id FROM round_door_visits v WHERE v.round_id = m.round_id AND v.household_id = m.household_id),
          (SELECT f.id FROM facilities f JOIN places fp ON fp.id = f.place_id WHERE f.kind = 'sampling_site' AND f.site_mode = 'door' AND m.path LIKE fp.path || '%' ORDER BY length(fp.path) DESC LIMIT 1),
          t.site_id)
        ELSE coalesce((SELECT sl.site_id FROM round_slots sl WHERE sl.round_id = m.round_id AND sl.building_id = m.building_id), t.site_id) END,
      m.building_id, m.path, m.sealed, ${at}
    FROM m JOIN tubes t ON t.id = m.tube_id`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}

/** A positive single tube: a finding for the cases team to review. */
export async function createFindings(tx: Tx, results: { tube_id: number; result_id: number }[], at: Date): Promise<number> {
  if (results.length === 0) return 0;
  const r = await sql`
    INSERT INTO positive_findings (round_id, person_id, tube_id, result_id, path, created_at)
    SELECT s.round_id, s.person_id, s.tube_id, x.result_id, s.path, ${at}
    FROM unnest(${results.map((x) => x.tube_id)}::bigint[], ${results.map((x) => x.result_id)}::bigint[]) AS x(tube_id, result_id)
    JOIN samples s ON s.tube_id = x.tube_id
    ON CONFLICT (tube_id, person_id) DO NOTHING`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * Retest tasks whose sample got a result: negative or positive closes the task, invalid sends it
 * back to open for a new sample. Returns the closed ones.
 */
export async function settleRetests(tx: Tx, tubeIds: number[], at: Date) {
  if (tubeIds.length === 0) return [];
  await sql`
    UPDATE retest_tasks rt SET status = 'open', sample_id = NULL, sampled_at = NULL
    FROM samples s JOIN tubes t ON t.id = s.tube_id
    WHERE rt.sample_id = s.id AND s.tube_id = ANY(${tubeIds}::bigint[]) AND t.result = 'invalid' AND rt.status = 'sampled'`.execute(tx);
  const r = await sql<{ id: number; round_id: number | null; person_id: number; result: string; reason: string; path: string | null }>`
    UPDATE retest_tasks rt SET status = 'done', result = t.result, done_at = ${at}
    FROM samples s JOIN tubes t ON t.id = s.tube_id
    WHERE rt.sample_id = s.id AND s.tube_id = ANY(${tubeIds}::bigint[]) AND t.result IN ('negative','positive') AND rt.status = 'sampled'
    RETURNING rt.id, rt.round_id, rt.person_id, rt.result, rt.reason, rt.path`.execute(tx);
  return r.rows;
}

/** A negative retest releases the member from every open control of that round. */
export async function releaseControls(tx: Tx, people: { round_id: number; person_id: number }[], at: Date) {
  if (people.length === 0) return [];
  const r = await sql<{ person_id: number; round_id: number; tube_id: number; path: string | null }>`
    UPDATE screening_controls c SET released_at = ${at}
    FROM unnest(${people.map((p) => p.round_id)}::bigint[], ${people.map((p) => p.person_id)}::bigint[]) AS x(round_id, person_id)
    WHERE c.round_id = x.round_id AND c.person_id = x.person_id AND c.released_at IS NULL
    RETURNING c.person_id, c.round_id, c.tube_id, c.path`.execute(tx);
  return r.rows;
}

export async function listUnmatched(db: Queryable, limit: number, offset: number) {
  return db
    .selectFrom('unmatched_results as u')
    .leftJoin('facilities as l', 'l.id', 'u.lab_id')
    .select(['u.id', 'u.tube_code', 'u.result', 'l.name as lab_name', 'u.source', 'u.error_code', 'u.message', 'u.received_at'])
    .where('u.resolved_at', 'is', null)
    .orderBy('u.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** Latest result of each tube of a round, in tube-id order, a page after `afterTubeId`. */
export async function roundResultsPage(db: Queryable, roundId: number, afterTubeId: number, limit: number) {
  const r = await sql<{ tube_id: number; tube_code: string; result: string; ct_orf1ab: number | null; ct_n: number | null; tested_at: Date | null; lab_code: string | null; instrument: string | null }>`
    SELECT t.id AS tube_id, t.code AS tube_code, lr.result, lr.ct_orf1ab, lr.ct_n, lr.tested_at, l.code AS lab_code, lr.instrument
    FROM tubes t JOIN LATERAL (SELECT * FROM lab_results WHERE tube_id = t.id ORDER BY id DESC LIMIT 1) lr ON true
    LEFT JOIN facilities l ON l.id = lr.lab_id
    WHERE t.round_id = ${roundId} AND t.id > ${afterTubeId}
    ORDER BY t.id LIMIT ${limit}`.execute(db);
  return r.rows;
}
