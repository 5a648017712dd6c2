import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../testing/app.ts';
import { createTestDb, type TestDb } from '../../testing/engines.ts';
import { countRows, DEMO, placeByCode, TEST_ACTOR } from '../../testing/fixtures.ts';
import { AppError } from '../../platform/errors.ts';
import type { Db } from '../../platform/db.ts';
import { exportPlacesXlsx, importPlacesFile } from './import-export.ts';

const HEADER = ['编码', '上级编码', '类型', '名称', '排序', '纬度', '经度'];
type Cell = string | number | null;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cordon-import-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileSeq = 0;
function writeCsv(rows: Cell[][]): string {
  const file = join(dir, `places-${++fileSeq}.csv`);
  writeFileSync(file, '\uFEFF' + rows.map((r) => r.map((c) => c ?? '').join(',')).join('\n') + '\n');
  return file;
}

/** Rows placed at their own row numbers: `null` leaves a row out entirely (a blank line in Excel). */
async function writeXlsx(rows: (Cell[] | null)[]): Promise<string> {
  const file = join(dir, `places-${++fileSeq}.xlsx`);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('地点');
  rows.forEach((r, i) => {
    if (r) ws.getRow(i + 1).values = r;
  });
  await wb.xlsx.writeFile(file);
  return file;
}

const importAll = (db: Db, file: string) => importPlacesFile({ db, clock: () => new Date() }, TEST_ACTOR, { all: true }, file);

async function parentCodeOf(db: Db, code: string): Promise<string | null> {
  const r = await db.kysely
    .selectFrom('places as p')
    .leftJoin('places as parent', 'parent.id', 'p.parent_id')
    .select('parent.code')
    .where('p.code', '=', code)
    .executeTakeFirstOrThrow();
  return r.code;
}

/** Every place as code → "parent kind name sort", and every facility as code → "place kind name capacity". */
async function treeSnapshot(db: Db) {
  const places = await db.kysely
    .selectFrom('places as p')
    .leftJoin('places as parent', 'parent.id', 'p.parent_id')
    .select(['p.code', 'parent.code as parent', 'p.kind', 'p.name', 'p.sort_order', 'p.lat', 'p.lng'])
    .orderBy('p.code')
    .execute();
  const facilities = await db.kysely
    .selectFrom('facilities as f')
    .innerJoin('places as p', 'p.id', 'f.place_id')
    .select(['f.code', 'p.code as place', 'f.kind', 'f.name', 'f.capacity', 'f.capacity_per_hour'])
    .orderBy('f.code')
    .execute();
  return { places, facilities };
}

function withTestDb(engine: Parameters<typeof createTestDb>[0], variant: 'empty' | 'demo') {
  let t: TestDb | null = null;
  beforeAll(async () => {
    t = await createTestDb(engine, variant);
  });
  afterAll(async () => t?.drop());
  return () => t!.db;
}

