import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '@pams/shared-util';
import { signedInUser } from './support/domain-fixtures.js';
import { parseCsv, pdfPageCount, pdfText } from './support/export-files.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createMonthlyWorld, download, MONTH, MONTHLY_REPORT, SAVE_OVERRIDE, type MonthlyWorld } from './support/monthly-fixtures.js';

let app: TestApp;
let w: MonthlyWorld;
let report: Record<string, any>;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

beforeAll(async () => {
  app = await startTestApp();
  w = await createMonthlyWorld(app);
  const saved = (await w.managerSouth.client.data(SAVE_OVERRIDE, {
    month: MONTH,
    v: 0,
    input: {
      highlights: 'Best quarter close so far, driven by "Deal 1".',
      featuredUseCaseIds: [w.f.useCaseIds[0]],
      manualWins: [{ title: 'Handshake deal', accountName: 'Corner Shop', mrrReporting: 750, story: 'Verbal yes.' }],
      winOfTheMonthOutcomeId: w.wins[1].id,
      winOfTheMonthStory: 'Deal 2 took a year of patient work.',
    },
  })).saveMonthlyReportOverride;
  expect(saved.__typename).toBe('MonthlyReportOverride');
  report = (await w.leader.client.data(MONTHLY_REPORT, { from: MONTH })).monthlyReport;
});

afterAll(async () => {
  await app?.close();
});

