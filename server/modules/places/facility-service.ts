// Facilities attached to places: sampling sites, labs, isolation sites (rooms), hospitals, 方舱, venues.
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { recordAudit, type Actor } from '../../platform/audit.ts';
import { pathInScope, type Scope } from '../../platform/access.ts';
import { PLACE_CODE_PATTERN, isFacilityKind } from '../../../domain/places.ts';
import * as repo from './facility-repo.ts';
import * as placeRepo from './repo.ts';
import type { PlacesDeps } from './service.ts';

type FacilityRow = Awaited<ReturnType<typeof repo.findFacility>> & {};

export function presentFacility(f: FacilityRow) {
  return {
    id: f.id,
    code: f.code,
    name: f.name,
    kind: f.kind,
    placeId: f.place_id,
    placeName: f.place_name,
    capacity: f.capacity,
    capacityPerHour: f.capacity_per_hour,
    siteMode: f.site_mode,
    lat: f.lat,
    lng: f.lng,
  };
}

const facilityNotFound = (id: number) => notFound('FACILITY_NOT_FOUND', `No facility ${id} in your scope`);

export async function getFacility(deps: PlacesDeps, scope: Scope, id: number) {
  const f = await repo.findFacility(deps.db.kysely, scope, id);
  if (!f) throw facilityNotFound(id);
  return { ...presentFacility(f), rooms: await repo.listRooms(deps.db.kysely, id) };
}

export async function listFacilities(deps: PlacesDeps, scope: Scope, placeId: number, q: { kind?: string; limit: number; offset: number }) {
  const place = await placeRepo.findPlace(deps.db.kysely, scope, placeId);
  if (!place) throw notFound('PLACE_NOT_FOUND', `No place ${placeId} in your scope`);
  if (q.kind && !isFacilityKind(q.kind)) throw badRequest('FACILITY_KIND_INVALID', `Unknown facility kind ${q.kind}`);
  const r = await repo.listFacilitiesUnder(deps.db.kysely, place.path, q.kind, q.limit, q.offset);
  return { items: r.items.map(presentFacility), total: r.total };
}

export interface NewFacilityInput {
  code: string;
  placeId: number;
  kind: string;
  name: string;
  capacity?: number | null;
  capacityPerHour?: number | null;
  siteMode?: 'fixed' | 'door';
  lat?: number | null;
  lng?: number | null;
}

export async function createFacility(deps: PlacesDeps, actor: Actor, scope: Scope, input: NewFacilityInput) {
  if (!PLACE_CODE_PATTERN.test(input.code)) throw badRequest('FACILITY_CODE_INVALID', 'Codes are 1–64 letters, digits, - or _');
  if (!isFacilityKind(input.kind)) throw badRequest('FACILITY_KIND_INVALID', `Unknown facility kind ${input.kind}`);
  const now = deps.clock();
  const id = await deps.db.kysely.transaction().execute(async (tx) => {
    const place = await placeRepo.findPlaceRow(tx, input.placeId);
    if (!place || !pathInScope(scope, place.path)) throw badRequest('PLACE_PARENT_INVALID', `Unknown place ${input.placeId}`);
    if ((await repo.findFacilityCodes(tx, [input.code])).size > 0) throw conflict('FACILITY_CODE_TAKEN', `Facility code ${input.code} is taken`);
    const id = await repo.insertFacility(tx, {
      code: input.code,
      name: input.name.trim(),
      kind: input.kind,
      place_id: place.id,
      capacity: input.capacity ?? null,
      capacity_per_hour: input.capacityPerHour ?? null,
      site_mode: input.kind === 'sampling_site' ? (input.siteMode ?? 'fixed') : null,
      lat: input.lat ?? place.lat,
      lng: input.lng ?? place.lng,
    });
    await recordAudit(tx, actor, now, { action: 'facility.create', entity: 'facility', entityId: id, placePath: place.path, after: input });
    return id;
  });
  return getFacility(deps, scope, id);
}

