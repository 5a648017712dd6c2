import type { Queryable } from '../../platform/db.ts';
import { inScope, type Scope } from '../../platform/access.ts';

export interface AuditFilter {
  actor?: string;
  entity?: string;
  entityId?: string;
  from?: Date;
  to?: Date;
  before?: number; // keyset cursor: entries with id below this
  limit: number;
}

export async function listAudit(db: Queryable, scope: Scope, f: AuditFilter) {
  let q = db.selectFrom('audit_log').selectAll();
  // Scoped readers see entries about places inside their subtree; entries without a place
  // (logins, users) are for readers of the whole tree.
  if (!scope.all) q = q.where('place_path', 'is not', null).where(inScope(scope, 'place_path'));
  if (f.actor) q = q.where('actor_name', '=', f.actor);
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.before) q = q.where('id', '<', f.before);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}
