import { Type } from '@sinclair/typebox';
import { expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine, useTestApp } from '../testing/app.ts';

const SECRET = 'password=hunter2 at /srv/cordon/secret.ts:42';

/** A declared route that fails like a programming error would: a plain Error with internals in its message. */
function crashingRoutes(app: FastifyInstance) {
  app.get('/api/test/crash', { config: { access: { public: true } } }, async () => {
    throw new Error(SECRET);
  });
  app.post(
    '/api/test/echo',
    { config: { access: { public: true } }, schema: { body: Type.Object({ n: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }) } },
    async (req) => req.body,
  );
}

describeEachEngine('http basics', (engine) => {
  const ctx = useTestApp(engine, { variant: 'empty' });
  const get = (url: string, headers: Record<string, string> = {}) => ctx().app.inject({ method: 'GET', url, headers });

  it('answers /healthz and /readyz without a token, naming the database engine', async () => {
    const health = await get('/healthz');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ ok: true });
    const ready = await get('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ ok: true, db: engine });
  });

  it('serves Prometheus metrics: request latency per route, DB pool, event-loop lag', async () => {
    await get('/healthz');
    const res = await get('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(/^cordon_http_request_duration_seconds_bucket\{.*route="\/healthz".*status="200".*\} [1-9]/m);
    expect(res.body).toMatch(new RegExp(`^cordon_db_pool_connections\\{engine="${engine}",state="total"\\} [1-9]`, 'm'));
    expect(res.body).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
  });

  it('publishes the OpenAPI document and the docs UI without a token', async () => {
    const spec = await get('/api/openapi.json');
    expect(spec.statusCode).toBe(200);
    const paths = Object.keys(spec.json().paths);
    for (const p of ['/api/places', '/api/places/roots', '/api/places/{id}', '/api/places/{id}/children', '/api/places/{id}/move', '/api/facilities/{id}/rooms', '/api/auth/login'])
      expect(paths).toContain(p);
    expect(paths).not.toContain('/healthz');
    expect(spec.json().paths['/api/places'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['code', 'parentId', 'kind', 'name']),
    );

    const docs = await get('/api/docs');
    expect(docs.statusCode).toBeLessThan(400);
    const page = docs.statusCode === 200 ? docs : await get(String(docs.headers.location).replace(/^\.\//, '/api/docs/'));
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/swagger/i);
  });

  it('sets security headers on every response', async () => {
    for (const res of [await get('/healthz'), await get('/api/places/roots'), await get('/nope')]) {
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      // Plain HTTP outside production: no HSTS, no upgrade of subresources to https (they would fail).
      expect(res.headers['strict-transport-security']).toBeUndefined();
      expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('answers an unknown route with 404 and the error shape', async () => {
    const res = await get('/api/no-such-thing?x=1');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No route GET /api/no-such-thing' } });
  });

  it('echoes x-request-id, and makes one up when none is given', async () => {
    const echoed = await get('/healthz', { 'x-request-id': 'req-abc-123' });
    expect(echoed.headers['x-request-id']).toBe('req-abc-123');
    const made = await get('/healthz');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const tooLong = await get('/healthz', { 'x-request-id': 'x'.repeat(65) });
    expect(tooLong.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const failed = await get('/api/nope', { 'x-request-id': 'req-404' });
    expect(failed.headers['x-request-id']).toBe('req-404');
  });
});

describeEachEngine('http errors', (engine) => {
  const ctx = useTestApp(engine, { variant: 'empty', extraRoutes: crashingRoutes });

  it('never leaks internals in a 5xx body', async () => {
    const res = await ctx().app.inject({ method: 'GET', url: '/api/test/crash', headers: { 'x-request-id': 'req-crash' } });
    expect(res.statusCode).toBe(500);
    expect(res.body).toBe('{"error":{"code":"INTERNAL","message":"Internal server error"}}');
    expect(res.headers['x-request-id']).toBe('req-crash');
  });

  it('answers bad input to a validated route with a 400, never a 5xx', async () => {
    for (const payload of ['{"n": 0}', '{"n": "x"}', '{"n": 1, "extra": true}', '{"n":', '[]', 'null', '']) {
      const res = await ctx().app.inject({ method: 'POST', url: '/api/test/echo', headers: { 'content-type': 'application/json' }, payload });
      expect(res.statusCode, payload).toBe(400);
      expect(res.json().error.code, payload).toMatch(/^[A-Z][A-Z_]+$/);
      expect(res.body).not.toMatch(/FST_|stack|node_modules/);
    }
    const ok = await ctx().app.inject({ method: 'POST', url: '/api/test/echo', payload: { n: 3 } });
    expect(ok.json()).toEqual({ n: 3 });
  });
});
