import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { PassThrough } from 'node:stream';
import { actorOf } from '../../platform/access.ts';
import * as s from './schemas.ts';
import * as census from './service.ts';
import { campaignStart } from './rollup.ts';

const read = { access: { permission: 'census.read', scope: 'place' } } as const;
const write = { access: { permission: 'census.write', scope: 'place' } } as const;
const tags = ['census'];
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export async function censusRoutes(app: FastifyInstance, deps: census.CensusDeps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post('/api/census/visits', { config: write, schema: { tags, body: s.VisitBody, response: { 200: s.VisitResult, 201: s.VisitResult } } }, async (req, reply) => {
    const result = await census.recordVisit(deps, actorOf(req), req.scope, req.body);
    reply.status(result.replayed ? 200 : 201);
    return result;
  });

  r.get('/api/census/coverage/:id', { config: read, schema: { tags, params: IdParams, response: { 200: s.Coverage } } }, async (req) =>
    census.coverage(deps, req.scope, req.params.id),
  );

  r.get('/api/census/coverage/:id/export.xlsx', { config: read, schema: { tags, params: IdParams } }, async (req, reply) => {
    await census.coverage(deps, req.scope, req.params.id); // a clean 404 before the download starts
    const out = new PassThrough();
    void census.exportCoverage(deps, req.scope, req.params.id, out).catch((err) => {
      req.log.error({ err }, 'coverage export failed');
      out.destroy(err);
    });
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="coverage-${req.params.id}.xlsx"`)
      .send(out);
  });

  r.get('/api/census/campaigns', { config: read, schema: { tags, response: { 200: Type.Object({ items: Type.Array(s.Campaign) }) } } }, async () => ({
    items: await census.campaigns(deps),
  }));

  r.post(
    '/api/census/campaigns',
    { config: { access: { permission: 'census.manage', scope: 'global' } }, schema: { tags, body: s.CampaignBody, response: { 201: s.Campaign } } },
    async (req, reply) => {
      reply.status(201);
      return census.startCampaign(deps, actorOf(req), req.body.name);
    },
  );

  r.get('/api/census/households', { config: read, schema: { tags, querystring: s.HouseholdsQuery, response: { 200: Type.Object({ items: Type.Array(s.HouseholdRow) }) } } }, async (req) => ({
    items: await census.households(deps, req.scope, req.query.placeId, {
      unvisitedSince: req.query.unvisited ? (req.query.since ? new Date(req.query.since) : await campaignStart(deps.db.kysely)) : undefined,
      limit: req.query.limit ?? 200,
      offset: req.query.offset ?? 0,
    }),
  }));

  r.get('/api/census/households/:id', { config: read, schema: { tags, params: IdParams, response: { 200: s.HouseholdDetail } } }, async (req) =>
    census.household(deps, req.scope, req.params.id),
  );

  r.get('/api/census/unvisited/:id/export.xlsx', { config: read, schema: { tags, params: IdParams, querystring: s.SinceQuery } }, async (req, reply) => {
    const out = new PassThrough();
    // Checked before streaming so an out-of-scope place is a clean 404, not a broken download.
    await census.households(deps, req.scope, req.params.id, { limit: 1, offset: 0 });
    const since = req.query.since ? new Date(req.query.since) : await campaignStart(deps.db.kysely);
    void census.exportUnvisited(deps, req.scope, req.params.id, since, out).catch((err) => {
      req.log.error({ err }, 'unvisited export failed');
      out.destroy(err);
    });
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="unvisited-${req.params.id}.xlsx"`)
      .send(out);
  });
}