export async function updateFacility(
  deps: PlacesDeps,
  actor: Actor,
  scope: Scope,
  id: number,
  patch: { name?: string; capacity?: number | null; capacityPerHour?: number | null; lat?: number | null; lng?: number | null },
) {
  const now = deps.clock();
  await deps.db.kysely.transaction().execute(async (tx) => {
    const before = await repo.findFacility(tx, scope, id);
    if (!before) throw facilityNotFound(id);
    const set: Parameters<typeof repo.updateFacility>[2] = {};
    if (patch.name !== undefined) set.name = patch.name.trim();
    if (patch.capacity !== undefined) {
      if (before.kind === 'isolation_site')
        throw badRequest('FACILITY_CAPACITY_FROM_ROOMS', "An isolation site's capacity is the sum of its rooms; add or change rooms instead");
      set.capacity = patch.capacity;
    }
    if (patch.capacityPerHour !== undefined) set.capacity_per_hour = patch.capacityPerHour;
    if (patch.lat !== undefined) set.lat = patch.lat;
    if (patch.lng !== undefined) set.lng = patch.lng;
    await repo.updateFacility(tx, id, set, now);
    const after = await repo.findFacility(tx, scope, id);
    await recordAudit(tx, actor, now, { action: 'facility.update', entity: 'facility', entityId: id, placePath: before.place_path, before, after });
  });
  return getFacility(deps, scope, id);
}

export async function addRooms(deps: PlacesDeps, actor: Actor, scope: Scope, id: number, rooms: { number: string; capacity: number }[]) {
  const now = deps.clock();
  await deps.db.kysely.transaction().execute(async (tx) => {
    const f = await repo.findFacility(tx, scope, id);
    if (!f) throw facilityNotFound(id);
    if (f.kind !== 'isolation_site') throw badRequest('FACILITY_NOT_ISOLATION_SITE', 'Only isolation sites have rooms');
    const numbers = rooms.map((r) => r.number.trim());
    if (new Set(numbers).size !== numbers.length) throw badRequest('ROOM_NUMBER_DUPLICATE', 'A room number appears twice');
    const existing = new Set((await repo.listRooms(tx, id)).map((r) => r.number));
    const taken = numbers.filter((n) => existing.has(n));
    if (taken.length) throw conflict('ROOM_NUMBER_TAKEN', `Rooms already exist: ${taken.join(', ')}`, { rooms: taken });
    await repo.insertRooms(tx, rooms.map((r, i) => ({ facility_id: id, number: numbers[i], capacity: r.capacity })));
    await repo.syncCapacityFromRooms(tx, id);
    await recordAudit(tx, actor, now, { action: 'facility.rooms.add', entity: 'facility', entityId: id, placePath: f.place_path, after: { rooms } });
  });
  return getFacility(deps, scope, id);
}

/** Rooms of many isolation sites at once (demo seed, imports), by facility code; one audit row. */
export async function addGeneratedRooms(deps: PlacesDeps, actor: Actor, roomsByCode: Map<string, { number: string; capacity: number }[]>) {
  if (roomsByCode.size === 0) return;
  const now = deps.clock();
  await deps.db.kysely.transaction().execute(async (tx) => {
    const facilities = await repo.findFacilityIdsByCodes(tx, [...roomsByCode.keys()]);
    const rows = facilities.flatMap((f) => roomsByCode.get(f.code)!.map((r) => ({ facility_id: f.id, number: r.number, capacity: r.capacity })));
    await repo.insertRooms(tx, rows);
    for (const f of facilities) await repo.syncCapacityFromRooms(tx, f.id);
    await recordAudit(tx, actor, now, { action: 'facility.rooms.add', entity: 'facility', entityId: null, after: { facilities: facilities.map((f) => f.code), rooms: rows.length } });
  });
}
