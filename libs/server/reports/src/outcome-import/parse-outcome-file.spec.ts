import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { headerKey, mapHeaders } from './import-columns.js';
import { IMPORT_MAX_ROWS, parseOutcomeFile } from './parse-outcome-file.js';

const HEADERS = ['Opportunity ID', 'Account Name', 'Opportunity Name', 'Stage', 'Close Date', 'Win/Loss Reason', 'MRR', 'Currency', 'One-time Value'];

async function xlsx(rows: unknown[][], headers = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('S');
  sheet.addRow([]);
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('import columns', () => {
  it('matches headers regardless of case, spacing and punctuation, with aliases', () => {
    expect(headerKey(' Opportunity_ID ')).toBe('opportunityid');
    const mapped = mapHeaders(['opp id', 'CUSTOMER', 'Deal Name', 'Won/Lost', 'closed date', 'reason', 'Notes']);
    expect(mapped).toEqual({ columns: { crmId: 1, accountName: 2, projectName: 3, result: 4, closeDate: 5, reason: 6 } });
  });

  it('names every missing required column, and a column given twice', () => {
    expect(mapHeaders(['Account', 'Stage'])).toEqual({ error: expect.stringMatching(/missing: "Opportunity ID", "Opportunity Name", "Close Date", "Win\/Loss Reason"\./) });
    expect(mapHeaders([...HEADERS, 'Customer'])).toEqual({ error: 'A column is named twice: "Customer".' });
  });
});

describe('parseOutcomeFile', () => {
  it('reads cells of every shape: dates, text dates, amounts as text, currency in any case; skips the empty first row', async () => {
    const rows = await parseOutcomeFile(
      await xlsx([
        ['OPP-1', '  Acme   Retail ', 'Chat', 'Closed Won', new Date(Date.UTC(2026, 10, 14)), 'Demo', '1,200.50', 'usd', 45_000],
        ['OPP-2', 'Acme', 'Voice', 'lost', '3 Dec 2026', 'Price', null, null, null],
      ]),
    );
    expect(rows[0]).toMatchObject({ rowNumber: 3, accountName: 'Acme Retail', result: 'WON', closeDate: '2026-11-14', mrrAmount: '1200.50', currency: 'USD', oneTimeValue: '45000.00', errors: [] });
    expect(rows[1]).toMatchObject({ rowNumber: 4, result: 'LOST', closeDate: '2026-12-03', mrrAmount: null, errors: [] });
  });

  it('gives one sentence per bad cell', async () => {
    const [row] = await parseOutcomeFile(await xlsx([[null, 'Acme', 'Chat', 'Pending', '2026-02-30', null, -5, 'XYZ', null]]));
    expect(row.errors).toEqual([
      'Opportunity ID is empty.',
      'Stage "Pending" is neither Won nor Lost (Closed Won / Closed Lost).',
      'Close Date is not a date: use an Excel date or YYYY-MM-DD.',
      'Win/Loss Reason is empty.',
      'MRR is not an amount of zero or more.',
      'Currency "XYZ" is not one of INR, AED, USD, EUR, GBP, BRL.',
    ]);
  });

  it('refuses whole files it cannot use', async () => {
    await expect(parseOutcomeFile(Buffer.alloc(0))).rejects.toThrow('The file is empty.');
    await expect(parseOutcomeFile(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).rejects.toThrow(/old Excel \.xls/);
    await expect(parseOutcomeFile(Buffer.from('PK\x03\x04 not really a zip'))).rejects.toThrow(/could not be read as an Excel workbook/);
    const many = Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => [`OPP-${i}`, 'A', 'P', 'Won', '2026-01-01', 'R']);
    await expect(parseOutcomeFile(await xlsx(many))).rejects.toThrow(`The file has more than ${IMPORT_MAX_ROWS} rows`);
  });
});
