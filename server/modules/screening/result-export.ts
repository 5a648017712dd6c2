// `cordon export lab-results --round R --format csv|xlsx|fhir`: the latest result of every tube of a
// round, as the same columns the import takes (so a sheet goes from one system to another), or as a
// FHIR R4 collection Bundle (DiagnosticReport + Observation, LOINC 94500-6), streamed page by page.
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { xlsxSheet } from '../../platform/sheet-writer.ts';
import type { Queryable } from '../../platform/db.ts';
import { labResultsToFhirBundle } from '../../../domain/fhir.ts';
import type { LabResultValue } from '../../../domain/lab-results.ts';
import * as repo from './result-repo.ts';

const COLUMNS = ['tube_code', 'result', 'ct_orf1ab', 'ct_n', 'tested_at', 'lab_code', 'instrument'] as const;
const PAGE = 5000;

async function* pages(db: Queryable, roundId: number) {
  for (let after = 0; ; ) {
    const page = await repo.roundResultsPage(db, roundId, after, PAGE);
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1].tube_id;
  }
}

const write = (out: Writable, text: string) => new Promise<void>((resolve, reject) => (out.write(text, (err) => (err ? reject(err) : resolve()))));

export async function exportLabResults(db: Queryable, roundId: number, format: 'csv' | 'xlsx' | 'fhir', out: Writable): Promise<number> {
  let rows = 0;
  if (format === 'fhir') {
    // One Bundle; its entries are written a page at a time so a million results never sit in memory.
    await write(out, '{"resourceType":"Bundle","type":"collection","entry":[');
    for await (const page of pages(db, roundId)) {
      const bundle = labResultsToFhirBundle(
        page.map((r) => ({
          tubeCode: r.tube_code, result: r.result as LabResultValue, ctOrf1ab: r.ct_orf1ab === null ? null : Number(r.ct_orf1ab), ctN: r.ct_n === null ? null : Number(r.ct_n),
          testedAt: r.tested_at ? new Date(r.tested_at) : null, labCode: r.lab_code, instrument: r.instrument,
        })),
      );
      await write(out, (rows ? ',' : '') + bundle.entry.map((e) => JSON.stringify(e)).join(','));
      rows += page.length;
    }
    await write(out, ']}\n');
    return rows;
  }
  const toRow = (r: Awaited<ReturnType<typeof repo.roundResultsPage>>[number]) => ({
    tube_code: r.tube_code, result: r.result, ct_orf1ab: r.ct_orf1ab, ct_n: r.ct_n, tested_at: r.tested_at ? new Date(r.tested_at).toISOString() : '', lab_code: r.lab_code ?? '', instrument: r.instrument ?? '',
  });
  if (format === 'xlsx') {
    const sheet = xlsxSheet(out, '检测结果', COLUMNS.map((c) => ({ header: c, key: c, width: 18 })));
    for await (const page of pages(db, roundId)) for (const r of page) (sheet.add(toRow(r)), rows++);
    await sheet.end();
    return rows;
  }
  const csv = stringify({ header: true, columns: [...COLUMNS], bom: true });
  csv.pipe(out);
  for await (const page of pages(db, roundId)) {
    for (const r of page) {
      if (!csv.write(toRow(r))) await new Promise((resolve) => csv.once('drain', resolve));
      rows++;
    }
  }
  await new Promise((resolve) => {
    csv.once('end', resolve);
    csv.end();
  });
  return rows;
}