describe('monthly report downloads', () => {
  it('answers 401 without credentials, with a bad session, and 400 on bad months', async () => {
    for (const path of ['/reports/monthly.pdf?from=2026-03', '/reports/email-package.zip?from=2026-03']) {
      const none = await download(app, path);
      expect(none.status).toBe(401);
      expect(await none.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'Sign in first.' } });
      expect((await download(app, path, undefined, { cookie: 'pams_session=forged' })).status).toBe(401);
      expect((await download(app, path, undefined, { authorization: 'Bearer nope' })).status).toBe(401);
    }
    const cases: [string, string][] = [
      ['/reports/monthly.pdf', 'Give "from" as a month, YYYY-MM.'],
      ['/reports/monthly.pdf?from=2026-3', '"from" must be a month as YYYY-MM, not "2026-3".'],
      ['/reports/email-package.zip?from=2026-04&to=2026-01', '"from" (2026-04) is after "to" (2026-01).'],
      ['/reports/monthly.pdf?from=2026-01&to=2051-01', '"to" must be between 2020-01 and 2050-12.'],
    ];
    for (const [path, message] of cases) {
      const response = await download(app, path, w.leader);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: { code: 'BAD_USER_INPUT', message } });
    }
  });

  it('serves the PDF with the figures, the overrides and page numbers', async () => {
    const response = await download(app, '/reports/monthly.pdf?from=2026-03&to=2026-03', w.leader);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="pams-monthly-report-2026-03.pdf"');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    const s = report.summary;
    expect(text).toContain('March 2026');
    for (const figure of [s.activities, s.external, s.internal, s.accountsTouched]) expect(text).toContain(figure.toLocaleString('en-US'));
    expect(text).toContain('44,000');
    expect(text).toContain('Best quarter close so far, driven by "Deal 1".');
    expect(text).toContain('Order tracking');
    expect(text).toContain('Deal 2 took a year of patient work.');
    expect(text).toContain('Handshake deal');
    expect(text).toContain('Missing CRM links by sales rep');
    expect(text).toContain('Sam South');
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(8);
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);
  });

  it('serves an analyst holding a read-only access token (Bearer)', async () => {
    const analyst = await signedInUser(app, { role: Role.ANALYST });
    const created = await analyst.client.data(`mutation { createAccessToken(name: "monthly", expiresInDays: 1) { ... on AccessTokenCreated { token } } }`);
    const response = await download(app, '/reports/monthly.pdf?from=2026-03', undefined, { authorization: `Bearer ${created.createAccessToken.token}` });
    expect(response.status).toBe(200);
    expect(pdfText(Buffer.from(await response.arrayBuffer()))).toContain(report.summary.activities.toLocaleString('en-US'));
  });

  it('limits a manager\'s PDF to their regions', async () => {
    const response = await download(app, '/reports/monthly.pdf?from=2026-03', w.managerSouth);
    expect(response.status).toBe(200);
    const text = pdfText(Buffer.from(await response.arrayBuffer()));
    expect(text).toContain('India South');
    expect(text).toContain('26,000');
    expect(text).not.toContain('Sea Traders');
  });

  it('serves the email package: HTML with inline charts, text, PNGs, CSV and XLSX that read back', async () => {
    const response = await download(app, '/reports/email-package.zip?from=2026-03', w.leader);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="pams-monthly-email-2026-03.zip"');
    const zip = await JSZip.loadAsync(Buffer.from(await response.arrayBuffer()));
    const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir).sort();
    expect(names).toEqual(expect.arrayContaining(['README.txt', 'email.html', 'email.txt', 'charts/activity-by-type.png', 'attachments/wins-and-losses.csv',
      'attachments/pams-monthly-report-2026-03.xlsx', 'attachments/pams-monthly-report-2026-03.pdf']));

    const html = await zip.file('email.html')!.async('string');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toMatch(/<\/html>\s*$/);
    expect(html).not.toMatch(/<style|<script|<link/i);
    expect(html).toContain('max-width:640px');
    // Balanced tables: every <table>, <tr> and <td> is closed.
    for (const tag of ['table', 'tr', 'td']) expect(html.match(new RegExp(`<${tag}[\\s>]`, 'g'))?.length).toBe(html.match(new RegExp(`</${tag}>`, 'g'))?.length);
    const s = report.summary;
    for (const figure of [s.activities, s.external, s.internal, s.accountsTouched, 44000]) expect(html).toContain(`>${figure.toLocaleString('en-US')}<`);
    expect(html).toContain('Best quarter close so far, driven by &quot;Deal 1&quot;.');
    expect(html).toContain('Deal 2 took a year of patient work.');
    expect(html).toContain('Order tracking');
    const inline = [...html.matchAll(/src="data:image\/png;base64,([^"]+)"/g)].map((m) => Buffer.from(m[1], 'base64'));
    const pngNames = names.filter((n) => n.startsWith('charts/'));
    expect(inline.length).toBe(pngNames.length);
    expect(inline.length).toBeGreaterThanOrEqual(5);
    for (const png of inline) expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    for (const name of pngNames) {
      const png = await zip.file(name)!.async('nodebuffer');
      expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
      expect(inline.some((b) => b.equals(png))).toBe(true);
    }

    const text = await zip.file('email.txt')!.async('string');
    expect(text).toContain('Pre-sales monthly report — March 2026');
    expect(text).toContain(s.activities.toLocaleString('en-US'));
    expect(text).toContain('Deal 2 took a year of patient work.');
    expect(await zip.file('README.txt')!.async('string')).toContain('PAMS does not send this email');

    // The CSV and the XLSX hold the rows of the report, value for value.
    const expected = report.winsAndLosses.map((o: Record<string, unknown>) => [o.accountName, o.projectName, o.result, o.mrrReporting]);
    const csv = parseCsv((await zip.file('attachments/wins-and-losses.csv')!.async('string')).replace(/^\uFEFF/, ''));
    const header = csv[0];
    const col = (name: string) => header.indexOf(name);
    expect(csv.slice(1).map((r) => [r[col('Account')], r[col('Project')], r[col('Result')], Number(r[col('MRR (USD)')])])).toEqual(expected);
    const typeCsv = parseCsv((await zip.file('attachments/activity-by-type.csv')!.async('string')).replace(/^\uFEFF/, ''));
    expect(typeCsv.slice(1).map((r) => [r[0], Number(r[1])])).toEqual(report.activityByType.map((r: { label: string; activityCount: number }) => [r.label, r.activityCount]));

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await zip.file('attachments/pams-monthly-report-2026-03.xlsx')!.async('nodebuffer') as never);
    const sheet = workbook.getWorksheet('Wins and losses')!;
    const sheetRows: unknown[][] = [];
    sheet.eachRow((row) => sheetRows.push((row.values as unknown[]).slice(1)));
    const sheetHeader = sheetRows[0] as string[];
    const at = (name: string) => sheetHeader.indexOf(name);
    expect(sheetRows.slice(1).map((r) => [r[at('Account')], r[at('Project')], r[at('Result')], r[at('MRR (USD)')]])).toEqual(expected);
    const presales: unknown[][] = [];
    workbook.getWorksheet('Activity by presales user')!.eachRow((row) => presales.push((row.values as unknown[]).slice(1, 3)));
    expect(presales.slice(1)).toEqual(report.activityByPresalesUser.map((r: { label: string; activityCount: number }) => [r.label, r.activityCount]));
  });
});
