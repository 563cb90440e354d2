import ExcelJS from 'exceljs';
import type { Cell, ExportColumn } from '../table-source.js';
import { drained, ended, type TableWriter } from './writer.js';

/** Excel's limit is 1,048,576 rows a sheet: past it the rows go on in a new sheet, header repeated. */
export const XLSX_ROWS_PER_SHEET = 1_048_575;

const NUMBER_FORMATS: Partial<Record<ExportColumn['type'], string>> = { date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm:ss' };

/** Sheet names: at most 31 characters, none of []:*?/\ (Excel's rules). */
export function sheetName(title: string, part = 1): string {
  const suffix = part > 1 ? ` (${part})` : '';
  return title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31 - suffix.length) + suffix;
}

function xlsxCell(column: ExportColumn, value: Cell): string | number | Date | null {
  if (value === null) return null;
  if (column.type === 'date' && typeof value === 'string') return new Date(`${value}T00:00:00Z`);
  if (column.type === 'datetime' && typeof value === 'string') return new Date(value);
  return value;
}

function width(column: ExportColumn): number {
  if (column.type === 'date') return 12;
  if (column.type === 'datetime') return 20;
  if (column.type === 'number') return Math.max(10, column.header.length + 2);
  return Math.max(14, Math.min(40, column.header.length + 4));
}

/**
 * An XLSX workbook through exceljs's streaming writer: each row is committed as it is written (inline
 * strings, no shared-string table held in memory), the header bold and frozen, numbers as numbers and
 * dates as dates.
 */
export const writeXlsx: TableWriter = async (source, out, hooks) => {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'PAMS';
  workbook.created = new Date();
  const columns = source.columns;
  let part = 0;
  let sheet: ExcelJS.Worksheet | undefined;
  let rowsInSheet = 0;
  const newSheet = () => {
    sheet?.commit();
    part += 1;
    sheet = workbook.addWorksheet(sheetName(source.title, part), { views: [{ state: 'frozen', ySplit: 1 }] });
    // Keys and formats only: a `header` here would write its own header row.
    sheet.columns = columns.map((c) => ({ key: c.key, width: width(c), ...(NUMBER_FORMATS[c.type] ? { style: { numFmt: NUMBER_FORMATS[c.type] } } : {}) }));
    const header = sheet.addRow(columns.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    rowsInSheet = 0;
  };
  newSheet();
  let done = 0;
  for await (const batch of source.batches()) {
    for (const row of batch) {
      if (rowsInSheet === XLSX_ROWS_PER_SHEET) newSheet();
      sheet!.addRow(columns.map((c) => xlsxCell(c, row[c.key] ?? null))).commit();
      rowsInSheet += 1;
    }
    done += batch.length;
    await hooks?.onRows?.(done);
    await drained(out);
  }
  sheet!.commit();
  await workbook.commit();
  await ended(out);
};
