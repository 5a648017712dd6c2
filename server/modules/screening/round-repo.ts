// SQL of rounds: the round, its places and zone marks, time slots, door-to-door visits, exemptions.
import { sql } from 'kysely';
import type { Queryable, Tx } from '../../platform/db.ts';
import { inScope, type Scope } from '../../platform/access.ts';
import type { Slot } from '../../../domain/screening.ts';

export interface RoundRow {
  id: number;
  name: string;
  starts_at: Date;
  deadline: Date;
  policy_pack: string;
  modes: Record<string, string>;
  status: string;
  created_at: Date;
}

const ROUND_COLUMNS = ['id', 'name', 'starts_at', 'deadline', 'policy_pack', 'modes', 'status', 'created_at'] as const;

export async function findRound(db: Queryable, id: number): Promise<RoundRow | undefined> {
  return (await db.selectFrom('rounds').select(ROUND_COLUMNS).where('id', '=', id).executeTakeFirst()) as RoundRow | undefined;
}

export async function findRoundByName(db: Queryable, name: string): Promise<RoundRow | undefined> {
  return (await db.selectFrom('rounds').select(ROUND_COLUMNS).where('name', '=', name).executeTakeFirst()) as RoundRow | undefined;
}

export interface RoundWithPlaces extends RoundRow {
  places: { path: string }[];
  zones: { path: string; level: string }[];
}

/** Rounds with their places and zone marks in one query (the registration path reads it per batch). */
export async function roundsWithPlaces(db: Queryable, ids: number[]): Promise<RoundWithPlaces[]> {
  if (ids.length === 0) return [];
  const r = await sql<RoundWithPlaces>`
    SELECT r.id, r.name, r.starts_at, r.deadline, r.policy_pack, r.modes, r.status, r.created_at,
      coalesce((SELECT json_agg(json_build_object('path', rp.path)) FROM round_places rp WHERE rp.round_id = r.id), '[]') AS places,
      coalesce((SELECT json_agg(json_build_object('path', z.path, 'level', z.level)) FROM round_zones z WHERE z.round_id = r.id), '[]') AS zones
    FROM rounds r WHERE r.id = ANY(${ids}::bigint[])`.execute(db);
  return r.rows;
}

export async function listRounds(db: Queryable, limit: number): Promise<RoundRow[]> {
  return (await db.selectFrom('rounds').select(ROUND_COLUMNS).orderBy('starts_at', 'desc').orderBy('id', 'desc').limit(limit).execute()) as RoundRow[];
}

export async function insertRound(tx: Tx, r: { name: string; starts_at: Date; deadline: Date; policy_pack: string; modes: Record<string, string>; created_by: number | null }) {
  return tx.insertInto('rounds').values({ ...r, modes: JSON.stringify(r.modes) }).returning('id').executeTakeFirstOrThrow();
}

export async function setRoundStatus(tx: Tx, id: number, status: 'open' | 'closed') {
  await tx.updateTable('rounds').set({ status }).where('id', '=', id).execute();
}

export async function insertRoundPlaces(tx: Tx, roundId: number, places: { id: number; path: string }[]) {
  if (places.length) await tx.insertInto('round_places').values(places.map((p) => ({ round_id: roundId, place_id: p.id, path: p.path }))).execute();
}

export async function insertRoundZones(tx: Tx, roundId: number, zones: { id: number; path: string; level: string }[]) {
  if (zones.length) await tx.insertInto('round_zones').values(zones.map((z) => ({ round_id: roundId, place_id: z.id, path: z.path, level: z.level }))).execute();
}

export async function roundPlaces(db: Queryable, roundIds: number[]) {
  if (roundIds.length === 0) return [];
  return db
    .selectFrom('round_places as rp')
    .innerJoin('places as p', 'p.id', 'rp.place_id')
    .select(['rp.round_id', 'p.id', 'p.code', 'p.name', 'p.kind', 'p.path'])
    .where('rp.round_id', 'in', roundIds)
    .orderBy('p.path')
    .execute();
}

export async function roundZones(db: Queryable, roundIds: number[]) {
  if (roundIds.length === 0) return [];
  return db
    .selectFrom('round_zones as z')
    .innerJoin('places as p', 'p.id', 'z.place_id')
    .select(['z.round_id', 'p.id', 'p.code', 'p.name', 'p.kind', 'p.path', 'z.level'])
    .where('z.round_id', 'in', roundIds)
    .orderBy('p.path')
    .execute();
}

