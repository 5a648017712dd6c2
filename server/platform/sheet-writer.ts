// Streaming XLSX output for exports and error sheets: one worksheet, rows committed as they come,
// so a million-row export never sits in memory.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

export interface SheetColumn {
  header: string;
  key: string;
  width?: number;
}

export interface SheetWriter {
  add(row: Record<string, unknown>): void;
  end(): Promise<void>;
}

export function xlsxSheet(out: Writable, name: string, columns: SheetColumn[]): SheetWriter {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet(name);
  ws.columns = columns;
  return {
    add: (row) => ws.addRow(row).commit(),
    async end() {
      ws.commit();
      await wb.commit();
    },
  };
}
