import type { Db } from '../../platform/db.ts';
import type { Scope } from '../../platform/access.ts';
import { badRequest } from '../../platform/errors.ts';
import * as repo from './repo.ts';

function placeIdOf(path: string | null): number | null {
  if (!path) return null;
  const ids = path.split('/').filter(Boolean);
  return ids.length ? Number(ids[ids.length - 1]) : null;
}

export async function browseAudit(db: Db, scope: Scope, f: Omit<repo.AuditFilter, 'from' | 'to'> & { from?: string; to?: string }) {
  const from = f.from ? new Date(f.from) : undefined;
  const to = f.to ? new Date(f.to) : undefined;
  if ((from && isNaN(from.getTime())) || (to && isNaN(to.getTime()))) throw badRequest('AUDIT_TIME_INVALID', 'from/to must be ISO 8601 times');
  const rows = await repo.listAudit(db.kysely, scope, { ...f, from, to });
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      placeId: placeIdOf(r.place_path),
      before: r.before ?? null,
      after: r.after ?? null,
      requestId: r.request_id,
    })),
    nextBefore: rows.length === f.limit ? rows[rows.length - 1].id : null,
  };
}

/** The audit entries about one record, newest first (person detail pages show them). */
export async function entityHistory(db: Db, entity: string, entityId: string, limit: number) {
  return (await browseAudit(db, { all: true }, { entity, entityId, limit })).items.map(({ before: _b, after: _a, ...e }) => e);
}
