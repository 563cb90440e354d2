import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { text, type CellValue } from '@pams/server-reports';

/** A problem with the whole file: the import fails with this message and nothing is staged. */
export class LegacyFileError extends Error {}

export const MAX_ROWS = 200_000;
export const MAX_COLUMNS = 100;
/** Longer cells are cut here; a field's own limit is smaller, so the row is rejected with TOO_LONG. */
const CELL_MAX = 20_001;

/** One data row: its number as a spreadsheet shows it (the header row is 1) and its cells as text. */
export interface FileRow {
  rowNumber: number;
  cells: (string | null)[];
}

export interface FileReader {
  headers: string[];
  rows: AsyncIterable<FileRow>;
}

/** How far the body has come; `tooLarge` once it passed the limit. */
interface BodyState {
  maxBytes: number;
  tooLarge: boolean;
}

const tooLargeError = (state: BodyState) => new LegacyFileError(`The file is larger than ${Math.round(state.maxBytes / 1024 / 1024)} MB: split it and import each part.`);

/**
 * The body, counted as it streams; past the limit it ends early and marks `tooLarge` (an error thrown inside
 * a piped stream would not reach the parser's reader, so the parsers check the mark instead).
 */
async function* limited(body: AsyncIterable<Buffer>, first: Buffer, state: BodyState): AsyncGenerator<Buffer> {
  let total = first.length;
  if (total > state.maxBytes) {
    state.tooLarge = true;
    return;
  }
  yield first;
  for await (const chunk of body) {
    total += chunk.length;
    if (total > state.maxBytes) {
      state.tooLarge = true;
      return;
    }
    yield chunk;
  }
}

/** The delimiter of the header line: the most frequent of comma, semicolon and tab outside quotes. */
function sniffDelimiter(head: string): string {
  const line = head.replace(/^\uFEFF/, '').split(/\r?\n/)[0].replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, line.split(d).length - 1] as const);
  return counts.sort((a, b) => b[1] - a[1])[0][1] > 0 ? counts[0][0] : ',';
}

function cellText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const s = value.replace(/\s+/g, ' ').trim();
  return s === '' ? null : s.slice(0, CELL_MAX);
}

/**
 * Reads a CSV (comma, semicolon or tab; UTF-8, BOM or not) or an .xlsx (first worksheet) as it streams:
 * the first non-empty row names the columns, then rows come one at a time, so memory does not follow
 * the file's size. File-level problems throw LegacyFileError.
 */
export async function readLegacyFile(body: AsyncIterable<Buffer>, maxBytes: number): Promise<FileReader> {
  const iterator = body[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done || first.value.length === 0) throw new LegacyFileError('The file is empty.');
  const head = Buffer.from(first.value);
  const rest = { [Symbol.asyncIterator]: () => iterator };
  const state: BodyState = { maxBytes, tooLarge: false };
  const source = limited(rest, head, state);
  if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) throw new LegacyFileError('This is an old Excel .xls file: save it as .xlsx or CSV and upload again.');
  const rows = head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) ? xlsxRows(source, state) : csvRows(source, head, state);
  const it = rows[Symbol.asyncIterator]();
  let header: IteratorResult<FileRow>;
  do header = await it.next();
  while (!header.done && header.value.cells.every((c) => c === null));
  if (header.done) throw new LegacyFileError('The file has no header row: the first row must name the columns.');
  const headers = header.value.cells.map((c, i) => c ?? `Column ${i + 1}`);
  if (headers.length > MAX_COLUMNS) throw new LegacyFileError(`The file has ${headers.length} columns; at most ${MAX_COLUMNS} are read.`);
  async function* data(): AsyncGenerator<FileRow> {
    let count = 0;
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      if (next.value.cells.every((c) => c === null)) continue;
      count += 1;
      if (count > MAX_ROWS) throw new LegacyFileError(`The file has more than ${MAX_ROWS.toLocaleString('en')} rows: split it and import each part.`);
      yield next.value;
    }
  }
  return { headers, rows: data() };
}

async function* csvRows(source: AsyncIterable<Buffer>, head: Buffer, state: BodyState): AsyncGenerator<FileRow> {
  if (head.subarray(0, 4096).includes(0)) throw new LegacyFileError('This is not a CSV or .xlsx file: export the data from the old system as CSV or Excel.');
  const parser = Readable.from(source).pipe(
    parse({ bom: true, delimiter: sniffDelimiter(head.subarray(0, 64 * 1024).toString('utf8')), relax_column_count: true, relax_quotes: true, skip_empty_lines: false, info: true }),
  );
  // Blank lines count, as a spreadsheet numbers its rows; the reader skips them.
  let rowNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<{ record: string[] }>) {
      if (state.tooLarge) throw tooLargeError(state);
      rowNumber += 1;
      yield { rowNumber, cells: record.record.map(cellText) };
    }
    if (state.tooLarge) throw tooLargeError(state);
  } catch (error) {
    if (error instanceof LegacyFileError) throw error;
    if (state.tooLarge) throw tooLargeError(state);
    throw new LegacyFileError(`The CSV could not be read after row ${rowNumber}: ${(error as Error).message}`);
  }
}

async function* xlsxRows(source: AsyncIterable<Buffer>, state: BodyState): AsyncGenerator<FileRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(source), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'emit',
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as CellValue[];
        if (state.tooLarge) throw tooLargeError(state);
        if (!Array.isArray(values)) continue;
        yield { rowNumber: row.number, cells: Array.from(values.slice(1), (c) => cellText(text(c))) };
      }
      break; // the first worksheet only
    }
    if (state.tooLarge) throw tooLargeError(state);
  } catch (error) {
    if (error instanceof LegacyFileError) throw error;
    if (state.tooLarge) throw tooLargeError(state);
    throw new LegacyFileError('The file could not be read as an Excel workbook: save it again as .xlsx or CSV.');
  }
}
