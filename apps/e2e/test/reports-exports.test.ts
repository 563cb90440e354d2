import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig, tasks } from '@pams/gateway';
import type { TaskHandler } from '@pams/server-core';
import { EXPORT_WRITE_TASK } from '@pams/server-exports';
import { Region } from '@pams/server-identity';
import { startJobRunner, type JobRunner } from '@pams/server-jobs';
import { downloadOf, openSignedIn } from './support/browser.js';
import { asSystem, createActivities, previousMonth, thisMonth, type NewActivity } from './support/fixtures.js';
import { usePortalWithBrowser } from './support/portal.js';

const LONG_MONTH = '2024-06';
const ACCOUNTS = 150;
const reportTable = (page: Page) => page.getByRole('table', { name: /^Report by/ });

/** The report's rows as the table shows them: the keys' labels, then the activity count. */
async function shownRows(page: Page): Promise<string[][]> {
  await reportTable(page).getByRole('row').nth(1).waitFor();
  return reportTable(page).evaluate((table) =>
    Array.from(table.querySelectorAll(`[role="row"]`))
      .filter((row) => row.getAttribute('aria-rowindex') !== '1' && row.getAttribute('data-testid') !== 'report-totals')
      .map((row) => Array.from(row.querySelectorAll(`[role="cell"]`)).map((cell) => (cell as HTMLElement).innerText.trim()))
      .map((cells) => cells.slice(0, cells.length - 2)),
  );
}

/** The first sheet of an XLSX, cell values row by row. */
async function xlsxRows(body: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push(Array.from({ length: sheet.columnCount }, (_, i) => row.getCell(i + 1).value ?? null)));
  return rows;
}

/** A gate a task waits at: `reached` resolves when it gets there, `open()` lets it go on. */
function gate() {
  let open!: () => void;
  let arrive!: () => void;
  const reached = new Promise<void>((resolve) => (arrive = resolve));
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { reached, open, wait: () => (arrive(), opened) };
}

