import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { MonthlyReport } from '../monthly-report.types.js';
import { headlines, rangeLabel, scopeLabel, type ReportTable } from './monthly-tables.js';

/** A table as CSV: a header row, raw numbers (no thousands separators), a BOM so Excel reads UTF-8. */
export function tableCsv(table: ReportTable): string {
  return stringify([table.columns, ...table.rows.map((row) => row.map((cell) => cell ?? ''))], { bom: true, record_delimiter: 'windows' });
}

/** Sheet names: at most 31 characters, none of []:*?/\ (Excel's rules). */
function sheetName(title: string): string {
  return title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
}

/** Every table as one workbook: a summary sheet, then one sheet per table with typed cells. */
export async function tablesXlsx(report: MonthlyReport, tables: readonly ReportTable[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'PAMS';
  workbook.created = report.asOf;
  const summary = workbook.addWorksheet('Summary');
  summary.addRow([`PAMS monthly report — ${rangeLabel(report)}`]).font = { bold: true, size: 14 };
  summary.addRow([scopeLabel(report)]);
  summary.addRow([]);
  for (const [label, value] of headlines(report)) summary.addRow([label, value]);
  summary.getColumn(1).width = 24;
  summary.getColumn(2).width = 16;
  for (const table of tables) {
    const sheet = workbook.addWorksheet(sheetName(table.title));
    sheet.addRow(table.columns).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map((cell) => cell ?? null));
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    table.columns.forEach((name, i) => {
      sheet.getColumn(i + 1).width = Math.min(48, Math.max(10, name.length + 2, ...table.rows.map((r) => String(r[i] ?? '').length + 2)));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
