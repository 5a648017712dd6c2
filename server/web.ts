// Serves the built web app (web/dist) with an SPA fallback. The fallback is a declared public route,
// so the access check covers it like every other route.
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const WEB_DIST = fileURLToPath(new URL('../web/dist/', import.meta.url));

export async function registerWeb(app: FastifyInstance): Promise<void> {
  if (!existsSync(WEB_DIST + 'index.html')) throw new Error(`web app is not built (${WEB_DIST}); run npm run build:web`);
  await app.register(fastifyStatic, { root: WEB_DIST, serve: false });
  app.get('/*', { config: { access: { public: true } }, schema: { hide: true } }, async (req, reply) => {
    const path = (req.params as { '*': string })['*'];
    if (path.startsWith('api/')) return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route ${req.method} /${path}` } });
    if (path && /^[\w./-]+$/.test(path) && !path.includes('..') && existsSync(WEB_DIST + path)) {
      const immutable = path.startsWith('assets/');
      return reply.sendFile(path, { maxAge: immutable ? '365d' : 0, immutable });
    }
    return reply.type('text/html').sendFile('index.html', { maxAge: 0 });
  });
}