describeEachEngine('places import', (engine) => {
  const db = withTestDb(engine, 'demo');

  it('stores the good rows of a CSV with Chinese headers and kind aliases and reports the bad ones by row', async () => {
    const places = await countRows(db(), 'places');
    const file = writeCsv([
      HEADER,
      ['990103', DEMO.city, '区', '东湖区', 3, 43.8, 125.4], // 2
      ['990103001', '990103', '街道', '湖滨街道', 1, null, null], // 3
      ['990103001001', '990103001', '社区', '柳岸社区', 1, null, null], // 4
      ['FS990103001001', '990103001001', '采样点', '柳岸社区采样点', null, 43.81, 125.41], // 5
      ['990103002', '990199', '街道', '无主街道', 2, null, null], // 6: unknown parent
      ['bad code!', '990103', '街道', '坏编码街道', 2, null, null], // 7
      ['990103003', '990103', '星球', '坏类型', 2, null, null], // 8
      ['990103004', '990103', '街道', '坏排序街道', 'abc', null, null], // 9
      ['990103001', '990103', '街道', '重复街道', 2, null, null], // 10: code earlier in the file
      ['990103005', '990103', '街道', '半坐标街道', 2, 43.1, null], // 11: lat without lng
      ['990103006', '990103', 'subdistrict', '新城街道', 2, null, null], // 12
      ['990103007', '990103', '街道', '空\u0000字符', 2, null, null], // 13: NUL in the name
      ['990103\u00008', '990103', '街道', '坏编码', 2, null, null], // 14: NUL in the code
      ['990103009', '990103\u0000', '街道', '坏上级', 2, null, null], // 15: NUL in the parent code
      ['990103010', '990103', '街道', '大排序', 99999999999, null, null], // 16: sort order beyond int
    ]);
    const summary = await importAll(db(), file);
    expect(summary.errors.map((e) => [e.row, e.code])).toEqual([
      [6, 'PLACE_PARENT_UNKNOWN'],
      [7, 'PLACE_CODE_INVALID'],
      [8, 'PLACE_KIND_INVALID'],
      [9, 'PLACE_SORT_ORDER_INVALID'],
      [10, 'PLACE_CODE_DUPLICATE'],
      [11, 'PLACE_COORDINATES_INVALID'],
      [13, 'PLACE_NAME_INVALID'],
      [14, 'PLACE_CODE_INVALID'],
      [15, 'PLACE_PARENT_UNKNOWN'],
      [16, 'PLACE_SORT_ORDER_INVALID'],
    ]);
    expect(summary).toMatchObject({ accepted: 5, created: 5, updated: 0, rejected: 10 });
    expect(summary.errors.every((e) => e.message.length > 0)).toBe(true);

    expect(await countRows(db(), 'places')).toBe(places + 4);
    const district = await placeByCode(db(), '990103');
    expect(district).toMatchObject({ name: '东湖区', kind: 'district', sort_order: 3, lat: 43.8, lng: 125.4, depth: 2 });
    expect(await parentCodeOf(db(), '990103001')).toBe('990103');
    expect((await placeByCode(db(), '990103001')).name).toBe('湖滨街道'); // not the duplicate's name
    expect(await parentCodeOf(db(), '990103006')).toBe('990103');
    expect((await placeByCode(db(), '990103001001')).path).toMatch(new RegExp(`^${district.path}\\d+/\\d+/$`));
    const site = await db().kysely.selectFrom('facilities').selectAll().where('code', '=', 'FS990103001001').executeTakeFirstOrThrow();
    expect(site).toMatchObject({ kind: 'sampling_site', place_id: (await placeByCode(db(), '990103001001')).id, lat: 43.81 });
    for (const code of ['990103002', '990103003', '990103004', '990103005', 'bad code!'])
      expect(await db().kysely.selectFrom('places').select('id').where('code', '=', code).executeTakeFirst()).toBeUndefined();
  });

  it('reads XLSX the same way, counting rows as Excel numbers them', async () => {
    const file = await writeXlsx([
      HEADER,
      ['990104', DEMO.city, '区', '西岭区', 4, 43.7, 125.2], // 2
      null, // 3: an empty row in the sheet
      ['990104001', '990104', '街道', '岭南街道', 1, null, null], // 4
      ['990104002', '990104', '街道', '坏排序', 'x', null, null], // 5
      ['990104001001', '990104001', '社区', '松林社区', 1, 43.71, 125.21], // 6
      ['990104001002', '990104009', '社区', '无主社区', 2, null, null], // 7
    ]);
    const summary = await importAll(db(), file);
    expect(summary.errors.map((e) => [e.row, e.code])).toEqual([
      [5, 'PLACE_SORT_ORDER_INVALID'],
      [7, 'PLACE_PARENT_UNKNOWN'],
    ]);
    expect(summary).toMatchObject({ accepted: 3, rejected: 2 });
    expect(await parentCodeOf(db(), '990104001001')).toBe('990104001');
    expect(await placeByCode(db(), '990104001001')).toMatchObject({ kind: 'community', lat: 43.71, lng: 125.21, depth: 4 });
  });

  it('updates places on a re-import instead of duplicating them', async () => {
    const before = await countRows(db(), 'places');
    const file = writeCsv([HEADER, ['990103', DEMO.city, '区', '东湖新区', 5, 43.8, 125.4]]);
    expect(await importAll(db(), file)).toMatchObject({ accepted: 1, created: 0, updated: 1, rejected: 0 });
    expect(await placeByCode(db(), '990103')).toMatchObject({ name: '东湖新区', sort_order: 5 });
    expect(await countRows(db(), 'places')).toBe(before);
  });

  it("updates a sampling site's mode on a re-import; an empty mode cell keeps it", async () => {
    const header = [...HEADER, '采样方式'];
    const community = '990103001001'; // created by the first test of this file
    const modeOf = async () => (await db().kysely.selectFrom('facilities').select('site_mode').where('code', '=', 'FS990103001002').executeTakeFirstOrThrow()).site_mode;
    expect(await importAll(db(), writeCsv([header, ['FS990103001002', community, '采样点', '柳岸上门采样队', null, null, null, null]]))).toMatchObject({ created: 1 });
    expect(await modeOf()).toBe('fixed');
    expect(await importAll(db(), writeCsv([header, ['FS990103001002', community, '采样点', '柳岸上门采样队', null, null, null, 'door']]))).toMatchObject({ updated: 1, rejected: 0 });
    expect(await modeOf()).toBe('door');
    expect(await importAll(db(), writeCsv([header, ['FS990103001002', community, '采样点', '柳岸上门采样队', null, null, null, '']]))).toMatchObject({ updated: 1 });
    expect(await modeOf()).toBe('door');
    const bad = await importAll(db(), writeCsv([header, ['FS990103001002', community, '采样点', '柳岸上门采样队', null, null, null, 'drone']]));
    expect(bad.errors.map((e) => [e.row, e.code])).toEqual([[2, 'FACILITY_SITE_MODE_INVALID']]);
    expect(await modeOf()).toBe('door');
  });

  it('refuses a file whose header names no known column, listing the expected ones', async () => {
    const file = writeCsv([['foo', 'bar'], ['1', '2']]);
    const err = await importAll(db(), file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ status: 400, code: 'IMPORT_HEADERS_UNKNOWN' });
    expect((err as AppError).message).toContain('code (编码/代码/地点编码)');
    expect((err as AppError).message).toContain('parent_code (上级编码');
    expect((err as AppError).details).toEqual({ expected: ['code', 'parent_code', 'kind', 'name', 'sort_order', 'lat', 'lng', 'capacity', 'capacity_per_hour', 'site_mode'] });

    const partial = await importAll(db(), writeCsv([['编码', '名称'], ['990105', '缺类型区']])).catch((e: unknown) => e);
    expect(partial).toMatchObject({ code: 'IMPORT_COLUMNS_MISSING', details: { missing: ['kind'] } });
  });
});

describeEachEngine('places export and re-import', (engine) => {
  const source = withTestDb(engine, 'demo');
  const target = withTestDb(engine, 'empty');

  it('exports the whole tree from the root and re-imports it into an empty database with the same codes and parents', async () => {
    const root = await placeByCode(source(), DEMO.province);
    const file = join(dir, `export-${engine}.xlsx`);
    const out = createWriteStream(file);
    const rows = await exportPlacesXlsx({ db: source(), clock: () => new Date() }, root.path, out);
    await finished(out);
    const places = await countRows(source(), 'places');
    const facilities = await countRows(source(), 'facilities');
    expect(rows).toBe(places + facilities);

    expect(await countRows(target(), 'places')).toBe(0);
    const summary = await importAll(target(), file);
    expect(summary.errors).toEqual([]);
    expect(summary).toMatchObject({ accepted: places + facilities, created: places + facilities, rejected: 0 });

    const [before, after] = [await treeSnapshot(source()), await treeSnapshot(target())];
    expect(after.places).toEqual(before.places);
    expect(after.facilities).toEqual(before.facilities);
    expect(after.facilities.filter((f) => f.kind === 'isolation_site')).toHaveLength(6);
  });
});
