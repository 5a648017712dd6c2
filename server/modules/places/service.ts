// Place tree operations: read within scope, create, update, move (no cycles), map data.
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { recordAudit, type Actor } from '../../platform/audit.ts';
import { pathInScope, type Scope } from '../../platform/access.ts';
import type { Db, Queryable } from '../../platform/db.ts';
import { PLACE_CODE_PATTERN, PLACE_KINDS, isPlaceKind, type PlaceKind } from '../../../domain/places.ts';
import * as repo from './repo.ts';
import * as facilityRepo from './facility-repo.ts';
import { presentFacility } from './facility-service.ts';
import { addRollupRows, applyRollup, campaignStart, subtreeTotals } from '../census/rollup.ts';

export interface PlacesDeps {
  db: Db;
  clock: () => Date;
}

type SummaryRow = Pick<repo.PlaceRow, 'id' | 'code' | 'name' | 'kind' | 'parent_id' | 'depth' | 'sort_order' | 'lat' | 'lng'> & { child_count: number };

export function presentPlaceSummary(r: SummaryRow) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    parentId: r.parent_id,
    depth: r.depth,
    sortOrder: r.sort_order,
    lat: r.lat,
    lng: r.lng,
    childCount: Number(r.child_count),
  };
}

const placeNotFound = (id: number | string) => notFound('PLACE_NOT_FOUND', `No place ${id} in your scope`);

/** A child's kind must lie below its parent's in the tree (grid and unit levels are optional). */
export function kindMayBeUnder(child: PlaceKind, parent: PlaceKind): boolean {
  return PLACE_KINDS.indexOf(child) > PLACE_KINDS.indexOf(parent);
}

async function visiblePlace(db: Queryable, scope: Scope, id: number) {
  const p = await repo.findPlace(db, scope, id);
  if (!p) throw placeNotFound(id);
  return p;
}

export async function getPlace(deps: PlacesDeps, scope: Scope, id: number) {
  const db = deps.db.kysely;
  const p = await visiblePlace(db, scope, id);
  const [ancestors, facilityCount] = await Promise.all([repo.ancestorsOf(db, p.path), facilityRepo.countFacilitiesUnder(db, p.path)]);
  return {
    ...presentPlaceSummary(p),
    path: p.path,
    geometry: p.geometry ?? null,
    // Ancestors above the caller's scope are not theirs to see.
    ancestors: ancestors.filter((a) => pathInScope(scope, a.path)).map(({ path: _path, ...a }) => a),
    facilityCount,
    createdAt: new Date(p.created_at).toISOString(),
    updatedAt: new Date(p.updated_at).toISOString(),
  };
}

export async function listRoots(deps: PlacesDeps, scope: Scope) {
  return (await repo.listRoots(deps.db.kysely, scope)).map(presentPlaceSummary);
}

export async function listChildren(deps: PlacesDeps, scope: Scope, id: number, page: { limit: number; offset: number }) {
  await visiblePlace(deps.db.kysely, scope, id);
  const r = await repo.listChildren(deps.db.kysely, id, page.limit, page.offset);
  return { items: r.items.map(presentPlaceSummary), total: r.total };
}

export async function listSubtree(deps: PlacesDeps, scope: Scope, id: number, q: { kinds?: string[]; levels?: number; limit: number; offset: number }) {
  const bad = q.kinds?.find((k) => !isPlaceKind(k));
  if (bad) throw badRequest('PLACE_KIND_INVALID', `Unknown place kind ${bad}`);
  const p = await visiblePlace(deps.db.kysely, scope, id);
  const rows = await repo.listSubtree(deps.db.kysely, p.path, { kinds: q.kinds, maxDepth: q.levels === undefined ? undefined : p.depth + q.levels, limit: q.limit, offset: q.offset });
  return rows.map(presentPlaceSummary);
}

