// SQL of registrations: persons by keyed hash, tubes locked for a batch, samples written in one
// statement each, first samples per person, tube fill, retest tasks met by a single-tube sample.
import { sql, type RawBuilder } from 'kysely';
import type { Queryable, Tx } from '../../platform/db.ts';

export interface ScannedPerson {
  id: number;
  name: string;
  id_number: string;
  id_hash: string;
  household_id: number | null;
  path: string | null;
}

export async function personsByHashOrId(db: Queryable, hashes: string[], ids: number[]): Promise<ScannedPerson[]> {
  // One index lookup per kind of scan, each only when the batch has that kind (an OR of both would
  // scan every person; a UNION pays a sort to remove duplicates the caller's maps drop anyway). The
  // household's path is a subquery, one index lookup per person: as a join, a batch of 1,000 was
  // planned as a hash join over a scan of every place (50 ms at 80,000 places, growing with the city).
  const select = (where: RawBuilder<unknown>) => sql<ScannedPerson>`
    SELECT p.id, p.name, p.id_number, p.id_hash, p.household_id, (SELECT h.path FROM places h WHERE h.id = p.household_id) AS path
    FROM persons p WHERE ${where}`.execute(db);
  const [byHash, byId] = await Promise.all([
    hashes.length ? select(sql`p.id_hash = ANY(${hashes}::text[])`) : null,
    ids.length ? select(sql`p.id = ANY(${ids}::bigint[])`) : null,
  ]);
  return [...(byHash?.rows ?? []), ...(byId?.rows ?? [])];
}

export interface TubeRow {
  id: number;
  code: string;
  round_id: number;
  kind: string;
  capacity: number;
  members: number;
  site_id: number | null;
  household_id: number | null;
  sealed_at: Date | null;
  box_id: number | null;
}

/** Locks the batch's existing tubes in id order (no deadlock between batches sharing tubes). */
export async function lockTubes(tx: Tx, codes: string[]): Promise<TubeRow[]> {
  if (codes.length === 0) return [];
  const r = await sql<TubeRow>`
    SELECT id, code, round_id, kind, capacity, members, site_id, household_id, sealed_at, box_id
    FROM tubes WHERE code = ANY(${codes}::text[]) ORDER BY id FOR UPDATE`.execute(tx);
  return r.rows;
}

export interface StoredSample {
  id: number;
  client_id: string;
  round_id: number;
  tube_id: number;
  slot: number;
  person_id: number;
  repeat: boolean;
}

export async function samplesByClientIds(db: Queryable, clientIds: string[]): Promise<StoredSample[]> {
  if (clientIds.length === 0) return [];
  const r = await sql<StoredSample>`
    SELECT id, client_id::text AS client_id, round_id, tube_id, slot, person_id, repeat FROM samples WHERE client_id = ANY(${clientIds}::uuid[])`.execute(db);
  return r.rows;
}

export interface NewTube {
  code: string;
  round_id: number;
  kind: string;
  capacity: number;
  members: number;
  site_id: number | null;
  path: string;
  household_id: number | null;
  collected_at: Date;
  sealed_at: Date | null;
}

export async function insertTubes(tx: Tx, tubes: NewTube[]): Promise<{ id: number; code: string }[]> {
  if (tubes.length === 0) return [];
  const col = <K extends keyof NewTube>(k: K) => tubes.map((t) => t[k]);
  const iso = (k: 'collected_at' | 'sealed_at') => tubes.map((t) => (t[k] ? (t[k] as Date).toISOString() : null));
  const r = await sql<{ id: number; code: string }>`
    INSERT INTO tubes (code, round_id, kind, capacity, members, site_id, path, household_id, collected_at, sealed_at)
    SELECT * FROM unnest(${col('code')}::text[], ${col('round_id')}::bigint[], ${col('kind')}::text[], ${col('capacity')}::int[], ${col('members')}::int[],
      ${col('site_id')}::bigint[], ${col('path')}::text[], ${col('household_id')}::bigint[], ${iso('collected_at')}::timestamptz[], ${iso('sealed_at')}::timestamptz[])
    RETURNING id, code`.execute(tx);
  return r.rows;
}

export async function updateTubeFill(tx: Tx, fills: { id: number; members: number; sealedAt: Date | null }[]) {
  if (fills.length === 0) return;
  await sql`
    UPDATE tubes t SET members = f.members, sealed_at = coalesce(t.sealed_at, f.sealed_at)
    FROM unnest(${fills.map((f) => f.id)}::bigint[], ${fills.map((f) => f.members)}::int[], ${fills.map((f) => f.sealedAt?.toISOString() ?? null)}::timestamptz[]) AS f(id, members, sealed_at)
    WHERE t.id = f.id`.execute(tx);
}

