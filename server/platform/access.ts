// Authorization is declared on every route (config.access) and enforced here, before validation,
// so an anonymous caller gets 401 and a caller without the permission 403 whatever the body.
// The app refuses to start when a route has no declaration (checkRouteDeclared, used by onRoute).
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { sql, type Expression, type SqlBool } from 'kysely';
import { ROLE_PERMISSIONS, type Permission, type Role } from '../../domain/roles.ts';
import { AppError, forbidden, unauthorized } from './errors.ts';
import type { Actor } from './audit.ts';

/**
 * - `public`: no token needed.
 * - `place`: the permission is needed; data is limited to the subtrees of the caller's assignments
 *   that grant it (services receive request.scope and filter in SQL).
 * - `self`: any signed-in user, acting only on their own account.
 * - `global`: the permission on the whole tree (an assignment without a place).
 */
export type Access =
  | { public: true }
  | { permission: Permission; scope: 'place' | 'global' }
  | { permission: 'signed_in'; scope: 'self' };

export type Scope = { all: true } | { all: false; paths: string[] };

export interface Assignment {
  role: Role;
  placeId: number | null;
  placePath: string | null;
  placeName: string | null;
}

export interface AuthContext {
  sessionId: number;
  user: { id: number; username: string; displayName: string };
  assignments: Assignment[];
  permissions: Permission[];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyInstance {
    /** Every route with its access declaration, for the authorization matrix test and docs. */
    routeAccess: RouteAccess[];
  }
  interface FastifyRequest {
    auth: AuthContext | null;
    scope: Scope;
  }
}

export const TOKEN_COOKIE = 'cordon_token';

/** Infrastructure routes that plugins register themselves and that are public by contract (§13). */
const PLUGIN_PUBLIC_PREFIXES = ['/api/docs'];

export function checkRouteDeclared(route: RouteOptions): void {
  if (route.config && (route.config as { access?: Access }).access) return;
  if (PLUGIN_PUBLIC_PREFIXES.some((p) => route.url.startsWith(p))) return;
  const methods = Array.isArray(route.method) ? route.method.join(',') : route.method;
  throw new Error(`route ${methods} ${route.url} declares no access (config.access): refusing to start`);
}

export function scopeFor(auth: AuthContext, permission: Permission): Scope {
  const granting = auth.assignments.filter((a) => ROLE_PERMISSIONS[a.role]?.includes(permission));
  if (granting.some((a) => a.placeId === null)) return { all: true };
  const paths = [...new Set(granting.map((a) => a.placePath!).filter(Boolean))].sort();
  // Drop paths inside another assigned path: the outer one already covers them.
  return { all: false, paths: paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q))) };
}

/** SQL condition "the path column is inside the scope" (materialized path prefix match). */
export function inScope(scope: Scope, pathColumn: string): Expression<SqlBool> {
  if (scope.all) return sql<SqlBool>`true`;
  if (scope.paths.length === 0) return sql<SqlBool>`false`;
  const col = sql.ref(pathColumn);
  return sql<SqlBool>`(${sql.join(scope.paths.map((p) => sql`${col} LIKE ${p + '%'}`), sql` OR `)})`;
}

export function pathInScope(scope: Scope, path: string): boolean {
  return scope.all || scope.paths.some((p) => path.startsWith(p));
}

export function actorOf(request: FastifyRequest): Actor {
  return { userId: request.auth?.user.id ?? null, username: request.auth?.user.username ?? 'anonymous', requestId: request.id };
}

export interface RouteAccess {
  method: string;
  url: string;
  access: Access | null; // null only for the plugin-served public prefixes
}

export type ResolveSession = (token: string) => Promise<AuthContext | null>;

function tokenOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return request.cookies?.[TOKEN_COOKIE] ?? null;
}

export function registerAccessControl(app: FastifyInstance, resolveSession: ResolveSession): void {
  app.decorateRequest('auth', null);
  app.decorateRequest('scope', null as never);
  const table: RouteAccess[] = [];
  app.decorate('routeAccess', table);
  app.addHook('onRoute', (route) => {
    checkRouteDeclared(route);
    for (const method of [route.method].flat()) table.push({ method, url: route.url, access: (route.config as { access?: Access })?.access ?? null });
  });
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access) {
      if (!request.routeOptions.url) return; // no route matched: the 404 handler answers
      if (PLUGIN_PUBLIC_PREFIXES.some((p) => request.routeOptions.url!.startsWith(p))) return;
      throw new AppError(500, 'ROUTE_UNDECLARED', 'route without access declaration');
    }
    if ('public' in access) return;
    const token = tokenOf(request);
    const auth = token ? await resolveSession(token) : null;
    if (!auth) throw unauthorized('AUTH_REQUIRED', 'Sign in first (missing, expired or revoked token)');
    request.auth = auth;
    if (access.permission === 'signed_in') return;
    if (!auth.permissions.includes(access.permission))
      throw forbidden('PERMISSION_DENIED', `This needs the permission ${access.permission}`);
    const scope = scopeFor(auth, access.permission);
    if (access.scope === 'global' && !scope.all)
      throw forbidden('PERMISSION_DENIED', `This needs ${access.permission} on the whole tree`);
    request.scope = scope;
  });
}
