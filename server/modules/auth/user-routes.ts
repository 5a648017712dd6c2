import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Db } from '../../platform/db.ts';
import { UserView } from './schemas.ts';
import { listUsers } from './service.ts';

export async function userRoutes(app: FastifyInstance, deps: { db: Db }) {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/users',
    {
      config: { access: { permission: 'users.read', scope: 'global' } },
      schema: { tags: ['users'], response: { 200: Type.Object({ items: Type.Array(UserView) }) } },
    },
    async () => ({ items: await listUsers(deps.db) }),
  );
}