export async function searchPlaces(deps: PlacesDeps, scope: Scope, q: string, kind: string | undefined, limit: number) {
  if (kind && !isPlaceKind(kind)) throw badRequest('PLACE_KIND_INVALID', `Unknown place kind ${kind}`);
  return (await repo.searchPlaces(deps.db.kysely, scope, q.trim(), kind, limit)).map(presentPlaceSummary);
}

export async function placeMap(deps: PlacesDeps, scope: Scope, id: number) {
  const db = deps.db.kysely;
  const p = await visiblePlace(db, scope, id);
  const [children, facilities] = await Promise.all([
    repo.childGeometries(db, id, 5000),
    facilityRepo.listFacilitiesUnder(db, p.path, undefined, 3000, 0),
  ]);
  return {
    place: { id: p.id, code: p.code, name: p.name, kind: p.kind, lat: p.lat, lng: p.lng, geometry: p.geometry ?? null },
    children: children.map((c) => ({ ...c, geometry: c.geometry ?? null })),
    facilities: facilities.items.map(presentFacility),
  };
}

export interface NewPlaceInput {
  code: string;
  parentId: number | null;
  kind: string;
  name: string;
  sortOrder?: number;
  lat?: number | null;
  lng?: number | null;
}

function checkCoordinates(lat: number | null | undefined, lng: number | null | undefined) {
  if ((lat == null) !== (lng == null)) throw badRequest('PLACE_COORDINATES_INVALID', 'Give both lat and lng, or neither');
  if (lat != null && (lat < -90 || lat > 90 || lng! < -180 || lng! > 180))
    throw badRequest('PLACE_COORDINATES_INVALID', 'lat must be in [-90, 90] and lng in [-180, 180]');
}

export async function createPlace(deps: PlacesDeps, actor: Actor, scope: Scope, input: NewPlaceInput) {
  if (!PLACE_CODE_PATTERN.test(input.code)) throw badRequest('PLACE_CODE_INVALID', 'Codes are 1–64 letters, digits, - or _');
  if (!isPlaceKind(input.kind)) throw badRequest('PLACE_KIND_INVALID', `Unknown place kind ${input.kind}`);
  checkCoordinates(input.lat, input.lng);
  const now = deps.clock();
  const id = await deps.db.kysely.transaction().execute(async (tx) => {
    let parent: repo.PlaceRow | undefined;
    if (input.parentId === null) {
      if (!scope.all) throw badRequest('PLACE_PARENT_INVALID', 'Only a user scoped to the whole tree creates a root place');
    } else {
      parent = await repo.findPlaceRow(tx, input.parentId);
      if (!parent || !pathInScope(scope, parent.path)) throw badRequest('PLACE_PARENT_INVALID', `Unknown parent place ${input.parentId}`);
      if (!kindMayBeUnder(input.kind as PlaceKind, parent.kind as PlaceKind))
        throw badRequest('PLACE_KIND_ORDER', `A ${input.kind} cannot be placed under a ${parent.kind}`);
    }
    if ((await repo.findPlacesByCodes(tx, [input.code])).length > 0) throw conflict('PLACE_CODE_TAKEN', `Place code ${input.code} is taken`);
    const row = {
      code: input.code,
      name: input.name.trim(),
      kind: input.kind,
      parent_id: parent?.id ?? null,
      depth: parent ? parent.depth + 1 : 0,
      sort_order: input.sortOrder ?? 0,
      lat: input.lat ?? null,
      lng: input.lng ?? null,
      geometry: null,
    };
    const id = await repo.insertPlace(tx, row);
    const created = await repo.findPlaceRow(tx, id);
    if (row.kind === 'household') await applyRollup(tx, [{ path: created!.path, d: { households: 1 } }]);
    else await addRollupRows(tx, [id]);
    await recordAudit(tx, actor, now, { action: 'place.create', entity: 'place', entityId: id, placePath: created!.path, after: created });
    return id;
  });
  return getPlace(deps, scope, id);
}

export interface PlacePatch {
  name?: string;
  sortOrder?: number;
  lat?: number | null;
  lng?: number | null;
}

