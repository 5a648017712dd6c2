import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, TOKEN_COOKIE } from '../../platform/access.ts';
import { LoginBody, LoginResponse, UserView } from './schemas.ts';
import { login, logout, presentUser, type AuthDeps } from './service.ts';

export async function authRoutes(app: FastifyInstance, deps: AuthDeps & { secureCookie: boolean }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/api/auth/login',
    {
      config: { access: { public: true } },
      schema: { tags: ['auth'], security: [], body: LoginBody, response: { 200: LoginResponse } },
    },
    async (request, reply) => {
      const result = await login(deps, { ...request.body, address: request.ip, requestId: request.id });
      reply.setCookie(TOKEN_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: deps.secureCookie,
        path: '/',
        expires: result.expiresAt,
      });
      return { token: result.token, expiresAt: result.expiresAt.toISOString(), user: result.user };
    },
  );
  r.post(
    '/api/auth/logout',
    { config: { access: { permission: 'signed_in', scope: 'self' } }, schema: { tags: ['auth'], response: { 200: Type.Object({ ok: Type.Boolean() }) } } },
    async (request, reply) => {
      await logout(deps, request.auth!, actorOf(request));
      reply.clearCookie(TOKEN_COOKIE, { path: '/' });
      return { ok: true };
    },
  );
  r.get(
    '/api/auth/me',
    { config: { access: { permission: 'signed_in', scope: 'self' } }, schema: { tags: ['auth'], response: { 200: UserView } } },
    async (request) => presentUser(request.auth!.user, request.auth!.assignments),
  );
}
