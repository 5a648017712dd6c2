import { expect, it } from 'vitest';
import { describeEachEngine, useTestApp, type TestApp } from '../../testing/app.ts';
import { auditSince, lastAuditId, placeByCode, DEMO } from '../../testing/fixtures.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../../../sim/seed-demo.ts';
import { ROLE_PERMISSIONS } from '../../../domain/roles.ts';

function loginRequest(t: TestApp, username: string, password = DEMO_PASSWORD, remoteAddress = '127.0.0.1') {
  return t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
}

async function freshToken(t: TestApp, username: string): Promise<string> {
  const res = await loginRequest(t, username);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().token;
}

function me(t: TestApp, token: string) {
  return t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
}

describeEachEngine('auth: login, cookie, logout, users', (engine) => {
  const ctx = useTestApp(engine);

  it('login returns a token and the user with assignments and permissions', async () => {
    const res = await loginRequest(ctx(), 'officer');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const district = await placeByCode(ctx().testDb.db, DEMO.district);
    expect(body.user).toMatchObject({
      username: 'officer',
      displayName: '区干部',
      assignments: [{ role: 'district_officer', placeId: district.id, placeName: '望川区' }],
      permissions: [...ROLE_PERMISSIONS.district_officer].sort(),
    });
    const admin = (await loginRequest(ctx(), 'admin')).json();
    expect(admin.user.assignments).toEqual([{ role: 'admin', placeId: null, placeName: null }]);
  });

  it('sets an httpOnly SameSite=Strict cookie cordon_token that alone authenticates /api/auth/me', async () => {
    const res = await loginRequest(ctx(), 'grid');
    const cookie = res.cookies.find((c) => c.name === 'cordon_token');
    expect(cookie).toMatchObject({ value: res.json().token, httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly/);

    const viaCookie = await ctx().app.inject({ method: 'GET', url: '/api/auth/me', cookies: { cordon_token: cookie!.value } });
    expect(viaCookie.statusCode).toBe(200);
    expect(viaCookie.json().username).toBe('grid');

    const bogus = await ctx().app.inject({ method: 'GET', url: '/api/auth/me', cookies: { cordon_token: 'not-a-token' } });
    expect(bogus.statusCode).toBe(401);
    expect(bogus.json().error.code).toBe('AUTH_REQUIRED');
  });

  it('answers a wrong password and an unknown user with the same 401 body', async () => {
    const wrong = await loginRequest(ctx(), 'officer', 'not-the-password');
    const unknown = await loginRequest(ctx(), 'nobody-here', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
    expect(unknown.body).toBe(wrong.body);
    expect(wrong.cookies.find((c) => c.name === 'cordon_token')).toBeUndefined();
  });

  it('rejects a malformed login body or a NUL in the user name with 400, not 5xx', async () => {
    const res = await ctx().app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'officer' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('password') });
    const nul = await loginRequest(ctx(), 'officer\u0000', 'x');
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.code).toBe('VALUE_INVALID');
  });

  it('logout revokes the token and clears the cookie; both are audited', async () => {
    const db = ctx().testDb.db;
    const since = await lastAuditId(db);
    const token = await freshToken(ctx(), 'officer');
    expect((await me(ctx(), token)).statusCode).toBe(200);

    const out = await ctx().app.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: `Bearer ${token}` } });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toEqual({ ok: true });
    const cleared = out.cookies.find((c) => c.name === 'cordon_token');
    expect(cleared?.value).toBe('');

    const after = await me(ctx(), token);
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('AUTH_REQUIRED');

    const officer = await db.kysely.selectFrom('users').select('id').where('username', '=', 'officer').executeTakeFirstOrThrow();
    const rows = await auditSince(db, since);
    expect(rows.map((r) => [r.action, r.entity, r.actor_id, r.actor_name])).toEqual([
      ['auth.login', 'session', officer.id, 'officer'],
      ['auth.logout', 'session', officer.id, 'officer'],
    ]);
    expect(rows[0].entity_id).toBe(rows[1].entity_id);
    const session = await db.kysely.selectFrom('sessions').selectAll().where('id', '=', Number(rows[0].entity_id)).executeTakeFirstOrThrow();
    expect(session.revoked_at).not.toBeNull();
    expect(session.token_hash).not.toContain(token); // only a keyed hash is stored
  });

  it('/api/users lists the demo users for admin and commander, 403 for an officer', async () => {
    for (const user of ['admin', 'commander']) {
      const res = await ctx().as(user, { method: 'GET', url: '/api/users' });
      expect(res.statusCode).toBe(200);
      const items = res.json().items as { username: string; assignments: unknown[] }[];
      expect(items.map((u) => u.username).sort()).toEqual(DEMO_USERS.map((u) => u.username).sort());
      expect(items.every((u) => u.assignments.length === 1)).toBe(true);
      expect(JSON.stringify(items)).not.toMatch(/password|scrypt/);
    }
    const denied = await ctx().as('officer', { method: 'GET', url: '/api/users' });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('PERMISSION_DENIED');
  });
});

