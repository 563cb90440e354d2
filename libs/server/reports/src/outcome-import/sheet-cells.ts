import type ExcelJS from 'exceljs';

/** A spreadsheet cell as exceljs gives it, or the text of a CSV field. */
export type CellValue = ExcelJS.CellValue;

const AMOUNT_MAX = 999_999_999_999.99;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** What a cell holds, whatever exceljs made of it (rich text, hyperlink, formula result…). */
export function plain(value: CellValue | undefined): string | number | boolean | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('hyperlink' in value) return String((value as { text?: unknown }).text ?? value.hyperlink);
    if ('result' in value) return plain((value as { result?: CellValue }).result);
    if ('error' in value) return null;
  }
  return String(value);
}

/** The cell as one line of trimmed text (a date as YYYY-MM-DD), or null when empty. */
export function text(value: CellValue | undefined): string | null {
  const cell = plain(value);
  if (cell === null) return null;
  const s = (cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell)).replace(/\s+/g, ' ').trim();
  return s === '' ? null : s;
}

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** Dates as Excel dates, YYYY-MM-DD, or "14 Nov 2026" / "14-Nov-2026"; 14/11/2026 is refused (day or month first?). */
export function dateOf(value: CellValue | undefined): string | null | 'bad' {
  const cell = plain(value);
  if (cell === null) return null;
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === 'number') {
    // An Excel serial date in a cell without a date format.
    if (cell < 20_000 || cell > 80_000) return 'bad';
    return new Date(Math.round((cell - 25_569) * 86_400_000)).toISOString().slice(0, 10);
  }
  const s = String(cell).trim();
  if (s === '') return null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (m) return isoDate(+m[1], +m[2], +m[3]) ?? 'bad';
  m = /^(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*[ -,]+(\d{4})$/.exec(s);
  if (m && MONTHS.includes(m[2].toLowerCase())) return isoDate(+m[3], MONTHS.indexOf(m[2].toLowerCase()) + 1, +m[1]) ?? 'bad';
  return 'bad';
}

/** An amount from a number cell or text such as "1,200.50" or "$ 1200". */
export function amountOf(value: CellValue | undefined): string | null | 'bad' {
  const cell = plain(value);
  if (cell === null) return null;
  const digits = typeof cell === 'number' ? '' : String(cell).replace(/[,\s]/g, '').replace(/^[^\d.-]+/, '');
  if (typeof cell !== 'number' && digits === '') return 'bad';
  const n = typeof cell === 'number' ? cell : Number(digits);
  if (!Number.isFinite(n) || n < 0 || n > AMOUNT_MAX) return 'bad';
  return n.toFixed(2);
}
