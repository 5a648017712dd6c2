// Streaming reader for CSV and XLSX imports: yields one record per data row with the header mapped
// to canonical column names (English names or Chinese aliases). Row numbers count the header as 1.
import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { badRequest } from './errors.ts';

export interface ColumnSpec {
  name: string;
  aliases?: string[];
  required?: boolean;
}

export interface TableRow {
  row: number;
  values: Record<string, string>;
}

function normalizeHeader(h: string): string {
  return h.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s-]+/g, '_');
}

export function mapHeader(header: string[], columns: ColumnSpec[]): (string | null)[] {
  const lookup = new Map<string, string>();
  for (const c of columns) {
    lookup.set(normalizeHeader(c.name), c.name);
    for (const a of c.aliases ?? []) lookup.set(normalizeHeader(a), c.name);
  }
  const mapped = header.map((h) => lookup.get(normalizeHeader(String(h ?? ''))) ?? null);
  const expected = columns.map((c) => (c.aliases?.length ? `${c.name} (${c.aliases.join('/')})` : c.name));
  if (mapped.every((m) => m === null))
    throw badRequest('IMPORT_HEADERS_UNKNOWN', `No column of the header row is known. Expected columns: ${expected.join(', ')}`, { expected: columns.map((c) => c.name) });
  const missing = columns.filter((c) => c.required && !mapped.includes(c.name)).map((c) => c.name);
  if (missing.length) throw badRequest('IMPORT_COLUMNS_MISSING', `Missing required columns: ${missing.join(', ')}`, { missing });
  return mapped;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    return '';
  }
  return String(v);
}

/** Yields [row number, cells]; a CSV's empty lines come through as records, so a count is its numbering. */
async function* csvRows(file: string): AsyncGenerator<[number, string[]]> {
  const parser = createReadStream(file).pipe(parse({ bom: true, relax_column_count: true, trim: true }));
  let n = 0;
  for await (const rec of parser) yield [++n, rec as string[]];
}

/** Yields [row number, cells]; the sheet omits empty rows, so the number is Excel's, not a count. */
async function* xlsxRows(file: string): AsyncGenerator<[number, string[]]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit' });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as ExcelJS.CellValue[]; // 1-based
      yield [row.number, values.slice(1).map(cellText)];
    }
    return; // first sheet only
  }
}

export function tableFormat(file: string): 'csv' | 'xlsx' {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  throw badRequest('IMPORT_FORMAT_UNKNOWN', `Import files are .csv or .xlsx, not "${ext || file}"`);
}

export async function* readTable(file: string, columns: ColumnSpec[]): AsyncGenerator<TableRow> {
  const rows = tableFormat(file) === 'csv' ? csvRows(file) : xlsxRows(file);
  let mapped: (string | null)[] | null = null;
  for await (const [rowNumber, cells] of rows) {
    if (!mapped) {
      mapped = mapHeader(cells, columns);
      continue;
    }
    if (cells.every((c) => c === '')) continue;
    const values: Record<string, string> = {};
    mapped.forEach((name, i) => {
      if (name) values[name] = (cells[i] ?? '').trim();
    });
    yield { row: rowNumber, values };
  }
  if (!mapped) throw badRequest('IMPORT_EMPTY', 'The file has no header row');
}
