// SQL of a round's headline figures (round status, the CLI's `round status`) and person look-ups
// that several screening services share.
import { sql } from 'kysely';
import type { Queryable } from '../../platform/db.ts';

/** Headline counts of a round; unmatched results (no tube, so no round) are those since its start at labs inside it. */
export async function roundCounts(db: Queryable, roundId: number, roots: { id: number; path: string }[], startsAt: Date) {
  const rootPlaceIds = roots.map((r) => r.id);
  const rootPatterns = roots.map((r) => r.path + '%');
  const r = await sql<{
    residents: number; sampled: number; exempt: number; samples: number; repeats: number; tubes: number; tubes_with_result: number;
    positive_pools: number; positive_singles: number; members_controlled: number; retest_tasks: number; retests_done: number; unmatched: number;
  }>`
    SELECT
      (SELECT coalesce(sum(people), 0) FROM place_rollup WHERE place_id = ANY(${rootPlaceIds}::bigint[]))::int AS residents,
      (SELECT coalesce(sum(sampled), 0) FROM round_rollup WHERE round_id = ${roundId} AND place_id = ANY(${rootPlaceIds}::bigint[]))::int AS sampled,
      (SELECT coalesce(sum(exempt), 0) FROM round_rollup WHERE round_id = ${roundId} AND place_id = ANY(${rootPlaceIds}::bigint[]))::int AS exempt,
      t.samples, t.tubes, t.tubes_with_result, t.positive_pools, t.positive_singles,
      (SELECT count(*) FROM samples WHERE round_id = ${roundId} AND repeat)::int AS repeats,
      (SELECT count(DISTINCT person_id) FROM screening_controls WHERE round_id = ${roundId})::int AS members_controlled,
      (SELECT count(*) FROM retest_tasks WHERE round_id = ${roundId} AND reason = 'pool_positive')::int AS retest_tasks,
      (SELECT count(*) FROM retest_tasks WHERE round_id = ${roundId} AND reason = 'pool_positive' AND status = 'done')::int AS retests_done,
      (SELECT count(*) FROM unmatched_results u LEFT JOIN facilities l ON l.id = u.lab_id LEFT JOIN places lp ON lp.id = l.place_id
        WHERE u.resolved_at IS NULL AND u.received_at >= ${startsAt} AND (lp.path IS NULL OR lp.path LIKE ANY(${rootPatterns}::text[])))::int AS unmatched
    FROM (SELECT coalesce(sum(members), 0)::int AS samples, count(*)::int AS tubes,
            count(*) FILTER (WHERE result IS NOT NULL)::int AS tubes_with_result,
            count(*) FILTER (WHERE result = 'positive' AND kind <> 'single')::int AS positive_pools,
            count(*) FILTER (WHERE result = 'positive' AND kind = 'single')::int AS positive_singles
          FROM tubes WHERE round_id = ${roundId}) t`.execute(db);
  const x = r.rows[0];
  return {
    residents: x.residents,
    sampled: x.sampled,
    exempt: x.exempt,
    samples: x.samples,
    repeats: x.repeats,
    tubes: x.tubes,
    tubesWithResult: x.tubes_with_result,
    positivePools: x.positive_pools,
    positiveSingles: x.positive_singles,
    membersControlled: x.members_controlled,
    retestTasks: x.retest_tasks,
    retestsDone: x.retests_done,
    unmatchedResults: x.unmatched,
  };
}

export async function personWithHousehold(db: Queryable, personId: number) {
  return db
    .selectFrom('persons as p')
    .leftJoin('places as h', 'h.id', 'p.household_id')
    .select(['p.id', 'p.name', 'p.id_number', 'p.household_id', 'p.status', 'h.path'])
    .where('p.id', '=', personId)
    .executeTakeFirst();
}

