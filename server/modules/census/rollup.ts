// The coverage rollup (place_rollup): counts kept per place above the household level. Deltas are
// given against a path and applied to every place on it except the last (the household itself, or a
// moved place whose own totals do not change), in one statement per call.
import { sql } from 'kysely';
import type { Queryable } from '../../platform/db.ts';

export interface Counts {
  households?: number;
  people?: number;
  visited?: number;
  confirmed?: number;
}

export interface RollupDelta {
  path: string; // '/1/5/23/'
  d: Counts;
}

const KEYS = ['households', 'people', 'visited', 'confirmed'] as const;

export async function addRollupRows(db: Queryable, placeIds: number[]): Promise<void> {
  if (placeIds.length === 0) return;
  await sql`INSERT INTO place_rollup (place_id) SELECT unnest(${placeIds}::bigint[]) ON CONFLICT DO NOTHING`.execute(db);
}

export async function applyRollup(db: Queryable, deltas: RollupDelta[]): Promise<void> {
  const sums = new Map<number, Required<Counts>>();
  for (const { path, d } of deltas) {
    const ids = path.split('/').filter(Boolean).map(Number);
    for (const id of ids.slice(0, -1)) {
      let s = sums.get(id);
      if (!s) sums.set(id, (s = { households: 0, people: 0, visited: 0, confirmed: 0 }));
      for (const k of KEYS) s[k] += d[k] ?? 0;
    }
  }
  const rows = [...sums].filter(([, s]) => KEYS.some((k) => s[k] !== 0));
  if (rows.length === 0) return;
  const col = (k: (typeof KEYS)[number]) => rows.map(([, s]) => s[k]);
  await sql`
    UPDATE place_rollup r SET households = r.households + t.h, people = r.people + t.p, visited = r.visited + t.v, confirmed = r.confirmed + t.c
    FROM unnest(${rows.map(([id]) => id)}::bigint[], ${col('households')}::int[], ${col('people')}::int[], ${col('visited')}::int[], ${col('confirmed')}::int[])
      AS t(id, h, p, v, c)
    WHERE r.place_id = t.id`.execute(db);
}

/** Start of the current census campaign; before any campaign, every visit counts. */
export async function campaignStart(db: Queryable): Promise<Date> {
  const r = await db.selectFrom('census_campaigns').select('started_at').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return r ? new Date(r.started_at) : new Date(0);
}

export function inCampaign(at: Date | string | null | undefined, since: Date): boolean {
  return at != null && new Date(at).getTime() >= since.getTime();
}

export async function readRollup(db: Queryable, placeIds: number[]) {
  if (placeIds.length === 0) return [];
  return db.selectFrom('place_rollup').selectAll().where('place_id', 'in', placeIds).execute();
}

/** A moved place's own totals (a household counts itself), to take from old ancestors and give to new ones. */
export async function subtreeTotals(db: Queryable, place: { id: number; kind: string }, since: Date): Promise<Required<Counts>> {
  if (place.kind !== 'household') {
    const [r] = await readRollup(db, [place.id]);
    return { households: r?.households ?? 0, people: r?.people ?? 0, visited: r?.visited ?? 0, confirmed: r?.confirmed ?? 0 };
  }
  const r = await sql<{ people: number; confirmed: number; visited: boolean }>`
    SELECT (SELECT count(*) FROM persons WHERE household_id = ${place.id} AND status = 'active') AS people,
           (SELECT count(*) FROM persons WHERE household_id = ${place.id} AND status = 'active' AND confirmed_at >= ${since}) AS confirmed,
           EXISTS (SELECT 1 FROM household_census WHERE household_id = ${place.id} AND last_visited_at >= ${since}) AS visited`.execute(db);
  const row = r.rows[0];
  return { households: 1, people: Number(row.people), visited: row.visited ? 1 : 0, confirmed: Number(row.confirmed) };
}

export interface PersonState {
  householdPath: string | null;
  active: boolean;
  confirmedAt: Date | string | null;
}

/** What a change of one person (household, status, confirmation) does to the counts. */
export function personDeltas(before: PersonState | null, after: PersonState | null, since: Date): RollupDelta[] {
  const out: RollupDelta[] = [];
  const contribution = (s: PersonState | null, sign: number) => {
    if (!s || !s.active || !s.householdPath) return;
    out.push({ path: s.householdPath, d: { people: sign, confirmed: inCampaign(s.confirmedAt, since) ? sign : 0 } });
  };
  contribution(before, -1);
  contribution(after, +1);
  return out;
}

/** Rebuilds every count from the records (after a restore or a manual repair; tests use it as the oracle). */
export async function recountRollup(db: Queryable): Promise<void> {
  const since = await campaignStart(db);
  await sql`INSERT INTO place_rollup (place_id) SELECT id FROM places WHERE kind <> 'household' ON CONFLICT DO NOTHING`.execute(db);
  await sql`UPDATE place_rollup SET households = 0, people = 0, visited = 0, confirmed = 0`.execute(db);
  await sql`
    WITH ppl AS (
      SELECT household_id, count(*) AS people, count(*) FILTER (WHERE confirmed_at >= ${since}) AS confirmed
      FROM persons WHERE status = 'active' AND household_id IS NOT NULL GROUP BY 1
    ), per_household AS (
      SELECT string_to_array(btrim(h.path, '/'), '/') AS ids,
             coalesce(ppl.people, 0) AS people, coalesce(ppl.confirmed, 0) AS confirmed,
             CASE WHEN hc.last_visited_at >= ${since} THEN 1 ELSE 0 END AS visited
      FROM places h
      LEFT JOIN ppl ON ppl.household_id = h.id
      LEFT JOIN household_census hc ON hc.household_id = h.id
      WHERE h.kind = 'household'
    ), per_place AS (
      SELECT a.id::bigint AS place_id, count(*) AS households, sum(people) AS people, sum(visited) AS visited, sum(confirmed) AS confirmed
      FROM per_household, unnest(ids[1:array_length(ids, 1) - 1]) AS a(id)
      GROUP BY 1
    )
    UPDATE place_rollup r SET households = x.households, people = x.people, visited = x.visited, confirmed = x.confirmed
    FROM per_place x WHERE r.place_id = x.place_id`.execute(db);
}
