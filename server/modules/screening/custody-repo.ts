// SQL of the chain of custody: tubes by code, boxes, their events.
import { sql } from 'kysely';
import type { Queryable, Tx } from '../../platform/db.ts';

export async function tubeByCode(db: Queryable, code: string) {
  return db
    .selectFrom('tubes as t')
    .innerJoin('rounds as r', 'r.id', 't.round_id')
    .leftJoin('facilities as s', 's.id', 't.site_id')
    .leftJoin('boxes as b', 'b.id', 't.box_id')
    .leftJoin('facilities as l', 'l.id', 't.lab_id')
    .select([
      't.id', 't.code', 't.round_id', 'r.name as round_name', 't.kind', 't.capacity', 't.members', 't.path', 't.sealed_at', 't.box_id', 'b.code as box_code',
      's.name as site_name', 'l.name as lab_name', 't.collected_at', 't.boxed_at', 't.received_at', 't.reported_at', 't.result',
    ])
    .where('t.code', '=', code)
    .executeTakeFirst();
}

export async function latestResult(db: Queryable, tubeId: number) {
  return db.selectFrom('lab_results').select(['ct_orf1ab', 'ct_n']).where('tube_id', '=', tubeId).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function tubePeople(db: Queryable, tubeId: number) {
  return db
    .selectFrom('samples as s')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .select(['s.slot', 's.person_id', 'p.name', 'p.id_number', 's.collected_at', 's.repeat'])
    .where('s.tube_id', '=', tubeId)
    .orderBy('s.slot')
    .execute();
}

/** A tube's events and its box's own (not the box's other tubes'); or every event of a box. */
export async function eventsOf(db: Queryable, where: { tubeId?: number; boxId?: number }) {
  const r = await sql<{ kind: string; at: Date; actor: string | null; detail: unknown }>`
    SELECT e.kind, e.at, u.username AS actor, e.detail FROM custody_events e LEFT JOIN users u ON u.id = e.actor_id
    WHERE ${where.tubeId ? sql`e.tube_id = ${where.tubeId}` : sql`false`}
       OR ${where.boxId ? (where.tubeId ? sql`(e.box_id = ${where.boxId} AND e.tube_id IS NULL)` : sql`e.box_id = ${where.boxId}`) : sql`false`}
    ORDER BY e.at, e.id`.execute(db);
  return r.rows;
}

export async function sealTube(tx: Tx, id: number, at: Date) {
  await tx.updateTable('tubes').set({ sealed_at: at }).where('id', '=', id).where('sealed_at', 'is', null).execute();
}

export async function lockTubesForBox(tx: Tx, codes: string[]) {
  const r = await sql<{ id: number; code: string; round_id: number; box_id: number | null; path: string; members: number }>`
    SELECT id, code, round_id, box_id, path, members FROM tubes WHERE code = ANY(${codes}::text[]) ORDER BY id FOR UPDATE`.execute(tx);
  return r.rows;
}

export async function insertBox(tx: Tx, b: { code: string; round_id: number; site_id: number | null; path: string; tubes: number; sealed_at: Date }) {
  return tx.insertInto('boxes').values(b).returning('id').executeTakeFirstOrThrow();
}

export async function boxTubes(tx: Tx, boxId: number, tubeIds: number[], at: Date) {
  await sql`UPDATE tubes SET box_id = ${boxId}, boxed_at = ${at}, sealed_at = coalesce(sealed_at, ${at}) WHERE id = ANY(${tubeIds}::bigint[])`.execute(tx);
}

export async function boxByCode(db: Queryable, code: string) {
  return db
    .selectFrom('boxes as b')
    .leftJoin('facilities as s', 's.id', 'b.site_id')
    .leftJoin('facilities as l', 'l.id', 'b.lab_id')
    .select(['b.id', 'b.code', 'b.round_id', 'b.path', 'b.tubes', 'b.sealed_at', 'b.handed_at', 'b.courier', 'b.received_at', 'b.lab_id', 's.name as site_name', 'l.name as lab_name'])
    .where('b.code', '=', code)
    .executeTakeFirst();
}

export async function lockBox(tx: Tx, id: number) {
  const r = await sql<{ received_at: Date | null; handed_at: Date | null }>`SELECT received_at, handed_at FROM boxes WHERE id = ${id} FOR UPDATE`.execute(tx);
  return r.rows[0];
}

export async function tubesOfBox(db: Queryable, boxId: number) {
  return db.selectFrom('tubes').select(['id', 'code', 'members', 'result', 'received_at']).where('box_id', '=', boxId).orderBy('code').execute();
}

export async function handOff(tx: Tx, id: number, courier: string, at: Date) {
  await tx.updateTable('boxes').set({ handed_at: at, courier }).where('id', '=', id).execute();
}

export async function receiveBox(tx: Tx, id: number, labId: number, by: number | null, at: Date, tubeIds: number[]) {
  await tx.updateTable('boxes').set({ received_at: at, lab_id: labId, received_by: by }).where('id', '=', id).execute();
  if (tubeIds.length) await sql`UPDATE tubes SET received_at = ${at}, lab_id = ${labId} WHERE id = ANY(${tubeIds}::bigint[])`.execute(tx);
}

export async function labByCode(db: Queryable, code: string) {
  return db
    .selectFrom('facilities as f')
    .innerJoin('places as p', 'p.id', 'f.place_id')
    .select(['f.id', 'f.code', 'f.name', 'f.kind', 'p.path'])
    .where('f.code', '=', code)
    .executeTakeFirst();
}

export async function tubesByCodes(db: Queryable, codes: string[]) {
  if (codes.length === 0) return [];
  return db.selectFrom('tubes').select(['id', 'code', 'box_id', 'round_id']).where('code', 'in', codes).execute();
}
