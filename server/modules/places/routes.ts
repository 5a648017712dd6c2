import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { PassThrough } from 'node:stream';
import { actorOf } from '../../platform/access.ts';
import { notFound } from '../../platform/errors.ts';
import * as s from './schemas.ts';
import * as places from './service.ts';
import * as facilities from './facility-service.ts';
import { exportPlacesXlsx, placePathInScope } from './import-export.ts';

const read = { access: { permission: 'places.read', scope: 'place' } } as const;
const write = { access: { permission: 'places.write', scope: 'place' } } as const;
const writeFacilities = { access: { permission: 'facilities.write', scope: 'place' } } as const;
const tags = ['places'];

export async function placeRoutes(app: FastifyInstance, deps: places.PlacesDeps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/places/roots', { config: read, schema: { tags, response: { 200: s.PlaceList } } }, async (req) => ({
    items: await places.listRoots(deps, req.scope),
  }));

  r.get('/api/places', { config: read, schema: { tags, querystring: s.PlaceSearchQuery, response: { 200: s.PlaceList } } }, async (req) => ({
    items: await places.searchPlaces(deps, req.scope, req.query.q, req.query.kind, req.query.limit ?? 50),
  }));

  r.get('/api/places/:id', { config: read, schema: { tags, params: s.IdParams, response: { 200: s.PlaceDetail } } }, async (req) =>
    places.getPlace(deps, req.scope, req.params.id),
  );

  r.get(
    '/api/places/:id/children',
    { config: read, schema: { tags, params: s.IdParams, querystring: s.PageQuery, response: { 200: s.PlaceList } } },
    async (req) => places.listChildren(deps, req.scope, req.params.id, { limit: req.query.limit ?? 100, offset: req.query.offset ?? 0 }),
  );

  r.get(
    '/api/places/:id/subtree',
    { config: read, schema: { tags, params: s.IdParams, querystring: s.SubtreeQuery, response: { 200: s.PlaceList } } },
    async (req) => ({
      items: await places.listSubtree(deps, req.scope, req.params.id, {
        kinds: req.query.kinds?.split(',').map((k) => k.trim()).filter(Boolean),
        levels: req.query.levels,
        limit: req.query.limit ?? 100,
        offset: req.query.offset ?? 0,
      }),
    }),
  );

  r.get('/api/places/:id/map', { config: read, schema: { tags, params: s.IdParams, response: { 200: s.PlaceMap } } }, async (req) =>
    places.placeMap(deps, req.scope, req.params.id),
  );

  r.get(
    '/api/places/:id/facilities',
    { config: read, schema: { tags, params: s.IdParams, querystring: s.FacilityListQuery, response: { 200: s.FacilityList } } },
    async (req) =>
      facilities.listFacilities(deps, req.scope, req.params.id, { kind: req.query.kind, limit: req.query.limit ?? 100, offset: req.query.offset ?? 0 }),
  );

  r.get('/api/places/:id/export.xlsx', { config: read, schema: { tags, params: s.IdParams } }, async (req, reply) => {
    const path = await placePathInScope(deps, req.scope, req.params.id);
    if (!path) throw notFound('PLACE_NOT_FOUND', `No place ${req.params.id} in your scope`);
    const out = new PassThrough();
    void exportPlacesXlsx(deps, path, out).catch((err) => {
      req.log.error({ err }, 'places export failed');
      out.destroy(err);
    });
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="places-${req.params.id}.xlsx"`)
      .send(out);
  });

  r.post('/api/places', { config: write, schema: { tags, body: s.NewPlaceBody, response: { 201: s.PlaceDetail } } }, async (req, reply) => {
    reply.status(201);
    return places.createPlace(deps, actorOf(req), req.scope, req.body);
  });

  r.patch('/api/places/:id', { config: write, schema: { tags, params: s.IdParams, body: s.PlacePatchBody, response: { 200: s.PlaceDetail } } }, async (req) =>
    places.updatePlace(deps, actorOf(req), req.scope, req.params.id, req.body),
  );

  r.post('/api/places/:id/move', { config: write, schema: { tags, params: s.IdParams, body: s.MoveBody, response: { 200: s.PlaceDetail } } }, async (req) =>
    places.movePlace(deps, actorOf(req), req.scope, req.params.id, req.body.parentId),
  );

  r.post('/api/facilities', { config: writeFacilities, schema: { tags, body: s.NewFacilityBody, response: { 201: s.Facility } } }, async (req, reply) => {
    reply.status(201);
    return facilities.createFacility(deps, actorOf(req), req.scope, req.body);
  });

  r.get('/api/facilities/:id', { config: read, schema: { tags, params: s.IdParams, response: { 200: s.Facility } } }, async (req) =>
    facilities.getFacility(deps, req.scope, req.params.id),
  );

  r.patch(
    '/api/facilities/:id',
    { config: writeFacilities, schema: { tags, params: s.IdParams, body: s.FacilityPatchBody, response: { 200: s.Facility } } },
    async (req) => facilities.updateFacility(deps, actorOf(req), req.scope, req.params.id, req.body),
  );

  r.post(
    '/api/facilities/:id/rooms',
    { config: writeFacilities, schema: { tags, params: s.IdParams, body: s.RoomsBody, response: { 200: s.Facility } } },
    async (req) => facilities.addRooms(deps, actorOf(req), req.scope, req.params.id, req.body.rooms),
  );
}
