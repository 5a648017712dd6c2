// HTTP routes of the screening domain (采、送、检、报): rounds and their plan, sample registration,
// custody, lab results, coverage and follow-up. Every route declares its permission; data is scoped
// to the caller's places in the services.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { PassThrough } from 'node:stream';
import { actorOf } from '../../platform/access.ts';
import { badRequest } from '../../platform/errors.ts';
import * as s from './schemas.ts';
import * as rounds from './round-service.ts';
import * as progress from './progress-service.ts';
import { registerSamples } from './registration-service.ts';
import * as custody from './custody-service.ts';
import { recordFhirBundle, recordResultRows, unmatchedResults } from './result-service.ts';
import { antigenReporters, reportAntigen } from './antigen-service.ts';

const access = (permission: 'screening.read' | 'screening.manage' | 'screening.sample' | 'screening.results' | 'screening.antigen') =>
  ({ access: { permission, scope: 'place' } }) as const;
const read = access('screening.read');
const manage = access('screening.manage');
const sample = access('screening.sample');
const results = access('screening.results');
const tags = ['screening'];
const items = <T extends import('@sinclair/typebox').TSchema>(t: T) => Type.Object({ items: Type.Array(t) });
const page = <T extends import('@sinclair/typebox').TSchema>(t: T) => Type.Object({ items: Type.Array(t), total: Type.Integer() });