export async function updatePlace(deps: PlacesDeps, actor: Actor, scope: Scope, id: number, patch: PlacePatch) {
  const now = deps.clock();
  await deps.db.kysely.transaction().execute(async (tx) => {
    const before = await repo.findPlaceRow(tx, id);
    if (!before || !pathInScope(scope, before.path)) throw placeNotFound(id);
    checkCoordinates(patch.lat !== undefined ? patch.lat : before.lat, patch.lng !== undefined ? patch.lng : before.lng);
    const set: Parameters<typeof repo.updatePlace>[2] = {};
    if (patch.name !== undefined) set.name = patch.name.trim();
    if (patch.sortOrder !== undefined) set.sort_order = patch.sortOrder;
    if (patch.lat !== undefined) set.lat = patch.lat;
    if (patch.lng !== undefined) set.lng = patch.lng;
    await repo.updatePlace(tx, id, set, now);
    const after = await repo.findPlaceRow(tx, id);
    await recordAudit(tx, actor, now, { action: 'place.update', entity: 'place', entityId: id, placePath: before.path, before, after });
  });
  return getPlace(deps, scope, id);
}

export async function movePlace(deps: PlacesDeps, actor: Actor, scope: Scope, id: number, parentId: number) {
  const now = deps.clock();
  await deps.db.kysely.transaction().execute(async (tx) => {
    const place = await repo.findPlaceRow(tx, id);
    if (!place || !pathInScope(scope, place.path)) throw placeNotFound(id);
    if (place.parent_id === null) throw badRequest('PLACE_MOVE_ROOT', 'A root place cannot be moved');
    // The place leaves its old parent: the caller must hold the old parent's subtree too, else
    // a scoped user could pull a place out of their own scope into one they cannot see.
    const oldParentPath = place.path.slice(0, place.path.lastIndexOf('/', place.path.length - 2) + 1);
    if (!pathInScope(scope, oldParentPath))
      throw badRequest('PLACE_MOVE_OUT_OF_SCOPE', 'Moving this place takes it out of a parent outside your scope');
    const newParent = await repo.findPlaceRow(tx, parentId);
    if (!newParent || !pathInScope(scope, newParent.path)) throw badRequest('PLACE_PARENT_INVALID', `Unknown parent place ${parentId}`);
    if (newParent.path.startsWith(place.path)) throw badRequest('PLACE_MOVE_CYCLE', 'A place cannot move under itself or its own descendant');
    if (!kindMayBeUnder(place.kind as PlaceKind, newParent.kind as PlaceKind))
      throw badRequest('PLACE_KIND_ORDER', `A ${place.kind} cannot be placed under a ${newParent.kind}`);
    const newPath = `${newParent.path}${place.id}/`;
    // The subtree's counts leave the old ancestors and join the new ones.
    const totals = await subtreeTotals(tx, place, await campaignStart(tx));
    const negated = Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, -v]));
    await applyRollup(tx, [{ path: place.path, d: negated }]);
    await repo.moveSubtree(tx, id, place.path, newPath, newParent.depth + 1 - place.depth, parentId, now);
    await applyRollup(tx, [{ path: newPath, d: totals }]);
    await recordAudit(tx, actor, now, {
      action: 'place.move',
      entity: 'place',
      entityId: id,
      placePath: newPath,
      before: { parentId: place.parent_id, path: place.path },
      after: { parentId, path: newPath },
    });
  });
  return getPlace(deps, scope, id);
}

export async function placeIdByCode(db: Queryable, code: string): Promise<number | null> {
  return (await repo.findPlacesByCodes(db, [code]))[0]?.id ?? null;
}

/** For other domains (people, census): a place row by id or code, unscoped; callers check scope. */
export async function findPlaceRowById(db: Queryable, id: number) {
  return repo.findPlaceRow(db, id);
}
export async function findPlaceRowByCode(db: Queryable, code: string) {
  return (await repo.findPlacesByCodes(db, [code]))[0];
}
export async function findPlaceRowsByCodes(db: Queryable, codes: string[]) {
  return repo.findPlacesByCodes(db, codes);
}
