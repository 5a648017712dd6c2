// A real app over a real database for integration tests: buildApp + inject, no mocks.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { buildApp, type AppOptions } from '../app.ts';
import { loadConfig, type Config } from '../platform/config.ts';
import type { Engine } from '../platform/db.ts';
import { createTestDb, ENGINES, TEST_SECRET, type TemplateVariant, type TestDb } from './engines.ts';
import { DEMO_PASSWORD } from '../../sim/seed-demo.ts';

export { TEST_SECRET };

export function testConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig({ NODE_ENV: 'test' }, { dataDir: join(tmpdir(), 'cordon-test-data'), secret: TEST_SECRET, loginLimitPerMinute: 1000, ...overrides });
}

export interface TestApp {
  app: FastifyInstance;
  testDb: TestDb;
  /** Logs in a demo user (password cordon-demo) and returns the bearer token. */
  login(username: string): Promise<string>;
  /** inject() with a bearer token for the given demo user. */
  as(username: string, opts: InjectOptions): Promise<import('light-my-request').Response>;
}

/** Sets up one app per describe block (beforeAll) and tears it down (afterAll). */
export function useTestApp(
  engine: Engine,
  opts: { variant?: TemplateVariant; config?: Partial<Config>; clock?: () => Date; extraRoutes?: AppOptions['extraRoutes'] } = {},
): () => TestApp {
  let ctx: TestApp | null = null;
  const tokens = new Map<string, string>();
  beforeAll(async () => {
    const testDb = await createTestDb(engine, opts.variant ?? 'demo');
    const app = await buildApp(testConfig(opts.config), { db: testDb.db, clock: opts.clock, extraRoutes: opts.extraRoutes });
    const login = async (username: string) => {
      const cached = tokens.get(username);
      if (cached) return cached;
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const token = res.json().token as string;
      tokens.set(username, token);
      return token;
    };
    ctx = {
      app,
      testDb,
      login,
      async as(username, injectOpts) {
        const token = await login(username);
        return app.inject({ ...injectOpts, headers: { ...(injectOpts.headers ?? {}), authorization: `Bearer ${token}` } });
      },
    };
  });
  afterAll(async () => {
    await ctx?.app.close();
    await ctx?.testDb.drop();
  });
  return () => {
    if (!ctx) throw new Error('test app not ready');
    return ctx;
  };
}

/** describe() once per engine; the body gets the engine name. */
export function describeEachEngine(name: string, body: (engine: Engine) => void): void {
  for (const engine of ENGINES) describe(`${name} [${engine}]`, () => body(engine));
}