export async function screeningRoutes(app: FastifyInstance, deps: rounds.ScreeningDeps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  // FHIR servers send their media type; the body is JSON all the same.
  app.addContentTypeParser('application/fhir+json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(badRequest('FHIR_JSON_INVALID', 'The body is not valid JSON'), undefined);
    }
  });

  // ---- rounds
  r.get('/api/screening/rounds', { config: read, schema: { tags, response: { 200: s.RoundList } } }, async (req) => ({ items: await rounds.listRounds(deps, req.scope) }));
  r.post('/api/screening/rounds', { config: manage, schema: { tags, body: s.NewRoundBody, response: { 201: s.Round } } }, async (req, reply) => {
    reply.status(201);
    return rounds.createRound(deps, actorOf(req), req.scope, req.body);
  });
  r.get('/api/screening/rounds/:id', { config: read, schema: { tags, params: s.IdParams, response: { 200: s.Round } } }, async (req) => rounds.getRound(deps, req.scope, req.params.id));
  r.get('/api/screening/rounds/:id/status', { config: read, schema: { tags, params: s.IdParams, response: { 200: s.RoundStatus } } }, async (req) =>
    rounds.roundStatus(deps.db.kysely, await rounds.roundInScope(deps.db.kysely, req.scope, req.params.id), deps.clock()),
  );
  r.post('/api/screening/rounds/:id/plan', { config: manage, schema: { tags, params: s.IdParams, response: { 200: s.PlanResult } } }, async (req) =>
    rounds.planRound(deps, actorOf(req), req.scope, req.params.id),
  );
  r.post('/api/screening/rounds/:id/close', { config: manage, schema: { tags, params: s.IdParams, response: { 200: s.Round } } }, async (req) =>
    rounds.closeRound(deps, actorOf(req), req.scope, req.params.id),
  );
  r.post('/api/screening/rounds/:id/exemptions', { config: manage, schema: { tags, params: s.IdParams, body: s.ExemptionBody, response: { 201: Type.Object({ ok: Type.Boolean() }) } } }, async (req, reply) => {
    reply.status(201);
    return rounds.exemptPerson(deps, actorOf(req), req.scope, req.params.id, req.body);
  });
  r.get('/api/screening/rounds/:id/sites', { config: read, schema: { tags, params: s.IdParams, response: { 200: s.SiteList } } }, async (req) => ({
    items: await rounds.roundSites(deps, req.scope, req.params.id),
  }));
  r.get('/api/screening/rounds/:id/slots', { config: read, schema: { tags, params: s.IdParams, querystring: s.SlotsQuery, response: { 200: items(s.SlotRow) } } }, async (req) => ({
    items: await rounds.roundSlots(deps, req.scope, req.params.id, req.query),
  }));
  r.get('/api/screening/rounds/:id/door-visits', { config: read, schema: { tags, params: s.IdParams, querystring: s.SlotsQuery, response: { 200: items(s.DoorVisitRow) } } }, async (req) => ({
    items: await rounds.roundDoorVisits(deps, req.scope, req.params.id, req.query),
  }));

  // ---- coverage and follow-up
  r.get('/api/screening/rounds/:id/coverage/:placeId', { config: read, schema: { tags, params: s.RoundPlaceParams, response: { 200: s.RoundCoverage } } }, async (req) =>
    progress.roundCoverage(deps, req.scope, req.params.id, req.params.placeId),
  );
  r.get('/api/screening/rounds/:id/missing/:placeId', { config: read, schema: { tags, params: s.RoundPlaceParams, querystring: s.Page, response: { 200: page(s.MissingRow) } } }, async (req) =>
    progress.missingList(deps, req.scope, req.params.id, req.params.placeId, req.query),
  );
  r.get('/api/screening/rounds/:id/missing/:placeId/export.xlsx', { config: read, schema: { tags, params: s.RoundPlaceParams } }, async (req, reply) => {
    await progress.roundCoverage(deps, req.scope, req.params.id, req.params.placeId); // a clean 404 before the download starts
    const out = new PassThrough();
    void progress.exportMissing(deps, req.scope, req.params.id, req.params.placeId, out).catch((err) => {
      req.log.error({ err }, 'missing list export failed');
      out.destroy(err);
    });
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="missing-${req.params.id}-${req.params.placeId}.xlsx"`)
      .send(out);
  });
  r.get('/api/screening/rounds/:id/turnaround', { config: read, schema: { tags, params: s.IdParams, response: { 200: s.Turnaround } } }, async (req) =>
    progress.roundTurnaround(deps, req.scope, req.params.id),
  );
  r.get('/api/screening/rounds/:id/positive-pools', { config: read, schema: { tags, params: s.IdParams, response: { 200: items(s.PositivePoolRow) } } }, async (req) => ({
    items: await progress.positivePools(deps, req.scope, req.params.id),
  }));
  r.get('/api/screening/rounds/:id/retests', { config: read, schema: { tags, params: s.IdParams, querystring: s.FollowUpQuery, response: { 200: page(s.RetestRow) } } }, async (req) =>
    progress.retests(deps, req.scope, req.params.id, req.query),
  );
  r.get('/api/screening/rounds/:id/findings', { config: read, schema: { tags, params: s.IdParams, response: { 200: items(s.FindingRow) } } }, async (req) => ({
    items: await progress.findings(deps, req.scope, req.params.id),
  }));
  r.get('/api/screening/pool-advice', { config: read, schema: { tags, querystring: s.PoolAdviceQuery, response: { 200: s.PoolAdvice } } }, async (req) => {
    const ids = req.query.placeIds ? req.query.placeIds.split(',').map(Number) : [];
    if (ids.length === 0) throw badRequest('POOL_ADVICE_PLACES_REQUIRED', 'Give placeIds=1,2,… for the places to advise on');
    if (ids.length > 50) throw badRequest('POOL_ADVICE_TOO_MANY', 'Ask for at most 50 places at a time');
    return { items: await progress.poolAdvice(deps, req.scope, ids, req.query.maxPool) };
  });

  // ---- registration and custody
  r.post('/api/screening/registrations', { config: sample, schema: { tags, body: s.RegistrationBatch, response: { 200: s.RegistrationResult, 201: s.RegistrationResult } } }, async (req, reply) => {
    const result = await registerSamples(deps, actorOf(req), req.scope, req.body.items);
    reply.status(result.allReplayed ? 200 : 201);
    // A thousand answers with names make a large string with Chinese in it: encoded once here, with the
    // route's schema serializer, rather than measured for Content-Length and then encoded again on the
    // socket (in a profile the two passes were a tenth of the server's time per batch). A Buffer is sent
    // as is; the reply is typed by the schema's body, hence the cast.
    const json = reply.serialize({ items: result.items }) as string;
    return reply.type('application/json; charset=utf-8').send(Buffer.from(json, 'utf8') as never);
  });
  r.get('/api/screening/tubes/:code', { config: read, schema: { tags, params: s.CodeParams, response: { 200: s.TubeView } } }, async (req) => custody.tubeView(deps, req.scope, req.params.code));
  r.post('/api/screening/tubes/:code/seal', { config: sample, schema: { tags, params: s.CodeParams, response: { 200: s.TubeView } } }, async (req) =>
    custody.sealTube(deps, actorOf(req), req.scope, req.params.code),
  );
  r.post('/api/screening/boxes', { config: sample, schema: { tags, body: s.NewBoxBody, response: { 201: s.BoxView } } }, async (req, reply) => {
    reply.status(201);
    return custody.createBox(deps, actorOf(req), req.scope, req.body);
  });
  r.get('/api/screening/boxes/:code', { config: read, schema: { tags, params: s.CodeParams, response: { 200: s.BoxView } } }, async (req) => custody.boxView(deps, req.scope, req.params.code));
  r.post('/api/screening/boxes/:code/handoff', { config: sample, schema: { tags, params: s.CodeParams, body: s.HandoffBody, response: { 200: s.BoxView } } }, async (req) =>
    custody.handOffBox(deps, actorOf(req), req.scope, req.params.code, req.body.courier),
  );
  r.post('/api/screening/boxes/:code/receive', { config: results, schema: { tags, params: s.CodeParams, body: s.ReceiveBody, response: { 200: s.ReceiveResult } } }, async (req) =>
    custody.receiveBox(deps, actorOf(req), req.scope, req.params.code, req.body),
  );

  // ---- results
  r.post('/api/screening/results', { config: results, schema: { tags, body: s.ResultBatch, response: { 200: s.ResultSummary } } }, async (req) =>
    recordResultRows(deps, actorOf(req), req.scope, req.body.items.map((fields, i) => ({ row: i + 1, fields })), 'api'),
  );
  r.post('/api/screening/results/fhir', { config: results, schema: { tags, body: Type.Unknown(), response: { 200: s.ResultSummary } } }, async (req) =>
    recordFhirBundle(deps, actorOf(req), req.scope, req.body),
  );
  r.get('/api/screening/unmatched-results', { config: results, schema: { tags, querystring: s.Page, response: { 200: items(s.UnmatchedRow) } } }, async (req) => ({
    items: await unmatchedResults(deps, req.query),
  }));

  // ---- antigen self-tests
  r.get('/api/screening/antigen/people', { config: access('screening.antigen'), schema: { tags, querystring: s.AntigenPeopleQuery, response: { 200: items(s.AntigenPerson) } } }, async (req) => ({
    items: await antigenReporters(deps, req.scope, req.query.q),
  }));
  r.post('/api/screening/antigen', { config: access('screening.antigen'), schema: { tags, body: s.AntigenBody, response: { 200: s.AntigenResult, 201: s.AntigenResult } } }, async (req, reply) => {
    const result = await reportAntigen(deps, actorOf(req), req.scope, req.body);
    reply.status(result.replayed ? 200 : 201);
    return result;
  });
}