describeEachEngine('auth: login rate limit', (engine) => {
  let now = new Date('2030-03-01T08:00:00Z');
  const ctx = useTestApp(engine, { config: { loginLimitPerMinute: 3 }, clock: () => now });

  it('refuses the 4th attempt for the same user and address with 429 and Retry-After', async () => {
    const statuses = [];
    for (const password of ['wrong-1', 'wrong-2', DEMO_PASSWORD]) statuses.push((await loginRequest(ctx(), 'sampler', password, '10.0.0.7')).statusCode);
    expect(statuses).toEqual([401, 401, 200]);

    const limited = await loginRequest(ctx(), 'sampler', DEMO_PASSWORD, '10.0.0.7');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('60');
    expect(limited.json().error.code).toBe('AUTH_RATE_LIMITED');
    // Same user name in another case is the same key.
    expect((await loginRequest(ctx(), 'SAMPLER', DEMO_PASSWORD, '10.0.0.7')).statusCode).toBe(429);

    // Other address, or other user from the same address: their own windows.
    expect((await loginRequest(ctx(), 'sampler', DEMO_PASSWORD, '10.0.0.8')).statusCode).toBe(200);
    expect((await loginRequest(ctx(), 'lab', DEMO_PASSWORD, '10.0.0.7')).statusCode).toBe(200);

    now = new Date(now.getTime() + 45_000);
    const later = await loginRequest(ctx(), 'sampler', DEMO_PASSWORD, '10.0.0.7');
    expect(later.statusCode).toBe(429);
    expect(later.headers['retry-after']).toBe('15');

    now = new Date(now.getTime() + 15_000);
    expect((await loginRequest(ctx(), 'sampler', DEMO_PASSWORD, '10.0.0.7')).statusCode).toBe(200);
  });
});

describeEachEngine('auth: session expiry', (engine) => {
  let now = new Date('2030-03-01T08:00:00Z');
  const ctx = useTestApp(engine, { clock: () => now });

  it('refuses a session once it is older than CORDON_SESSION_HOURS (12 h)', async () => {
    const res = await loginRequest(ctx(), 'tracer');
    expect(new Date(res.json().expiresAt).getTime()).toBe(now.getTime() + 12 * 3600_000);
    const token = res.json().token;

    now = new Date(now.getTime() + 12 * 3600_000 - 1000);
    expect((await me(ctx(), token)).statusCode).toBe(200);

    now = new Date(now.getTime() + 1000);
    const expired = await me(ctx(), token);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('AUTH_REQUIRED');
    // Expired for the cookie path too, and a new login works again.
    const viaCookie = await ctx().app.inject({ method: 'GET', url: '/api/auth/me', cookies: { cordon_token: token } });
    expect(viaCookie.statusCode).toBe(401);
    expect((await me(ctx(), await freshToken(ctx(), 'tracer'))).statusCode).toBe(200);
  });
});

describeEachEngine('auth: production', (engine) => {
  const ctx = useTestApp(engine, { config: { nodeEnv: 'production' } });

  it('refuses the published demo password in production, with the ordinary 401', async () => {
    const res = await loginRequest(ctx(), 'admin', DEMO_PASSWORD);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
  });
});
