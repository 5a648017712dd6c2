// SQL of antigen self-tests: reports, the PCR confirmation task of a positive one, whom a caller may report for.
import { sql } from 'kysely';
import type { Queryable, Tx } from '../../platform/db.ts';
import { inScope, type Scope } from '../../platform/access.ts';

export async function findAntigenReport(db: Queryable, clientId: string) {
  return db
    .selectFrom('antigen_reports as a')
    .leftJoin('retest_tasks as t', 't.antigen_id', 'a.id')
    .select(['a.id', 'a.person_id', 'a.result', 'a.tested_at', 't.id as pcr_task_id'])
    .where('a.client_id', '=', clientId)
    .executeTakeFirst();
}

export async function insertAntigenReport(tx: Tx, r: { client_id: string; person_id: number; result: string; tested_at: Date; path: string | null; reported_by: number | null }) {
  return tx.insertInto('antigen_reports').values(r).returning('id').executeTakeFirstOrThrow();
}

/** A PCR confirmation task, in the newest open round that covers the person's home (or none). */
export async function insertPcrTask(tx: Tx, t: { personId: number; path: string; antigenId: number; at: Date }): Promise<number> {
  const r = await sql<{ id: number }>`
    INSERT INTO retest_tasks (round_id, person_id, reason, antigen_id, path, created_at)
    SELECT (SELECT r.id FROM rounds r JOIN round_places rp ON rp.round_id = r.id
            WHERE r.status = 'open' AND ${t.path} LIKE rp.path || '%' ORDER BY r.starts_at DESC LIMIT 1),
      ${t.personId}, 'antigen_positive', ${t.antigenId}, ${t.path}, ${t.at}
    RETURNING id`.execute(tx);
  return r.rows[0].id;
}

/** People of the caller's households who can report an antigen self-test, with their latest report. */
export async function antigenPeople(db: Queryable, scope: Scope, q: string | undefined, limit: number) {
  const r = await sql<{ id: number; name: string; id_number: string; household_name: string; last_result: string | null; last_tested_at: Date | null }>`
    SELECT p.id, p.name, p.id_number, h.name AS household_name, a.result AS last_result, a.tested_at AS last_tested_at
    FROM persons p JOIN places h ON h.id = p.household_id
    LEFT JOIN LATERAL (SELECT result, tested_at FROM antigen_reports WHERE person_id = p.id ORDER BY tested_at DESC, id DESC LIMIT 1) a ON true
    WHERE p.status = 'active' AND ${inScope(scope, 'h.path')} ${q ? sql`AND p.name LIKE ${q.replace(/[\\%_]/g, '\\$&') + '%'}` : sql``}
    ORDER BY h.path, p.id LIMIT ${limit}`.execute(db);
  return r.rows;
}
