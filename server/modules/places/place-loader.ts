// Bulk loading of places and facilities, shared by `cordon import places` and the demo seed.
// Rows arrive parents-first; each batch is validated in memory against a cache of known places,
// then written in one transaction (one unnest INSERT per table) with one audit row. A bad row is
// reported with its number and never written; good rows of the same batch are kept.
import { recordAudit, type Actor } from '../../platform/audit.ts';
import { pathInScope, type Scope } from '../../platform/access.ts';
import type { Db, Tx } from '../../platform/db.ts';
import {
  PLACE_CODE_PATTERN, PLACE_KIND_ALIASES, isFacilityKind, isPlaceKind, type PlaceKind,
} from '../../../domain/places.ts';
import * as repo from './repo.ts';
import * as facilityRepo from './facility-repo.ts';
import { kindMayBeUnder } from './service.ts';
import { addRollupRows, applyRollup } from '../census/rollup.ts';

export interface PlaceInputRow {
  row: number; // row number in the source (header = 1)
  code: string;
  parentCode: string | null;
  kind: string;
  name: string;
  sortOrder?: number | string | null;
  lat?: number | string | null;
  lng?: number | string | null;
  geometry?: unknown;
  capacity?: number | string | null;
  capacityPerHour?: number | string | null;
  /** Sampling sites: `fixed` (default) or `door` (a door-to-door team, 上门采样队). */
  siteMode?: string | null;
}

export interface RowError {
  row: number;
  code: string;
  message: string;
}

export interface LoadSummary {
  accepted: number;
  created: number;
  updated: number;
  rejected: number;
  errors: RowError[];
}

interface KnownPlace {
  id: number;
  path: string;
  depth: number;
  kind: PlaceKind;
}

const MAX_REPORTED_ERRORS = 10_000;

function optionalNumber(v: number | string | null | undefined, integer: boolean): number | null | 'bad' {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  if (!Number.isFinite(n) || (integer && (!Number.isInteger(n) || Math.abs(n) > 2_147_483_647))) return 'bad'; // int columns
  return n;
}

export interface PlaceLoader {
  add(row: PlaceInputRow): Promise<void>;
  finish(): Promise<LoadSummary>;
}

