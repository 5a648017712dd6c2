// Every mutation writes an audit row in the same transaction as the change (DESIGN §14, §16).
// Rows form a hash chain: hash = sha256(prev_hash + canonical row). An advisory lock serialises
// appends so the chain has no forks under concurrent writers.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx, Queryable } from './db.ts';

export interface Actor {
  userId: number | null;
  username: string;
  requestId: string | null;
}

export interface AuditEvent {
  action: string; // e.g. place.create
  entity: string; // e.g. place
  entityId: string | number | null;
  placePath?: string | null; // lets scoped readers see entries of their subtree
  before?: unknown;
  after?: unknown;
}

const AUDIT_CHAIN_LOCK = 0x636f7264; // 'cord'
export const GENESIS_HASH = '0'.repeat(64);

function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

export function auditRowHash(prevHash: string, row: Record<string, unknown>): string {
  return createHash('sha256').update(prevHash).update(canonical(row)).digest('hex');
}

/** The JSON value as it will read back from jsonb (dates as strings, undefined dropped). */
function jsonValue(v: unknown): unknown {
  return v === undefined || v === null ? null : JSON.parse(JSON.stringify(v));
}

export async function recordAudit(tx: Tx, actor: Actor, at: Date, event: AuditEvent): Promise<void> {
  const row = {
    at: at.toISOString(),
    actor_id: actor.userId,
    actor_name: actor.username,
    action: event.action,
    entity: event.entity,
    entity_id: event.entityId === null ? null : String(event.entityId),
    place_path: event.placePath ?? null,
    before: jsonValue(event.before),
    after: jsonValue(event.after),
    request_id: actor.requestId,
  };
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(tx);
  // The previous hash is read and the new one computed (as auditRowHash does) in the statement that
  // appends the row: the chain's lock is held for one round trip and the commit, not three. This
  // statement starts after the lock is taken, so it sees the row of the writer before.
  await sql`
    INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, place_path, before, after, request_id, prev_hash, hash)
    SELECT ${row.at}::timestamptz, ${row.actor_id}::bigint, ${row.actor_name}, ${row.action}, ${row.entity}, ${row.entity_id}, ${row.place_path},
      ${row.before === null ? null : JSON.stringify(row.before)}::jsonb, ${row.after === null ? null : JSON.stringify(row.after)}::jsonb, ${row.request_id},
      p.hash, encode(sha256(convert_to(p.hash || ${canonical(row)}, 'UTF8')), 'hex')
    FROM (SELECT coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), ${GENESIS_HASH}) AS hash) p`.execute(tx);
}

/** Re-walks the chain; returns the id of the first row whose hash does not match, or null. */
export async function verifyAuditChain(db: Queryable): Promise<number | null> {
  let prev = GENESIS_HASH;
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', after).orderBy('id').limit(5000).execute();
    if (rows.length === 0) return null;
    for (const r of rows) {
      const row = {
        at: new Date(r.at).toISOString(),
        actor_id: r.actor_id,
        actor_name: r.actor_name,
        action: r.action,
        entity: r.entity,
        entity_id: r.entity_id,
        place_path: r.place_path,
        before: r.before ?? null,
        after: r.after ?? null,
        request_id: r.request_id,
      };
      if (r.prev_hash !== prev || auditRowHash(prev, row) !== r.hash) return r.id;
      prev = r.hash;
      after = r.id;
    }
  }
}
