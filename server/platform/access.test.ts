import { describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { createTestDb } from '../testing/engines.ts';
import { describeEachEngine, testConfig, useTestApp } from '../testing/app.ts';
import { DEMO_USERS } from '../../sim/seed-demo.ts';
import { ROLE_PERMISSIONS } from '../../domain/roles.ts';
import { scopeFor, type AuthContext } from './access.ts';

describe('scopeFor', () => {
  const auth = (assignments: AuthContext['assignments']): AuthContext => ({
    sessionId: 1,
    user: { id: 1, username: 'u', displayName: 'u' },
    assignments,
    permissions: [],
  });
  it('gives the whole tree for an assignment without a place', () => {
    expect(scopeFor(auth([{ role: 'commander', placeId: null, placePath: null, placeName: null }]), 'places.read')).toEqual({ all: true });
  });
  it('keeps only the outermost of nested assigned places, and only roles granting the permission', () => {
    const s = scopeFor(
      auth([
        { role: 'grid_worker', placeId: 5, placePath: '/1/2/5/', placeName: 'g' },
        { role: 'district_officer', placeId: 2, placePath: '/1/2/', placeName: 'd' },
        { role: 'district_officer', placeId: 9, placePath: '/1/9/', placeName: 'e' },
      ]),
      'places.read',
    );
    expect(s).toEqual({ all: false, paths: ['/1/2/', '/1/9/'] });
    expect(scopeFor(auth([{ role: 'grid_worker', placeId: 5, placePath: '/1/2/5/', placeName: 'g' }]), 'places.write')).toEqual({ all: false, paths: [] });
  });
});

describeEachEngine('route declarations', (engine) => {
  it('refuses to start with a route that declares no permission and scope', async () => {
    const t = await createTestDb(engine, 'empty');
    try {
      await expect(
        buildApp(testConfig(), { db: t.db, extraRoutes: (app) => app.get('/api/undeclared', async () => ({ ok: true })) }),
      ).rejects.toThrow(/declares no access/);
    } finally {
      await t.drop();
    }
  });
});

describeEachEngine('authorization matrix', (engine) => {
  const ctx = useTestApp(engine);

  function sample(url: string) {
    return url.replace(':id', '1').replace('*', 'x');
  }

  it('every route declares its access', () => {
    const routes = ctx().app.routeAccess;
    expect(routes.length).toBeGreaterThan(15);
    for (const r of routes) {
      if (r.url.startsWith('/api/docs')) continue;
      expect(r.access, `${r.method} ${r.url}`).not.toBeNull();
    }
  });

  it('refuses anonymous callers on every non-public route with 401', async () => {
    for (const r of ctx().app.routeAccess) {
      if (!r.access || 'public' in r.access || r.method === 'HEAD') continue;
      const res = await ctx().app.inject({ method: r.method as 'GET', url: sample(r.url), payload: r.method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json().error.code).toBe('AUTH_REQUIRED');
    }
  });

  it('gives every role 403 exactly where it lacks the permission', async () => {
    for (const user of DEMO_USERS) {
      const perms = ROLE_PERMISSIONS[user.role];
      for (const r of ctx().app.routeAccess) {
        // Logout would revoke the token the loop keeps using; the auth tests cover it.
        if (!r.access || 'public' in r.access || r.method === 'HEAD' || r.url === '/api/auth/logout') continue;
        const res = await ctx().as(user.username, { method: r.method as 'GET', url: sample(r.url), payload: r.method === 'GET' ? undefined : {} });
        const label = `${user.username} ${r.method} ${r.url} → ${res.statusCode}`;
        if (r.access.permission === 'signed_in') {
          expect(res.statusCode, label).not.toBe(403);
          continue;
        }
        const allowed = perms.includes(r.access.permission) && (r.access.scope !== 'global' || user.scopeKind === null);
        if (allowed) expect(res.statusCode < 500 && ![401, 403].includes(res.statusCode), label).toBe(true);
        else expect(res.statusCode, label).toBe(403);
      }
    }
  });
});
