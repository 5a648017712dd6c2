import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Db } from '../../platform/db.ts';
import { browseAudit } from './service.ts';

const AuditQuery = Type.Object({
  actor: Type.Optional(Type.String({ maxLength: 64 })),
  entity: Type.Optional(Type.String({ maxLength: 64 })),
  entityId: Type.Optional(Type.String({ maxLength: 64 })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  before: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
});

const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actorId: Type.Union([Type.Integer(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  entity: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  placeId: Type.Union([Type.Integer(), Type.Null()]),
  before: Type.Unknown(),
  after: Type.Unknown(),
  requestId: Type.Union([Type.String(), Type.Null()]),
});

export async function auditRoutes(app: FastifyInstance, deps: { db: Db }) {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/audit',
    {
      config: { access: { permission: 'audit.read', scope: 'place' } },
      schema: {
        tags: ['audit'],
        querystring: AuditQuery,
        response: { 200: Type.Object({ items: Type.Array(AuditEntry), nextBefore: Type.Union([Type.Integer(), Type.Null()]) }) },
      },
    },
    async (req) => browseAudit(deps.db, req.scope, { ...req.query, limit: req.query.limit ?? 50 }),
  );
}
