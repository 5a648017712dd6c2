import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf } from '../../platform/access.ts';
import * as s from './schemas.ts';
import * as persons from './service.ts';

const read = { access: { permission: 'persons.read', scope: 'place' } } as const;
const write = { access: { permission: 'persons.write', scope: 'place' } } as const;
const tags = ['persons'];
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export async function personRoutes(app: FastifyInstance, deps: persons.PersonsDeps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/persons', { config: read, schema: { tags, querystring: s.PersonSearchQuery, response: { 200: Type.Object({ items: Type.Array(s.PersonView) }) } } }, async (req) => ({
    items: await persons.searchPersons(deps, req.scope, { ...req.query, limit: req.query.limit ?? 50, offset: req.query.offset ?? 0 }),
  }));

  r.get(
    '/api/persons/:id',
    { config: read, schema: { tags, params: IdParams, querystring: Type.Object({ unmask: Type.Optional(Type.Boolean()) }), response: { 200: s.PersonDetail } } },
    async (req) =>
      persons.getPerson(deps, actorOf(req), req.scope, req.params.id, {
        requested: req.query.unmask === true,
        allowed: req.auth!.permissions.includes('persons.unmask'),
      }),
  );

  r.post('/api/persons', { config: write, schema: { tags, body: s.PersonBody, response: { 200: s.SaveResult, 201: s.SaveResult } } }, async (req, reply) => {
    const result = await persons.savePerson(deps, actorOf(req), req.scope, req.body);
    reply.status(result.created ? 201 : 200);
    return result;
  });

  r.patch('/api/persons/:id', { config: write, schema: { tags, params: IdParams, body: s.PersonPatchBody, response: { 200: s.PersonView } } }, async (req) =>
    persons.updatePerson(deps, actorOf(req), req.scope, req.params.id, req.body),
  );
}