export function createPlaceLoader(
  deps: { db: Db; clock: () => Date },
  actor: Actor,
  scope: Scope,
  opts: { batchSize?: number; onBatch?: (summary: LoadSummary) => void; audit?: boolean } = {},
): PlaceLoader {
  const batchSize = opts.batchSize ?? 2000;
  const known = new Map<string, KnownPlace>(); // code → place, for parents of later rows
  const seenCodes = new Set<string>(); // codes seen in this file, for duplicate detection
  const summary: LoadSummary = { accepted: 0, created: 0, updated: 0, rejected: 0, errors: [] };
  let batch: PlaceInputRow[] = [];

  const reject = (row: number, code: string, message: string) => {
    summary.rejected++;
    if (summary.errors.length < MAX_REPORTED_ERRORS) summary.errors.push({ row, code, message });
  };

  async function resolveUnknownParents(tx: Tx, rows: PlaceInputRow[]) {
    // Only well-formed codes are looked up: one holding NUL would fail the whole batch's query.
    const missing = [...new Set(rows.map((r) => r.parentCode).filter((c): c is string => !!c && !known.has(c) && PLACE_CODE_PATTERN.test(c)))];
    for (const p of await repo.findPlacesByCodes(tx, missing)) known.set(p.code, { id: p.id, path: p.path, depth: p.depth, kind: p.kind as PlaceKind });
  }

  async function flush() {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    const now = deps.clock();
    await deps.db.kysely.transaction().execute(async (tx) => {
      await resolveUnknownParents(tx, rows);
      const codes = rows.map((r) => r.code).filter((c) => PLACE_CODE_PATTERN.test(c));
      const existing = new Map((await repo.findPlacesByCodes(tx, codes)).map((p) => [p.code, p]));
      const existingFacilities = new Map((await facilityRepo.findFacilitiesByCodes(tx, codes)).map((f) => [f.code, f]));
      const ids = await repo.allocatePlaceIds(tx, rows.length);
      const inserts: repo.BulkPlace[] = [];
      const facilities: facilityRepo.NewFacility[] = [];
      const updates: { id: number; code: string; before: repo.PlaceRow; patch: Parameters<typeof repo.updatePlace>[2] }[] = [];
      const facilityUpdates: { id: number; code: string; before: unknown; patch: Parameters<typeof facilityRepo.updateFacility>[2] }[] = [];
      rows.forEach((r, i) => {
        const kind = PLACE_KIND_ALIASES[r.kind] ?? r.kind;
        if (!PLACE_CODE_PATTERN.test(r.code)) return reject(r.row, 'PLACE_CODE_INVALID', `Code "${r.code}" must be 1–64 letters, digits, - or _`);
        if (!isPlaceKind(kind) && !isFacilityKind(kind)) return reject(r.row, 'PLACE_KIND_INVALID', `Unknown kind "${r.kind}"`);
        if (!r.name?.trim()) return reject(r.row, 'PLACE_NAME_REQUIRED', 'Name is empty');
        if (r.name.includes('\u0000')) return reject(r.row, 'PLACE_NAME_INVALID', 'Name holds a NUL character'); // unstorable
        if (seenCodes.has(r.code)) return reject(r.row, 'PLACE_CODE_DUPLICATE', `Code ${r.code} appears earlier in this file`);
        const sortOrder = optionalNumber(r.sortOrder, true);
        const lat = optionalNumber(r.lat, false);
        const lng = optionalNumber(r.lng, false);
        if (sortOrder === 'bad') return reject(r.row, 'PLACE_SORT_ORDER_INVALID', `sort_order "${r.sortOrder}" is not an integer`);
        if (lat === 'bad' || lng === 'bad' || (lat === null) !== (lng === null) || (lat !== null && (Math.abs(lat) > 90 || Math.abs(lng as number) > 180)))
          return reject(r.row, 'PLACE_COORDINATES_INVALID', 'lat/lng must be numbers in range, both or neither');
        const parent = r.parentCode ? known.get(r.parentCode) : undefined;
        if (r.parentCode && (!parent || !pathInScope(scope, parent.path)))
          return reject(r.row, 'PLACE_PARENT_UNKNOWN', `Parent code ${r.parentCode} is not a known place (parents must come first)`);

        if (isFacilityKind(kind)) {
          if (!parent) return reject(r.row, 'PLACE_PARENT_UNKNOWN', 'A facility needs the parent_code of the place it stands in');
          const capacity = optionalNumber(r.capacity, true);
          const perHour = optionalNumber(r.capacityPerHour, true);
          if (capacity === 'bad' || perHour === 'bad' || (capacity ?? 0) < 0 || (perHour ?? 0) < 0)
            return reject(r.row, 'FACILITY_CAPACITY_INVALID', 'capacity must be a non-negative integer');
          // A sampling site is fixed (采样点) or a door-to-door team (上门采样); an empty cell keeps what it was.
          const givenMode = kind === 'sampling_site' ? r.siteMode?.trim() || null : null;
          if (givenMode !== null && givenMode !== 'fixed' && givenMode !== 'door')
            return reject(r.row, 'FACILITY_SITE_MODE_INVALID', `site_mode "${r.siteMode}" is fixed or door`);
          const oldFacility = existingFacilities.get(r.code);
          if (oldFacility) {
            // A re-imported sheet updates the facility where it stands; moving it is done in the app.
            if (oldFacility.kind !== kind || oldFacility.place_id !== parent.id)
              return reject(r.row, 'FACILITY_CODE_TAKEN', `Facility ${r.code} exists as a ${oldFacility.kind} elsewhere`);
            seenCodes.add(r.code);
            // An isolation site's capacity is the sum of its rooms, never a typed number.
            const patch = {
              name: r.name.trim(), capacity_per_hour: perHour, lat, lng, ...(kind === 'isolation_site' ? {} : { capacity }), ...(givenMode ? { site_mode: givenMode } : {}),
            };
            facilityUpdates.push({ id: oldFacility.id, code: r.code, before: oldFacility, patch });
            return;
          }
          const siteMode = kind === 'sampling_site' ? (givenMode ?? 'fixed') : null;
          seenCodes.add(r.code);
          facilities.push({ code: r.code, name: r.name.trim(), kind, place_id: parent.id, capacity, capacity_per_hour: perHour, site_mode: siteMode, lat, lng });
          return;
        }
        if (!parent && !scope.all) return reject(r.row, 'PLACE_PARENT_UNKNOWN', 'Only a user scoped to the whole tree imports root places');
        if (parent && !kindMayBeUnder(kind, parent.kind)) return reject(r.row, 'PLACE_KIND_ORDER', `A ${kind} cannot be placed under a ${parent.kind}`);
        const old = existing.get(r.code);
        if (old) {
          if (old.kind !== kind || old.parent_id !== (parent?.id ?? null))
            return reject(r.row, 'PLACE_CODE_TAKEN', `Code ${r.code} belongs to a ${old.kind} elsewhere in the tree (move it in the app)`);
          if (!pathInScope(scope, old.path)) return reject(r.row, 'PLACE_CODE_TAKEN', `Code ${r.code} is taken`);
          seenCodes.add(r.code);
          known.set(r.code, { id: old.id, path: old.path, depth: old.depth, kind });
          updates.push({ id: old.id, code: r.code, before: old, patch: { name: r.name.trim(), sort_order: sortOrder ?? old.sort_order, lat, lng } });
          return;
        }
        const id = ids[i].id;
        const path = `${parent ? parent.path : '/'}${id}/`;
        const depth = parent ? parent.depth + 1 : 0;
        seenCodes.add(r.code);
        known.set(r.code, { id, path, depth, kind });
        inserts.push({ id, code: r.code, name: r.name.trim(), kind, parent_id: parent?.id ?? null, path, depth, sort_order: sortOrder ?? 0, lat, lng, geometry: r.geometry ?? null });
      });
      await repo.insertPlacesBulk(tx, inserts);
      await addRollupRows(tx, inserts.filter((p) => p.kind !== 'household').map((p) => p.id));
      await applyRollup(tx, inserts.filter((p) => p.kind === 'household').map((p) => ({ path: p.path, d: { households: 1 } })));
      await facilityRepo.insertFacilitiesBulk(tx, facilities);
      for (const u of updates) await repo.updatePlace(tx, u.id, u.patch, now);
      for (const u of facilityUpdates) await facilityRepo.updateFacility(tx, u.id, u.patch, now);
      const created = inserts.length + facilities.length;
      if (opts.audit !== false && (created > 0 || updates.length > 0 || facilityUpdates.length > 0)) {
        await recordAudit(tx, actor, now, {
          action: 'place.import',
          entity: 'place',
          entityId: null,
          before: updates.length || facilityUpdates.length ? [...updates, ...facilityUpdates].map((u) => u.before) : undefined,
          after: {
            created: inserts.map((p) => p.code),
            facilities: facilities.map((f) => f.code),
            updated: [...updates, ...facilityUpdates].map((u) => ({ code: u.code, ...u.patch })),
          },
        });
      }
      const updated = updates.length + facilityUpdates.length;
      summary.created += created;
      summary.updated += updated;
      summary.accepted += created + updated;
    });
    opts.onBatch?.(summary);
  }

  return {
    async add(row) {
      batch.push(row);
      if (batch.length >= batchSize) await flush();
    },
    async finish() {
      await flush();
      return summary;
    },
  };
}
