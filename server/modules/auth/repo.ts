// Users, role assignments and sessions: the only SQL of the auth domain.
import type { Queryable, Tx } from '../../platform/db.ts';
import type { Assignment } from '../../platform/access.ts';
import type { Role } from '../../../domain/roles.ts';

export async function findUserByName(db: Queryable, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function listAssignments(db: Queryable, userIds: number[]): Promise<Map<number, Assignment[]>> {
  const out = new Map<number, Assignment[]>();
  if (userIds.length === 0) return out;
  const rows = await db
    .selectFrom('role_assignments as ra')
    .leftJoin('places as p', 'p.id', 'ra.place_id')
    .select(['ra.user_id', 'ra.role', 'ra.place_id', 'p.path', 'p.name'])
    .where('ra.user_id', 'in', userIds)
    .orderBy('ra.id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.user_id) ?? [];
    list.push({ role: r.role as Role, placeId: r.place_id, placePath: r.path, placeName: r.name });
    out.set(r.user_id, list);
  }
  return out;
}

export async function insertSession(tx: Queryable, userId: number, tokenHash: string, expiresAt: Date) {
  return tx
    .insertInto('sessions')
    .values({ user_id: userId, token_hash: tokenHash, expires_at: expiresAt })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function findLiveSession(db: Queryable, tokenHash: string, now: Date) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id as sessionId', 'u.id as userId', 'u.username', 'u.display_name'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .where('u.disabled', '=', false)
    .executeTakeFirst();
}

export async function revokeSession(tx: Tx, sessionId: number, now: Date) {
  await tx.updateTable('sessions').set({ revoked_at: now }).where('id', '=', sessionId).execute();
}

export async function insertUser(tx: Tx, u: { username: string; displayName: string; passwordHash: string }) {
  return tx
    .insertInto('users')
    .values({ username: u.username, display_name: u.displayName, password_hash: u.passwordHash })
    .returning(['id', 'username', 'display_name'])
    .executeTakeFirstOrThrow();
}

export async function insertAssignment(tx: Tx, userId: number, role: Role, placeId: number | null) {
  await tx.insertInto('role_assignments').values({ user_id: userId, role, place_id: placeId }).execute();
}

export async function countUsers(db: Queryable): Promise<number> {
  const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listUsers(db: Queryable) {
  return db.selectFrom('users').select(['id', 'username', 'display_name', 'disabled', 'created_at']).orderBy('username').execute();
}
