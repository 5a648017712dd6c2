// Login, logout, session resolution and user creation.
import { randomBytes } from 'node:crypto';
import { AppError, badRequest, conflict, unauthorized } from '../../platform/errors.ts';
import { DUMMY_PASSWORD_HASH, hashPassword, keyedHash, verifyPassword } from '../../platform/passwords.ts';
import { recordAudit, type Actor } from '../../platform/audit.ts';
import type { AuthContext, Assignment } from '../../platform/access.ts';
import type { RateLimiter } from '../../platform/rate-limit.ts';
import type { Db } from '../../platform/db.ts';
import { isRole, permissionsOf, type Role } from '../../../domain/roles.ts';
import * as repo from './repo.ts';
import { placeIdByCode } from '../places/service.ts';

export interface AuthDeps {
  db: Db;
  clock: () => Date;
  secret: string;
  sessionHours: number;
  loginLimiter: RateLimiter;
  /** Production refuses the published demo password (DESIGN §13), whoever holds it. */
  refuseDemoPassword?: boolean;
}

export const DEMO_PASSWORD = 'cordon-demo';

export interface PresentedUser {
  id: number;
  username: string;
  displayName: string;
  assignments: { role: Role; placeId: number | null; placeName: string | null }[];
  permissions: string[];
}

export function presentUser(user: { id: number; username: string; displayName: string }, assignments: Assignment[]): PresentedUser {
  return {
    ...user,
    assignments: assignments.map((a) => ({ role: a.role, placeId: a.placeId, placeName: a.placeName })),
    permissions: permissionsOf(assignments.map((a) => a.role)),
  };
}

export async function login(deps: AuthDeps, input: { username: string; password: string; address: string; requestId: string }) {
  const now = deps.clock();
  const wait = deps.loginLimiter.hit(`${input.username.toLowerCase()}|${input.address}`, now.getTime());
  if (wait > 0)
    throw new AppError(429, 'AUTH_RATE_LIMITED', `Too many login attempts; try again in ${wait} s`, { retryAfter: wait }, { 'retry-after': String(wait) });
  const user = await repo.findUserByName(deps.db.kysely, input.username);
  // Verify against a dummy hash for unknown users: same answer, same cost, no user enumeration.
  const ok = await verifyPassword(input.password, user?.password_hash ?? DUMMY_PASSWORD_HASH);
  if (!user || !ok || user.disabled || (deps.refuseDemoPassword && input.password === DEMO_PASSWORD))
    throw unauthorized('AUTH_INVALID_CREDENTIALS', 'Wrong user name or password');
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + deps.sessionHours * 3600_000);
  const actor: Actor = { userId: user.id, username: user.username, requestId: input.requestId };
  await deps.db.kysely.transaction().execute(async (tx) => {
    const s = await repo.insertSession(tx, user.id, keyedHash(deps.secret, token), expiresAt);
    await recordAudit(tx, actor, now, { action: 'auth.login', entity: 'session', entityId: s.id, after: { userId: user.id, expiresAt } });
  });
  const assignments = (await repo.listAssignments(deps.db.kysely, [user.id])).get(user.id) ?? [];
  return { token, expiresAt, user: presentUser({ id: user.id, username: user.username, displayName: user.display_name }, assignments) };
}

export async function resolveSession(deps: Pick<AuthDeps, 'db' | 'clock' | 'secret'>, token: string): Promise<AuthContext | null> {
  const s = await repo.findLiveSession(deps.db.kysely, keyedHash(deps.secret, token), deps.clock());
  if (!s) return null;
  const assignments = (await repo.listAssignments(deps.db.kysely, [s.userId])).get(s.userId) ?? [];
  return {
    sessionId: s.sessionId,
    user: { id: s.userId, username: s.username, displayName: s.display_name },
    assignments,
    permissions: permissionsOf(assignments.map((a) => a.role)),
  };
}

export async function logout(deps: Pick<AuthDeps, 'db' | 'clock'>, auth: AuthContext, actor: Actor) {
  const now = deps.clock();
  await deps.db.kysely.transaction().execute(async (tx) => {
    await repo.revokeSession(tx, auth.sessionId, now);
    await recordAudit(tx, actor, now, { action: 'auth.logout', entity: 'session', entityId: auth.sessionId });
  });
}

export interface NewUser {
  username: string;
  displayName?: string;
  password: string;
  roles: { role: string; placeCode?: string | null }[];
}

export async function createUser(deps: Pick<AuthDeps, 'db' | 'clock'>, actor: Actor, input: NewUser) {
  if (!/^[a-z0-9][a-z0-9_.-]{1,31}$/i.test(input.username))
    throw badRequest('USER_NAME_INVALID', 'User names are 2–32 letters, digits, dot, dash or underscore');
  if (input.password.length < 8) throw badRequest('USER_PASSWORD_WEAK', 'Passwords need at least 8 characters');
  for (const r of input.roles) if (!isRole(r.role)) throw badRequest('ROLE_UNKNOWN', `Unknown role ${r.role}`);
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock();
  return deps.db.kysely.transaction().execute(async (tx) => {
    if (await repo.findUserByName(tx, input.username)) throw conflict('USER_NAME_TAKEN', `User ${input.username} exists`);
    const user = await repo.insertUser(tx, { username: input.username, displayName: input.displayName ?? input.username, passwordHash });
    for (const r of input.roles) {
      let placeId: number | null = null;
      if (r.placeCode) {
        placeId = await placeIdByCode(tx, r.placeCode);
        if (placeId === null) throw badRequest('PLACE_NOT_FOUND', `No place with code ${r.placeCode}`);
      }
      await repo.insertAssignment(tx, user.id, r.role as Role, placeId);
    }
    await recordAudit(tx, actor, now, {
      action: 'user.create',
      entity: 'user',
      entityId: user.id,
      after: { username: user.username, displayName: user.display_name, roles: input.roles },
    });
    return user;
  });
}

export async function listUsers(db: Db): Promise<PresentedUser[]> {
  const users = await repo.listUsers(db.kysely);
  const assignments = await repo.listAssignments(db.kysely, users.map((u) => u.id));
  return users.map((u) => presentUser({ id: u.id, username: u.username, displayName: u.display_name }, assignments.get(u.id) ?? []));
}

export async function hasUsers(db: Db): Promise<boolean> {
  return (await repo.countUsers(db.kysely)) > 0;
}