describe('report exports and the monthly email package', () => {
  const e2e = usePortalWithBrowser();
  const month = thisMonth();
  const earlier = previousMonth(month);
  let runner: JobRunner | undefined;
  let otherRegion: string;

  beforeAll(async () => {
    otherRegion = await asSystem(async () => {
      const em = e2e.portal.orm.em.fork();
      const region = em.create(Region, { name: 'Europe North' });
      await em.flush();
      return region.id;
    });
    const acme = { account: 'Acme Retail', project: 'Chat commerce' };
    const { member, colleague } = e2e.people;
    const day = (m: string, d: number) => `${m}-${String(d).padStart(2, '0')}`;
    const activities: NewActivity[] = [
      ...Array.from({ length: 4 }, (_, i) => ({ owner: member, date: day(month, i + 1), external: acme })),
      ...Array.from({ length: 6 }, (_, i) => ({ owner: member, date: day(month, i + 1), name: `Training ${i}` })),
      ...Array.from({ length: 3 }, (_, i) => ({ owner: member, date: day(earlier, i + 10), name: `Earlier ${i}` })),
      ...Array.from({ length: 6 }, (_, i) => ({ owner: colleague, date: day(month, i + 1), name: `Colleague ${i}` })),
    ];
    await createActivities(e2e.portal.orm, e2e.people.region, activities);
    // A long month: 150 accounts, for the background export.
    await createActivities(
      e2e.portal.orm,
      e2e.people.region,
      Array.from({ length: ACCOUNTS }, (_, i) => ({ owner: colleague, date: day(LONG_MONTH, (i % 28) + 1), external: { account: `Account ${i + 1}`, project: 'Pilot' } })),
    );
  });

  afterAll(async () => {
    await runner?.stop();
  });

  it('a manager builds a report, sees its chart, saves it, exports it as XLSX and downloads the email package', async () => {
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/`, e2e.people.manager.email);
    await page.waitForURL((url) => url.pathname === '/reports');
    await shownRows(page);

    // Build: grouped by presales user over the last three months, as a bar chart.
    await page.getByLabel('Group by 1').selectOption('OWNER');
    await page.getByRole('button', { name: 'Last 3 months' }).click();
    const expected = [['Mira Member', '13'], ['Colin Colleague', '6']];
    await expect.poll(() => shownRows(page)).toEqual(expected);
    await page.getByRole('radio', { name: 'Bar chart' }).click();
    await page.getByTestId('report-chart').locator('canvas').first().waitFor();

    const panel = page.getByTestId('preset-panel');
    await panel.getByLabel('Preset name').fill('Team quarter');
    await panel.getByRole('button', { name: 'Save as new preset' }).click();
    await expect.poll(() => panel.getByTestId('preset-status').innerText()).toBe('Preset saved.');
    await expect.poll(() => new URL(page.url()).searchParams.get('preset')).toMatch(/^[0-9a-f-]{36}$/);

    // The XLSX holds the report's rows, and its total.
    const exports = page.getByRole('group', { name: 'Export the report' });
    const xlsx = await downloadOf(page, exports.getByRole('link', { name: 'XLSX of the report' }));
    expect(xlsx.name).toBe(`pams-activity-report-${previousMonth(earlier)}_${month}.xlsx`);
    const rows = await xlsxRows(xlsx.body);
    expect(rows[0].slice(0, 2)).toEqual(['Presales user', 'Activities']);
    expect(rows.slice(1).map((row) => [row[0], String(row[1])])).toEqual([...expected, ['Total', '19']]);

    // The email package of the same months: the preview's headline and the package's HTML agree.
    await page.getByRole('link', { name: 'Monthly email package' }).click();
    await page.getByTestId('email-package-page').waitFor();
    expect(new URL(page.url()).searchParams.get('last')).toBe('3');
    await expect.poll(() => page.getByTestId('email-figure-activities').innerText()).toMatch(/19$/);
    expect(await page.getByTestId('email-figure-external').innerText()).toMatch(/4$/);
    const zipped = await downloadOf(page, page.getByRole('link', { name: 'Download email package' }));
    expect(zipped.name).toMatch(/^pams-monthly-email-.+\.zip$/);
    const zip = await JSZip.loadAsync(zipped.body);
    const html = await zip.file('email.html')!.async('string');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('>19<');
    expect(html).toContain('India South');
    expect(Object.keys(zip.files)).toEqual(expect.arrayContaining(['email.txt', 'README.txt']));
    expect(errors).toEqual([]);
    await close();
  });

  it('runs a long export in the background: progress while it is written, then the file', async () => {
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/reports?from=${LONG_MONTH}&to=${LONG_MONTH}&by=ACCOUNT`, e2e.people.manager.email);
    await reportTable(page).getByRole('row').nth(1).waitFor();
    const exports = page.getByRole('group', { name: 'Export the report' });
    await exports.getByLabel('Background export format of the report').selectOption('XLSX');
    await exports.getByRole('button', { name: 'Export in background' }).click();
    const job = page.getByTestId('export-job');
    // No runner yet: the job waits in the queue, and the page says so.
    await expect.poll(() => job.innerText()).toContain('Waiting to start…');

    // A runner whose export task stops at its first and its last progress report, so the page can be seen at each.
    const atStart = gate();
    const atEnd = gate();
    const write = tasks()[EXPORT_WRITE_TASK] as TaskHandler;
    const gatedWrite: TaskHandler = (payload, helpers) =>
      write(payload, {
        ...helpers,
        progress: async (done, total, message) => {
          await helpers.progress(done, total, message);
          if (done === 0) await atStart.wait();
          else if (total !== null && done >= total) await atEnd.wait();
        },
      });
    runner = await startJobRunner({
      connectionString: String(e2e.portal.orm.config.get('clientUrl')),
      orm: e2e.portal.orm,
      config: loadGatewayConfig({ ...process.env, NODE_ENV: 'test', PAMS_DATA_DIR: path.dirname(e2e.portal.deployDir) }),
      log: pino({ level: 'silent' }),
      tasks: { ...tasks(), [EXPORT_WRITE_TASK]: gatedWrite },
      concurrency: 1,
      pollIntervalMs: 100,
    });

    const bar = job.getByRole('progressbar');
    await atStart.reached;
    await expect.poll(() => bar.getAttribute('aria-valuenow')).toBe('0');
    expect(await bar.getAttribute('aria-valuemax')).toBe(String(ACCOUNTS + 1));
    expect(await job.getByTestId('export-job-progress').innerText()).toBe(`0 of ${ACCOUNTS + 1} rows`);
    atStart.open();
    await atEnd.reached;
    await expect.poll(() => bar.getAttribute('aria-valuenow')).toBe(String(ACCOUNTS + 1));
    expect(await job.getByTestId('export-job-progress').innerText()).toBe(`${ACCOUNTS + 1} of ${ACCOUNTS + 1} rows`);
    atEnd.open();

    const link = job.getByRole('link', { name: /^Download pams-activity-report-.+\.xlsx$/ });
    await link.waitFor();
    const file = await downloadOf(page, link);
    const rows = await xlsxRows(file.body);
    expect(rows[0].slice(0, 2)).toEqual(['Account', 'Activities']);
    expect(rows).toHaveLength(ACCOUNTS + 2);
    expect(rows.at(-1)!.slice(0, 2)).toEqual(['Total', ACCOUNTS]);
    expect(errors).toEqual([]);
    await close();
  });

  it('says plainly when the server refuses a background export', async () => {
    // A manager asking for a region that is not theirs: the report and the export are both refused.
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/reports?region=${otherRegion}`, e2e.people.manager.email);
    const exports = page.getByRole('group', { name: 'Export the report' });
    await exports.getByRole('button', { name: 'Export in background' }).click();
    await expect.poll(() => page.getByRole('alert').first().innerText()).toMatch(/^The export was refused: You may report only on your own regions/);
    await expect.poll(() => page.getByTestId('export-job').count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });
});
