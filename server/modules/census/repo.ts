// The only SQL of the census: visits, the last visit per household, coverage aggregates.
import { sql } from 'kysely';
import type { Queryable, Tx } from '../../platform/db.ts';

export async function findVisitByClientId(db: Queryable, clientId: string) {
  return db.selectFrom('census_visits').selectAll().where('client_id', '=', clientId).executeTakeFirst();
}

export async function findVisit(db: Queryable, id: number) {
  return db.selectFrom('census_visits').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function insertVisit(
  tx: Tx,
  v: { client_id: string; household_id: number; visitor_id: number | null; visited_at: Date; outcome: string; note: string | null },
) {
  return tx.insertInto('census_visits').values(v).returning(['id']).executeTakeFirstOrThrow();
}

export async function insertVisitPeople(tx: Tx, visitId: number, people: { person_id: number; action: string }[]) {
  if (people.length === 0) return;
  await tx.insertInto('census_visit_people').values(people.map((p) => ({ visit_id: visitId, ...p }))).execute();
}

/** Keeps one row per household with its latest visit (a late-synced older visit does not win). */
export async function upsertHouseholdCensus(tx: Tx, householdId: number, visitId: number, at: Date, outcome: string) {
  await sql`
    INSERT INTO household_census (household_id, last_visit_id, last_visited_at, last_outcome, visits)
    VALUES (${householdId}, ${visitId}, ${at}, ${outcome}, 1)
    ON CONFLICT (household_id) DO UPDATE SET
      visits = household_census.visits + 1,
      last_visit_id = CASE WHEN EXCLUDED.last_visited_at >= household_census.last_visited_at THEN EXCLUDED.last_visit_id ELSE household_census.last_visit_id END,
      last_outcome = CASE WHEN EXCLUDED.last_visited_at >= household_census.last_visited_at THEN EXCLUDED.last_outcome ELSE household_census.last_outcome END,
      last_visited_at = greatest(EXCLUDED.last_visited_at, household_census.last_visited_at)`.execute(tx);
}

export async function visitsOfHousehold(db: Queryable, householdId: number, limit: number) {
  return db
    .selectFrom('census_visits as v')
    .leftJoin('users as u', 'u.id', 'v.visitor_id')
    .select(['v.id', 'v.client_id', 'v.visited_at', 'v.outcome', 'v.note', 'u.username as visitor'])
    .where('v.household_id', '=', householdId)
    .orderBy('v.visited_at', 'desc')
    .limit(limit)
    .execute();
}

export async function visitPeople(db: Queryable, visitId: number) {
  return db.selectFrom('census_visit_people').select(['person_id', 'action']).where('visit_id', '=', visitId).execute();
}

/** The households directly under a place, each with its active people and campaign state. */
export async function householdCounts(db: Queryable, parentId: number, since: Date) {
  const r = await sql<{ id: number; people: number; confirmed: number; visited: boolean }>`
    SELECT h.id,
           (SELECT count(*) FROM persons p WHERE p.household_id = h.id AND p.status = 'active') AS people,
           (SELECT count(*) FROM persons p WHERE p.household_id = h.id AND p.status = 'active' AND p.confirmed_at >= ${since}) AS confirmed,
           coalesce(hc.last_visited_at >= ${since}, false) AS visited
    FROM places h LEFT JOIN household_census hc ON hc.household_id = h.id
    WHERE h.parent_id = ${parentId} AND h.kind = 'household'`.execute(db);
  return r.rows;
}

export interface HouseholdFilter {
  path: string;
  unvisitedSince?: Date;
  limit: number;
  offset: number;
}

export async function householdsUnder(db: Queryable, f: HouseholdFilter) {
  let q = db
    .selectFrom('places as h')
    .leftJoin('household_census as hc', 'hc.household_id', 'h.id')
    .leftJoin('places as b', 'b.id', 'h.parent_id')
    .leftJoin('places as g', 'g.id', 'b.parent_id')
    .select(['h.id', 'h.code', 'h.name', 'h.path', 'b.name as parent_name', 'b.kind as parent_kind', 'g.name as grandparent_name'])
    .select(['hc.last_visited_at', 'hc.last_outcome', 'hc.visits'])
    .select(sql<number>`(SELECT count(*) FROM persons p WHERE p.household_id = h.id AND p.status = 'active')`.as('members'))
    .where('h.kind', '=', 'household')
    .where('h.path', 'like', `${f.path}%`);
  if (f.unvisitedSince) {
    const since = f.unvisitedSince;
    q = q.where((eb) => eb.or([eb('hc.last_visited_at', 'is', null), eb('hc.last_visited_at', '<', since)]));
  }
  // Ids along the path, compared as numbers: '/…/8/9/' before '/…/8/32/' (text order would swap them).
  return q.orderBy(sql`string_to_array(btrim(h.path, '/'), '/')::bigint[]`).limit(f.limit).offset(f.offset).execute();
}

export async function childrenOf(db: Queryable, parentId: number) {
  return db.selectFrom('places').select(['id', 'code', 'name', 'kind']).where('parent_id', '=', parentId).orderBy('sort_order').orderBy('id').execute();
}

export async function lockHousehold(tx: Tx, householdId: number) {
  await sql`SELECT id FROM places WHERE id = ${householdId} FOR UPDATE`.execute(tx);
}

export async function householdState(db: Queryable, householdId: number) {
  return db.selectFrom('household_census').select(['last_visited_at']).where('household_id', '=', householdId).executeTakeFirst();
}

export async function insertCampaign(tx: Tx, c: { name: string; started_at: Date; started_by: number | null }) {
  return tx.insertInto('census_campaigns').values(c).returning(['id', 'name', 'started_at']).executeTakeFirstOrThrow();
}

export async function resetCampaignCounts(tx: Tx) {
  await tx.updateTable('place_rollup').set({ visited: 0, confirmed: 0 }).execute();
}

export async function listCampaigns(db: Queryable) {
  return db.selectFrom('census_campaigns').select(['id', 'name', 'started_at']).orderBy('id', 'desc').limit(20).execute();
}