/** Sampling sites standing inside the round's places (and inside `scopePaths` when given). */
export async function roundSites(db: Queryable, roundId: number) {
  const r = await sql<{
    id: number; code: string; name: string; place_id: number; place_name: string; place_path: string; site_mode: string | null; capacity_per_hour: number | null;
  }>`
    SELECT f.id, f.code, f.name, f.place_id, p.name AS place_name, p.path AS place_path, f.site_mode, f.capacity_per_hour
    FROM facilities f JOIN places p ON p.id = f.place_id
    WHERE f.kind = 'sampling_site' AND EXISTS (SELECT 1 FROM round_places rp WHERE rp.round_id = ${roundId} AND p.path LIKE rp.path || '%')
    ORDER BY p.path, f.code`.execute(db);
  return r.rows;
}

/** Per site: slots, door visits, samples and open tubes of the round. */
export async function siteCounts(db: Queryable, roundId: number) {
  const r = await sql<{ site_id: number; slots: number; door_visits: number; samples: number; open_tubes: number }>`
    SELECT site_id, sum(slots)::int AS slots, sum(door_visits)::int AS door_visits, sum(samples)::int AS samples, sum(open_tubes)::int AS open_tubes FROM (
      SELECT site_id, count(*) AS slots, 0 AS door_visits, 0 AS samples, 0 AS open_tubes FROM round_slots WHERE round_id = ${roundId} GROUP BY site_id
      UNION ALL SELECT site_id, 0, count(*), 0, 0 FROM round_door_visits WHERE round_id = ${roundId} GROUP BY site_id
      UNION ALL SELECT site_id, 0, 0, sum(members), count(*) FILTER (WHERE sealed_at IS NULL) FROM tubes WHERE round_id = ${roundId} AND site_id IS NOT NULL GROUP BY site_id
    ) x GROUP BY site_id`.execute(db);
  return new Map(r.rows.map((x) => [x.site_id, x]));
}

/** Buildings inside the round with their registered residents (from the census rollup). */
export async function roundBuildings(db: Queryable, roundId: number) {
  const r = await sql<{ id: number; path: string; people: number }>`
    SELECT b.id, b.path, coalesce(pr.people, 0) AS people
    FROM round_places rp JOIN places b ON b.path LIKE rp.path || '%' AND b.kind = 'building'
    LEFT JOIN place_rollup pr ON pr.place_id = b.id
    WHERE rp.round_id = ${roundId}`.execute(db);
  return r.rows;
}

export async function replaceSlots(tx: Tx, roundId: number, slots: Slot[]) {
  await tx.deleteFrom('round_slots').where('round_id', '=', roundId).execute();
  for (let i = 0; i < slots.length; i += 5000) {
    const part = slots.slice(i, i + 5000);
    await sql`INSERT INTO round_slots (round_id, site_id, building_id, starts_at, ends_at, people)
      SELECT ${roundId}, * FROM unnest(${part.map((s) => s.siteId)}::bigint[], ${part.map((s) => s.buildingId)}::bigint[],
        ${part.map((s) => s.startsAt.toISOString())}::timestamptz[], ${part.map((s) => s.endsAt.toISOString())}::timestamptz[], ${part.map((s) => s.people)}::int[])`.execute(tx);
  }
}

/** Special groups that cannot come down to a site get a door-to-door visit. */
export const DOOR_TO_DOOR_TAGS = ['bedridden', 'disabled', 'elderly_alone', 'dialysis'];

/**
 * Door-to-door visits: every household of a sealed place (its deepest zone mark is sealed) and every
 * household with a person of a door-to-door special group, each given to the door team standing
 * nearest above it. Households with no door team above them are left out (and counted by the caller).
 */
