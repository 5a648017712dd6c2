import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describeEachEngine, useTestApp, TEST_SECRET } from '../../testing/app.ts';
import { idCard, withWrongCheckDigit } from '../../testing/factories.ts';
import { importPersonsFile } from './import.ts';
import { AppError } from '../../platform/errors.ts';

const actor = { userId: null, username: 'test', requestId: null };

function multipart(filename: string, content: Buffer) {
  const boundary = '----cordon' + Math.random().toString(16).slice(2);
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describeEachEngine('persons import', (engine) => {
  const ctx = useTestApp(engine);
  let dir: string;
  let households: string[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cordon-persons-'));
    const rows = await ctx().testDb.db.kysely.selectFrom('places').select('code').where('kind', '=', 'household').orderBy('id').limit(3).execute();
    households = rows.map((r) => r.code);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const deps = () => ({ db: ctx().testDb.db, clock: () => new Date(), secret: TEST_SECRET, timeZone: 'Asia/Shanghai' });

  it('keeps good rows, reports bad ones by row number and folds a person listed twice', async () => {
    const twice = idCard({ sex: 'F', birthDate: '1970-07-07' });
    const male = idCard({ sex: 'M' });
    const csv = [
      '姓名,身份证号,性别,出生日期,手机号,户,标签',
      `张三,${idCard()},,,13800000001,${households[0]},慢性病`,
      `李四,${withWrongCheckDigit(idCard())},,,,${households[0]},`,
      `王五,${male},女,,,${households[0]},`,
      `赵六,${idCard({ birthDate: '1999-09-09' })},,1999-09-10,,${households[0]},`,
      `孙七,${idCard()},,,,NO-SUCH-HOUSEHOLD,`,
      `周八,${idCard()},,,,${households[1]},wizard`,
      `吴九,${twice},女,19700707,,${households[1]},`,
      `吴九改,${twice},女,1970-07-07,,${households[1]},pregnant`,
      `,${idCard()},,,,${households[1]},`,
    ].join('\n');
    const file = join(dir, 'residents.csv');
    writeFileSync(file, csv);
    const s = await importPersonsFile(deps(), actor, { all: true }, file);
    expect(s.errors.map((e) => [e.row, e.code])).toEqual([
      [3, 'PERSON_ID_INVALID'],
      [4, 'PERSON_SEX_MISMATCH'],
      [5, 'PERSON_BIRTH_DATE_MISMATCH'],
      [6, 'PERSON_HOUSEHOLD_UNKNOWN'],
      [7, 'PERSON_TAG_UNKNOWN'],
      [10, 'PERSON_NAME_REQUIRED'],
    ]);
    expect(s).toMatchObject({ accepted: 3, created: 2, updated: 0, merged: 1, rejected: 6, mergedRows: [{ row: 9, into: 8 }] });
    const wu = await ctx().testDb.db.kysely.selectFrom('persons').select(['name', 'tags']).where('birth_date', '=', '1970-07-07').where('sex', '=', 'F').execute();
    expect(wu).toEqual([{ name: '吴九改', tags: ['pregnant'] }]);

    // The same file again: every good row now updates (and nothing is created twice).
    const again = await importPersonsFile(deps(), actor, { all: true }, file);
    expect(again).toMatchObject({ created: 0, updated: 2, merged: 1, rejected: 6 });
  });

  it('reads XLSX and refuses a sheet whose headers match nothing, listing the expected columns', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('居民');
    ws.addRow(['证件号码', '姓名', '户编码']);
    ws.addRow([idCard(), '表格导入', households[2]]);
    const file = join(dir, 'residents.xlsx');
    await wb.xlsx.writeFile(file);
    expect(await importPersonsFile(deps(), actor, { all: true }, file)).toMatchObject({ accepted: 1, created: 1, rejected: 0 });

    const bad = join(dir, 'nonsense.csv');
    writeFileSync(bad, 'foo,bar\n1,2\n');
    const err = await importPersonsFile(deps(), actor, { all: true }, bad).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('IMPORT_HEADERS_UNKNOWN');
    expect(err.message).toContain('id_number');
  });

  it('imports an uploaded sheet as a job with progress, and serves the errors as a sheet', async () => {
    const csv = `name,id_number,household_code\n上传一,${idCard()},${households[0]}\n上传二,bad,${households[0]}\n`;
    const res = await ctx().as('officer', { method: 'POST', url: '/api/persons/import', ...multipart('upload.csv', Buffer.from(csv)) });
    expect(res.statusCode, res.body).toBe(202);
    const jobId = res.json().jobId;
    await ctx().app.jobs.drain();
    const job = (await ctx().as('officer', { url: `/api/jobs/${jobId}` })).json();
    expect(job).toMatchObject({ status: 'done', result: { accepted: 1, rejected: 1, errorCount: 1 } });
    const sheet = await ctx().as('officer', { url: `/api/jobs/${jobId}/errors.xlsx` });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sheet.rawPayload as unknown as ArrayBuffer);
    const row = wb.worksheets[0].getRow(2).values as unknown[];
    expect(row.slice(1, 3)).toEqual([3, 'PERSON_ID_FORMAT']);
    // Someone else's job is not visible.
    expect((await ctx().as('grid', { url: `/api/jobs/${jobId}` })).statusCode).toBe(404);
    expect((await ctx().as('grid', { method: 'POST', url: '/api/persons/import', ...multipart('x.csv', Buffer.from(csv)) })).statusCode).toBe(403);
  });
});
