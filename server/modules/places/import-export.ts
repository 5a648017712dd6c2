// Places file import (CSV/XLSX, DESIGN §13 columns with Chinese aliases) and XLSX export.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { readTable, type ColumnSpec } from '../../platform/tabular.ts';
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
    });
  }
  return loader.finish();
}

/** Streams the subtree under `path` as XLSX (same columns as the import, so it re-imports). */
export async function exportPlacesXlsx(deps: PlacesDeps, path: string, out: Writable): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('places');
  ws.columns = ['code', 'parent_code', 'kind', 'name', 'sort_order', 'lat', 'lng', 'capacity', 'capacity_per_hour'].map((key) => ({ header: key, key }));
  let after = '';
  let count = 0;
  for (;;) {
    const rows = await repo.subtreeForExport(deps.db.kysely, path, after, 5000);
    if (rows.length === 0) break;
    for (const r of rows) {
      // The exported subtree's top keeps its parent code only if it has one.
      ws.addRow({ code: r.code, parent_code: r.parent_code ?? '', kind: r.kind, name: r.name, sort_order: r.sort_order, lat: r.lat, lng: r.lng }).commit();
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
      ws.addRow({ code: f.code, parent_code: placeCodes.get(f.place_id), kind: f.kind, name: f.name, sort_order: 0, lat: f.lat, lng: f.lng, capacity: f.capacity, capacity_per_hour: f.capacity_per_hour }).commit();
      count++;
    }
  }
  ws.commit();
  await wb.commit();
  return count;
}

export async function placePathInScope(deps: PlacesDeps, scope: Scope, id: number): Promise<string | null> {
  return (await repo.findPlace(deps.db.kysely, scope, id))?.path ?? null;
}
