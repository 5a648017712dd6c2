// HTTP plumbing shared by every module: error mapping, health, metrics, OpenAPI and security headers.
import type { FastifyInstance, FastifyError } from 'fastify';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { sql } from 'kysely';
import { AppError, type ErrorBody } from './errors.ts';
import type { Db } from './db.ts';
import { registerMetrics } from './metrics.ts';

const PG_CONFLICT: Record<string, { status: number; code: string; message: string }> = {
  '23505': { status: 409, code: 'CONFLICT', message: 'A record with the same key already exists' },
  '23503': { status: 400, code: 'REFERENCE_INVALID', message: 'A referenced record does not exist' },
  '23514': { status: 400, code: 'CONSTRAINT_VIOLATED', message: 'A value is outside its allowed range' },
  '22P02': { status: 400, code: 'VALUE_INVALID', message: 'A value has the wrong format' },
  // A NUL character in a text value (22021) or a JSON string (22P05): PostgreSQL cannot store it.
  '22021': { status: 400, code: 'VALUE_INVALID', message: 'A text value holds a character that cannot be stored (NUL)' },
  '22P05': { status: 400, code: 'VALUE_INVALID', message: 'A text value holds a character that cannot be stored (NUL)' },
  '22003': { status: 400, code: 'VALUE_OUT_OF_RANGE', message: 'A number is out of range' },
};

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError & { code?: string; validation?: unknown }, request, reply) => {
    if (err instanceof AppError) {
      if (err.headers) reply.headers(err.headers);
      if (err.status >= 500) request.log.error({ err }, 'application error');
      return reply.status(err.status).send(errorBody(err.code, err.message, err.details));
    }
    if (err.validation) {
      const context = (err as { validationContext?: string }).validationContext ?? 'body';
      return reply.status(400).send(errorBody('VALIDATION_FAILED', `${context}${err.message.replace(/^(body|querystring|params|headers)/, '')}`, err.validation));
    }
    const pg = err.code ? PG_CONFLICT[err.code] : undefined;
    if (pg) return reply.status(pg.status).send(errorBody(pg.code, pg.message));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Fastify's own client errors: malformed JSON, body too large, unsupported media type.
      const code = err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.name === 'SyntaxError' ? 'JSON_INVALID' : (err.code ?? 'BAD_REQUEST').replace(/^FST_ERR_/, '');
      return reply.status(err.statusCode).send(errorBody(code, err.message));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody('INTERNAL', 'Internal server error'));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(errorBody('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`)),
  );
}

/** Registered before access control: its onRequest hook must run before a 401/403 is thrown. */
export async function registerSecurityHeaders(app: FastifyInstance, opts: { production: boolean }): Promise<void> {
  await app.register(helmet, {
    // HSTS and upgrade-insecure-requests only where TLS terminates in front (production): on plain
    // HTTP inside a command centre's network they would make the browser fetch scripts over https.
    hsts: opts.production,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // Ant Design injects its CSS-in-JS styles
        imgSrc: ["'self'", 'data:', 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: opts.production ? [] : null,
      },
    },
  });
}

export async function registerHttpBasics(app: FastifyInstance, db: Db): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: { title: 'Cordon API', version: '0.1.0', description: '疫情防控指挥平台 — epidemic command platform' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  const registry = registerMetrics(app, db);
  const pub = { access: { public: true as const } };
  app.get('/healthz', { config: pub, schema: { hide: true } }, async () => ({ ok: true }));
  app.get('/readyz', { config: pub, schema: { hide: true } }, async (_req, reply) => {
    try {
      await sql`SELECT 1`.execute(db.kysely);
      return { ok: true, db: db.engine };
    } catch {
      return reply.status(503).send(errorBody('DB_UNAVAILABLE', 'Database is not reachable'));
    }
  });
  app.get('/metrics', { config: pub, schema: { hide: true } }, async (_req, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
  app.get('/api/openapi.json', { config: pub, schema: { hide: true } }, async () => app.swagger());
}
