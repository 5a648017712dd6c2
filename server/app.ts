// buildApp(config) — the one way the application is wired: used by main.ts, the CLI and the tests.
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import { randomUUID } from 'node:crypto';
import type { Config } from './platform/config.ts';
import { openDatabase, type Db } from './platform/db.ts';
import { migrate } from './platform/migrate.ts';
import { registerAccessControl } from './platform/access.ts';
import { registerErrorHandling, registerHttpBasics, registerSecurityHeaders } from './platform/http.ts';
import { fixedWindowLimiter } from './platform/rate-limit.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { userRoutes } from './modules/auth/user-routes.ts';
import { resolveSession } from './modules/auth/service.ts';
import { placeRoutes } from './modules/places/routes.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { personRoutes } from './modules/persons/routes.ts';
import { censusRoutes } from './modules/census/routes.ts';
import { jobRoutes } from './modules/jobs/routes.ts';
import { personImportJob, personImportRoutes, PERSON_IMPORT_JOB } from './modules/persons/import-routes.ts';
import { startJobRunner, type JobRunner } from './platform/jobs.ts';
import { keepStatisticsFresh } from './platform/table-statistics.ts';
import { screeningRoutes } from './modules/screening/routes.ts';
import { labResultsImportJob, labResultsImportRoutes, LAB_RESULTS_IMPORT_JOB } from './modules/screening/import-routes.ts';
import multipart from '@fastify/multipart';
import { join } from 'node:path';
import { registerWeb } from './web.ts';

export interface AppOptions {
  /** An already open database (tests, CLI); otherwise opened from config. */
  db?: Db;
  /** Close a database passed in `db` when the app closes (the server process hands its own over). */
  closeDb?: boolean;
  clock?: () => Date;
  /** Serve the built web app (off in API tests). */
  web?: boolean;
  /** Extra routes registered after the app's own (tests use it to prove undeclared routes are refused). */
  extraRoutes?: (app: FastifyInstance) => void;
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    jobs: JobRunner;
  }
}

export async function buildApp(config: Config, opts: AppOptions = {}): Promise<FastifyInstance> {
  const db = opts.db ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  const ownsDb = !opts.db;
  const closesDb = ownsDb || opts.closeDb === true;
  const clock = opts.clock ?? (() => new Date());
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    genReqId: (req) => (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].length <= 64 ? req.headers['x-request-id'] : randomUUID()),
    requestIdHeader: false,
    trustProxy: false,
    bodyLimit: 10 * 1024 * 1024,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, useDefaults: true, allErrors: false } },
  });
  app.decorate('db', db);
  try {
    if (ownsDb) await migrate(db);
    registerErrorHandling(app);
    await app.register(cookie);
    await registerSecurityHeaders(app, { production: config.nodeEnv === 'production' });
    registerAccessControl(app, (token) => resolveSession({ db, clock, secret: config.secret }, token));
    await registerHttpBasics(app, db);
    const loginLimiter = fixedWindowLimiter(config.loginLimitPerMinute, 60_000);
    await app.register(authRoutes, { db, clock, secret: config.secret, sessionHours: config.sessionHours, loginLimiter, secureCookie: config.nodeEnv === 'production', refuseDemoPassword: config.nodeEnv === 'production' });
    await app.register(userRoutes, { db });
    await app.register(placeRoutes, { db, clock });
    await app.register(auditRoutes, { db });
    const registry = { db, clock, secret: config.secret, timeZone: config.timeZone };
    await app.register(personRoutes, registry);
    await app.register(censusRoutes, registry);
    await app.register(multipart, { limits: { fileSize: 512 * 1024 * 1024, files: 1 } });
    await app.register(jobRoutes, { db });
    await app.register(personImportRoutes, { ...registry, uploadDir: join(config.dataDir, 'uploads') });
    await app.register(screeningRoutes, registry);
    await app.register(labResultsImportRoutes, { ...registry, uploadDir: join(config.dataDir, 'uploads') });
    const jobs = await startJobRunner(
      db,
      { [PERSON_IMPORT_JOB]: personImportJob(registry), [LAB_RESULTS_IMPORT_JOB]: labResultsImportJob(registry) },
      { log: (msg, err) => app.log.error({ err }, msg) },
    );
    app.decorate('jobs', jobs);
    app.addHook('onClose', async () => jobs.stop());
    if (config.analyzeSeconds > 0) {
      const statistics = keepStatisticsFresh(db, { intervalMs: config.analyzeSeconds * 1000, log: (msg, err) => app.log.warn({ err }, msg) });
      app.addHook('onClose', async () => statistics.stop());
    }
    if (opts.extraRoutes) await app.register(async (child) => opts.extraRoutes!(child));
    if (opts.web) await registerWeb(app);
    app.addHook('onSend', async (_req, reply) => {
      reply.header('x-request-id', reply.request.id);
    });
    if (closesDb) app.addHook('onClose', async () => db.close());
    await app.ready();
  } catch (err) {
    if (ownsDb) await db.close().catch(() => {});
    throw err;
  }
  return app;
}
