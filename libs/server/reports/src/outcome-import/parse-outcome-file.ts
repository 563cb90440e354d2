import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { Currency, OutcomeResult } from '@pams/shared-util';
import { mapHeaders, type HeaderMap, type ImportField } from './import-columns.js';
import { amountOf, dateOf, text } from './sheet-cells.js';

/** A file larger than this is refused before it is parsed (the route's body limit). */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** Data rows per file: a month's CRM export is a few hundred; the apply runs them in one transaction. */
export const IMPORT_MAX_ROWS = 1_000;

const FIRST_DATE = '2020-01-01';
const LAST_DATE = '2050-12-31';
const LENGTHS: Partial<Record<ImportField, number>> = { crmId: 100, accountName: 200, projectName: 200, salesRep: 200, competitors: 500, crmLink: 500, reason: 5_000 };

/** The cells of one data row as the import keeps them, and what is wrong with them. */
export interface ParsedRow {
  rowNumber: number;
  crmId: string | null;
  accountName: string | null;
  projectName: string | null;
  result: OutcomeResult | null;
  closeDate: string | null;
  reason: string | null;
  mrrAmount: string | null;
  currency: Currency | null;
  oneTimeValue: string | null;
  salesRep: string | null;
  competitors: string | null;
  crmLink: string | null;
  errors: string[];
}

/** A problem with the whole file: nothing is stored. */
export class ImportFileError extends Error {}

type CellValue = ExcelJS.CellValue;

const RESULTS: Record<string, OutcomeResult> = {
  won: OutcomeResult.WON,
  closedwon: OutcomeResult.WON,
  win: OutcomeResult.WON,
  lost: OutcomeResult.LOST,
  closedlost: OutcomeResult.LOST,
  loss: OutcomeResult.LOST,
};

function parseRow(rowNumber: number, cells: CellValue[], columns: HeaderMap): ParsedRow {
  const errors: string[] = [];
  const cell = (field: ImportField) => (columns[field] === undefined ? undefined : cells[columns[field]!]);
  const str = (field: ImportField, label: string, required = false): string | null => {
    const value = text(cell(field));
    if (value === null && required) errors.push(`${label} is empty.`);
    const max = LENGTHS[field];
    if (value !== null && max && value.length > max) {
      errors.push(`${label} is longer than ${max} characters.`);
      return value.slice(0, max);
    }
    return value;
  };
  const crmId = str('crmId', 'Opportunity ID', true);
  const accountName = str('accountName', 'Account Name', true);
  const projectName = str('projectName', 'Opportunity Name', true);
  const stage = text(cell('result'));
  const result = stage === null ? null : (RESULTS[stage.toLowerCase().replace(/[^a-z]/g, '')] ?? null);
  if (stage === null) errors.push('Stage is empty: give Won or Lost.');
  else if (result === null) errors.push(`Stage "${stage.slice(0, 40)}" is neither Won nor Lost (Closed Won / Closed Lost).`);
  const date = dateOf(cell('closeDate'));
  let closeDate: string | null = null;
  if (date === null) errors.push('Close Date is empty.');
  else if (date === 'bad') errors.push('Close Date is not a date: use an Excel date or YYYY-MM-DD.');
  else if (date < FIRST_DATE || date > LAST_DATE) errors.push(`Close Date ${date} is outside 2020–2050.`);
  else closeDate = date;
  const reason = str('reason', 'Win/Loss Reason', true);
  const mrr = amountOf(cell('mrrAmount'));
  if (mrr === 'bad') errors.push('MRR is not an amount of zero or more.');
  const oneTime = amountOf(cell('oneTimeValue'));
  if (oneTime === 'bad') errors.push('One-time Value is not an amount of zero or more.');
  const code = text(cell('currency'))?.toUpperCase() ?? null;
  const currency = code && (Object.values(Currency) as string[]).includes(code) ? (code as Currency) : null;
  if (code && !currency) errors.push(`Currency "${code.slice(0, 10)}" is not one of ${Object.values(Currency).join(', ')}.`);
  else if (!code && ((mrr !== null && mrr !== 'bad') || (oneTime !== null && oneTime !== 'bad'))) errors.push('Currency is empty: an amount needs one.');
  const crmLink = str('crmLink', 'Opportunity URL');
  if (crmLink !== null && !/^https?:\/\/\S+$/i.test(crmLink)) errors.push('Opportunity URL is not an http(s) link.');
  return {
    rowNumber,
    crmId,
    accountName,
    projectName,
    result,
    closeDate,
    reason,
    mrrAmount: mrr === 'bad' ? null : mrr,
    currency,
    oneTimeValue: oneTime === 'bad' ? null : oneTime,
    salesRep: str('salesRep', 'Sales Rep'),
    competitors: str('competitors', 'Competitors'),
    crmLink: crmLink !== null && /^https?:\/\/\S+$/i.test(crmLink) ? crmLink : null,
    errors,
  };
}

/** The file's kind from its first bytes: an .xlsx is a zip. */
function checkSignature(body: Buffer): void {
  if (body.length === 0) throw new ImportFileError('The file is empty.');
  if (body.length > IMPORT_MAX_BYTES) throw new ImportFileError(`The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB.`);
  if (body.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw new ImportFileError('This is an old Excel .xls file: save it as .xlsx (Excel Workbook) and upload again.');
  }
  if (!body.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    throw new ImportFileError('This is not an Excel .xlsx file: export the report from the CRM as Excel (.xlsx).');
  }
}

/**
 * Reads the first worksheet of an .xlsx with exceljs's streaming reader, row by row, and stops past
 * IMPORT_MAX_ROWS (so a huge sheet is never held whole). The first non-empty row names the columns.
 * File-level problems throw ImportFileError; row-level ones are in each row's `errors`.
 */
export async function parseOutcomeFile(body: Buffer): Promise<ParsedRow[]> {
  checkSignature(body);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([body]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'emit',
  });
  let columns: HeaderMap | null = null;
  const rows: ParsedRow[] = [];
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
        const cells = row.values as CellValue[];
        if (!Array.isArray(cells) || cells.every((c) => text(c) === null)) continue;
        if (!columns) {
          const mapped = mapHeaders(Array.from(cells.slice(1), (c) => text(c) ?? ''));
          if ('error' in mapped) throw new ImportFileError(mapped.error);
          columns = mapped.columns;
          continue;
        }
        if (rows.length === IMPORT_MAX_ROWS) throw new ImportFileError(`The file has more than ${IMPORT_MAX_ROWS} rows: split it and upload each part.`);
        rows.push(parseRow(row.number, cells, columns));
      }
      break; // the first worksheet only
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError('The file could not be read as an Excel workbook: export it from the CRM again as .xlsx.');
  }
  if (!columns) throw new ImportFileError('The first worksheet is empty: the first row must name the columns.');
  if (rows.length === 0) throw new ImportFileError('The file names the columns but has no rows.');
  return rows;
}
