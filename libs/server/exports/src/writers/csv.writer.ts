import { stringify } from 'csv-stringify';
import type { Cell, ExportColumn } from '../table-source.js';
import { drained, ended, type TableWriter } from './writer.js';

/** Text a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed with an apostrophe (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(column: ExportColumn, value: Cell): string | number {
  if (value === null) return '';
  if (typeof value === 'number') return value;
  return column.type === 'text' && FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * RFC 4180 CSV (CRLF, quoted where needed) with a UTF-8 BOM so Excel reads accents right; numbers plain
 * (no thousands separators), dates ISO. csv-stringify's stream is piped to `out`, batch by batch.
 */
export const writeCsv: TableWriter = async (source, out, hooks) => {
  const csv = stringify({ bom: true, record_delimiter: 'windows' });
  csv.on('error', (error) => out.destroy(error));
  csv.pipe(out);
  const columns = source.columns;
  csv.write(columns.map((c) => c.header));
  let done = 0;
  for await (const batch of source.batches()) {
    for (const row of batch) csv.write(columns.map((c) => csvCell(c, row[c.key] ?? null)));
    done += batch.length;
    await hooks?.onRows?.(done);
    await drained(csv, out);
  }
  csv.end();
  await ended(out);
};