export interface NewSample {
  client_id: string;
  round_id: number;
  tube_id: number;
  slot: number;
  person_id: number;
  path: string | null;
  collected_at: Date;
  sampler_id: number | null;
  repeat: boolean;
}

/**
 * Stores samples; a sample marked first (`repeat` false) whose person already has a first sample in
 * the round — stored earlier, or a moment ago by a concurrent batch, which this statement waits for —
 * is skipped by the unique first-sample index instead of failing: the caller stores those as repeats.
 * Returns the ids of the stored rows by clientId.
 */
export async function insertSamples(tx: Tx, rows: NewSample[]): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map();
  const col = <K extends keyof NewSample>(k: K) => rows.map((r) => r[k]);
  const r = await sql<{ id: number; client_id: string }>`
    INSERT INTO samples (client_id, round_id, tube_id, slot, person_id, path, collected_at, sampler_id, repeat)
    SELECT * FROM unnest(${col('client_id')}::uuid[], ${col('round_id')}::bigint[], ${col('tube_id')}::bigint[], ${col('slot')}::int[], ${col('person_id')}::bigint[],
      ${col('path')}::text[], ${rows.map((r) => r.collected_at.toISOString())}::timestamptz[], ${col('sampler_id')}::bigint[], ${col('repeat')}::boolean[])
    ON CONFLICT (round_id, person_id) WHERE NOT repeat DO NOTHING
    RETURNING id, client_id::text AS client_id`.execute(tx);
  return new Map(r.rows.map((x) => [x.client_id, Number(x.id)]));
}

/** The unique key a failed statement violated (23505), or null. */
export function violatedKey(err: unknown): string | null {
  const e = err as { code?: string; constraint?: string; message?: string };
  if (e?.code !== '23505') return null;
  // PGlite reports the key in the message only.
  return e.constraint ?? /"([^"]+)"/.exec(e.message ?? '')?.[1] ?? null;
}

/** People already in these tubes (a person takes one slot of a tube). */
export async function tubeMembers(db: Queryable, tubeIds: number[]): Promise<{ tube_id: number; person_id: number }[]> {
  if (tubeIds.length === 0) return [];
  // No join: with the statistics of a table that grew by a million rows since they were taken, a join
  // to persons was planned as a scan of every person.
  const r = await sql<{ tube_id: number; person_id: number }>`SELECT tube_id, person_id FROM samples WHERE tube_id = ANY(${tubeIds}::bigint[])`.execute(db);
  return r.rows;
}

/** A single-tube sample of a person with an open retest task in that round meets the task. */
export async function meetRetestTasks(tx: Tx, rows: { round_id: number; person_id: number; sample_id: number; at: Date }[]) {
  if (rows.length === 0) return;
  await sql`
    UPDATE retest_tasks t SET status = 'sampled', sample_id = x.sample_id, sampled_at = x.at
    FROM unnest(${rows.map((r) => r.round_id)}::bigint[], ${rows.map((r) => r.person_id)}::bigint[], ${rows.map((r) => r.sample_id)}::bigint[], ${rows.map((r) => r.at.toISOString())}::timestamptz[])
      AS x(round_id, person_id, sample_id, at)
    WHERE t.person_id = x.person_id AND t.status = 'open' AND (t.round_id = x.round_id OR t.reason = 'antigen_positive')`.execute(tx);
}

export async function sitesByCodes(db: Queryable, codes: string[]) {
  if (codes.length === 0) return [];
  return db
    .selectFrom('facilities as f')
    .innerJoin('places as p', 'p.id', 'f.place_id')
    .select(['f.id', 'f.code', 'f.kind', 'f.site_mode', 'p.path'])
    .where('f.code', 'in', codes)
    .execute();
}

export async function insertCustodyEvents(tx: Tx, events: { round_id: number; box_id: number | null; tube_id: number | null; kind: string; at: Date; actor_id: number | null; detail: unknown }[]) {
  for (let i = 0; i < events.length; i += 5000) {
    const part = events.slice(i, i + 5000);
    await sql`
      INSERT INTO custody_events (round_id, box_id, tube_id, kind, at, actor_id, detail)
      SELECT * FROM unnest(${part.map((e) => e.round_id)}::bigint[], ${part.map((e) => e.box_id)}::bigint[], ${part.map((e) => e.tube_id)}::bigint[],
        ${part.map((e) => e.kind)}::text[], ${part.map((e) => e.at.toISOString())}::timestamptz[], ${part.map((e) => e.actor_id)}::bigint[],
        ${part.map((e) => (e.detail == null ? null : JSON.stringify(e.detail)))}::jsonb[])`.execute(tx);
  }
}