export async function replaceDoorVisits(tx: Tx, roundId: number): Promise<number> {
  await tx.deleteFrom('round_door_visits').where('round_id', '=', roundId).execute();
  const r = await sql`
    WITH sealed AS (
      SELECT h.id, h.path, 'sealed_building' AS reason
      FROM round_zones z JOIN places h ON h.path LIKE z.path || '%' AND h.kind = 'household'
      WHERE z.round_id = ${roundId} AND z.level = 'sealed'
        AND NOT EXISTS (SELECT 1 FROM round_zones z2 WHERE z2.round_id = z.round_id AND z2.level <> 'sealed'
                        AND length(z2.path) > length(z.path) AND h.path LIKE z2.path || '%')
    ), special AS (
      SELECT DISTINCT h.id, h.path, 'special_group' AS reason
      FROM persons p JOIN places h ON h.id = p.household_id
      WHERE p.status = 'active' AND p.tags && ${DOOR_TO_DOOR_TAGS}::text[]
        AND EXISTS (SELECT 1 FROM round_places rp WHERE rp.round_id = ${roundId} AND h.path LIKE rp.path || '%')
    ), need AS (SELECT * FROM sealed UNION ALL SELECT * FROM special),
    teams AS (
      SELECT f.id, p.path FROM facilities f JOIN places p ON p.id = f.place_id WHERE f.kind = 'sampling_site' AND f.site_mode = 'door'
    )
    INSERT INTO round_door_visits (round_id, site_id, household_id, path, reason)
    SELECT DISTINCT ON (n.id) ${roundId}, t.id, n.id, n.path, n.reason
    FROM need n JOIN teams t ON n.path LIKE t.path || '%'
    ORDER BY n.id, (n.reason = 'sealed_building') DESC, length(t.path) DESC, t.id`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}

export async function listSlots(db: Queryable, roundId: number, scope: Scope, q: { siteId?: number; limit: number; offset: number }) {
  let query = db
    .selectFrom('round_slots as s')
    .innerJoin('facilities as f', 'f.id', 's.site_id')
    .innerJoin('places as b', 'b.id', 's.building_id')
    .select(['s.id', 's.site_id', 'f.name as site_name', 's.building_id', 'b.name as building_name', 'b.code as building_code', 's.starts_at', 's.ends_at', 's.people'])
    // The building's people sampled so far in the round, from its rollup rows (one per stripe).
    .select(sql<number>`(SELECT coalesce(sum(rr.sampled), 0) FROM round_rollup rr WHERE rr.round_id = s.round_id AND rr.place_id = s.building_id)::int`.as('sampled'))
    // Its compound (小区), found among the ids of its path: many compounds have a 1号楼.
    .select(sql<string | null>`(SELECT c.name FROM places c WHERE c.id = ANY(string_to_array(trim(both '/' from b.path), '/')::bigint[]) AND c.kind = 'compound' LIMIT 1)`.as('compound_name'))
    .where('s.round_id', '=', roundId)
    .where(inScope(scope, 'b.path'));
  if (q.siteId) query = query.where('s.site_id', '=', q.siteId);
  return query.orderBy('s.starts_at').orderBy('s.id').limit(q.limit).offset(q.offset).execute();
}

export async function listDoorVisits(db: Queryable, roundId: number, scope: Scope, q: { siteId?: number; limit: number; offset: number }) {
  const r = await sql<{
    id: number; site_id: number; household_id: number; household_code: string; household_name: string; parent_name: string | null; parent_kind: string | null;
    grandparent_name: string | null; reason: string; members: number; sampled: number;
  }>`
    SELECT v.id, v.site_id, v.household_id, h.code AS household_code, h.name AS household_name, u.name AS parent_name, u.kind AS parent_kind, g.name AS grandparent_name, v.reason,
      (SELECT count(*) FROM persons p WHERE p.household_id = h.id AND p.status = 'active')::int AS members,
      (SELECT count(*) FROM persons p JOIN round_sampled rs ON rs.round_id = v.round_id AND rs.person_id = p.id WHERE p.household_id = h.id)::int AS sampled
    FROM round_door_visits v JOIN places h ON h.id = v.household_id
    LEFT JOIN places u ON u.id = h.parent_id LEFT JOIN places g ON g.id = u.parent_id
    WHERE v.round_id = ${roundId} AND ${inScope(scope, 'v.path')} ${q.siteId ? sql`AND v.site_id = ${q.siteId}` : sql``}
    ORDER BY v.path LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
  return r.rows;
}

export async function findExemption(db: Queryable, roundId: number, personId: number) {
  return db.selectFrom('round_exemptions').selectAll().where('round_id', '=', roundId).where('person_id', '=', personId).executeTakeFirst();
}

export async function insertExemption(tx: Tx, e: { round_id: number; person_id: number; path: string | null; reason: string; proof: string | null; created_by: number | null }) {
  await tx.insertInto('round_exemptions').values(e).execute();
}

export async function isSampled(db: Queryable, roundId: number, personId: number): Promise<boolean> {
  return !!(await db.selectFrom('samples').select('id').where('round_id', '=', roundId).where('person_id', '=', personId).where('repeat', '=', false).executeTakeFirst());
}
