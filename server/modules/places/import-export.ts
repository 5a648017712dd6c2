// Places file import (CSV/XLSX, DESIGN §13 columns with Chinese aliases) and XLSX export.
import type { Writable } from 'node:stream';
import { xlsxSheet } from '../../platform/sheet-writer.ts';
import { stringify } from 'csv-stringify';
import { notFound } from '../../platform/errors.ts';
import { pathInScope } from '../../platform/access.ts';
import { readTable, type ColumnSpec } from '../../platform/tabular.ts';
import { analyzeTables } from '../../platform/db.ts';
import type { Actor } from '../../platform/audit.ts';
import type { Scope } from '../../platform/access.ts';
import { createPlaceLoader, type LoadSummary } from './place-loader.ts';
import * as repo from './repo.ts';
import * as facilityRepo from './facility-repo.ts';
import type { PlacesDeps } from './service.ts';

export const PLACE_COLUMNS: ColumnSpec[] = [
  { name: 'code', aliases: ['编码', '代码', '地点编码'], required: true },
  { name: 'parent_code', aliases: ['上级编码', '上级代码', '父级编码'] },
  { name: 'kind', aliases: ['类型', '层级'], required: true },
  { name: 'name', aliases: ['名称', '地点名称'], required: true },
  { name: 'sort_order', aliases: ['排序', '顺序'] },
  { name: 'lat', aliases: ['纬度'] },
  { name: 'lng', aliases: ['经度'] },
  { name: 'capacity', aliases: ['容量', '床位数'] },
  { name: 'capacity_per_hour', aliases: ['每小时采样能力'] },
  { name: 'site_mode', aliases: ['采样方式'] },
];

export async function importPlacesFile(
  deps: PlacesDeps,
  actor: Actor,
  scope: Scope,
  file: string,
  onProgress?: (s: LoadSummary) => void,
): Promise<LoadSummary> {
  const loader = createPlaceLoader(deps, actor, scope, { onBatch: onProgress });
  for await (const { row, values: v } of readTable(file, PLACE_COLUMNS)) {
    await loader.add({
      row,
      code: v.code ?? '',
      parentCode: v.parent_code || null,
      kind: v.kind ?? '',
      name: v.name ?? '',
      sortOrder: v.sort_order,
      lat: v.lat,
      lng: v.lng,
      capacity: v.capacity,
      capacityPerHour: v.capacity_per_hour,
      siteMode: v.site_mode,
    });
  }
  const summary = await loader.finish();
  await analyzeTables(deps.db.kysely, ['places', 'facilities']);
  return summary;
}

const EXPORT_COLUMNS = ['code', 'parent_code', 'kind', 'name', 'sort_order', 'lat', 'lng', 'capacity', 'capacity_per_hour', 'site_mode'] as const;
type ExportRow = Partial<Record<(typeof EXPORT_COLUMNS)[number], string | number | null>>;

interface RowSink {
  add(row: ExportRow): void;
  end(): Promise<void>;
}

function xlsxSink(out: Writable): RowSink {
  return xlsxSheet(out, 'places', EXPORT_COLUMNS.map((key) => ({ header: key, key })));
}

function csvSink(out: Writable): RowSink {
  const csv = stringify({ header: true, columns: [...EXPORT_COLUMNS], bom: true });
  csv.pipe(out);
  return {
    add: (row) => void csv.write(row),
    end: () =>
      new Promise<void>((resolve, reject) => {
        out.once('error', reject);
        csv.once('end', resolve);
        csv.end();
      }),
  };
}

/** Writes the places under `path` in path order (parents first, so the file re-imports), then the facilities. */
async function writeSubtree(deps: PlacesDeps, path: string, sink: RowSink): Promise<number> {
  let count = 0;
  for (let after = ''; ; ) {
    const rows = await repo.subtreeForExport(deps.db.kysely, path, after, 5000);
    if (rows.length === 0) break;
    for (const r of rows) {
      sink.add({ code: r.code, parent_code: r.parent_code ?? '', kind: r.kind, name: r.name, sort_order: r.sort_order, lat: r.lat, lng: r.lng });
      count++;
    }
    after = rows[rows.length - 1].path;
  }
  const placeCodes = new Map<number, string>();
  for (let offset = 0; ; offset += 5000) {
    const { items } = await facilityRepo.listFacilitiesUnder(deps.db.kysely, path, undefined, 5000, offset);
    if (items.length === 0) break;
    const missing = [...new Set(items.map((f) => f.place_id).filter((id) => !placeCodes.has(id)))];
    for (const p of await repo.findPlaceCodes(deps.db.kysely, missing)) placeCodes.set(p.id, p.code);
    for (const f of items) {
      sink.add({ code: f.code, parent_code: placeCodes.get(f.place_id), kind: f.kind, name: f.name, lat: f.lat, lng: f.lng, capacity: f.capacity, capacity_per_hour: f.capacity_per_hour, site_mode: f.site_mode });
      count++;
    }
  }
  return count;
}

/** Streams the subtree under `path` as XLSX (same columns as the import, so it re-imports). */
export async function exportPlacesXlsx(deps: PlacesDeps, path: string, out: Writable): Promise<number> {
  const sink = xlsxSink(out);
  const count = await writeSubtree(deps, path, sink);
  await sink.end();
  return count;
}

/** CLI export: one subtree by code, or every root place in the caller's scope. */
export async function exportPlaces(
  deps: PlacesDeps,
  scope: Scope,
  opts: { rootCode: string | null; format: 'csv' | 'xlsx' },
  out: Writable,
): Promise<number> {
  let paths: string[];
  if (opts.rootCode) {
    const [root] = await repo.findPlacesByCodes(deps.db.kysely, [opts.rootCode]);
    if (!root || !pathInScope(scope, root.path)) throw notFound('PLACE_NOT_FOUND', `No place with code ${opts.rootCode}`);
    paths = [root.path];
  } else {
    paths = (await repo.listRoots(deps.db.kysely, scope)).map((r) => r.path);
  }
  const sink = opts.format === 'csv' ? csvSink(out) : xlsxSink(out);
  let count = 0;
  for (const path of paths) count += await writeSubtree(deps, path, sink);
  await sink.end();
  return count;
}

export async function placePathInScope(deps: PlacesDeps, scope: Scope, id: number): Promise<string | null> {
  return (await repo.findPlace(deps.db.kysely, scope, id))?.path ?? null;
}
