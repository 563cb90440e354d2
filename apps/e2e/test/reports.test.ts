import type { Page, Response, Route } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, Region, User } from '@pams/server-identity';
import { ActivityType, Role } from '@pams/shared-util';
import { monthTotals, openPage, openSignedIn, signIn } from './support/browser.js';
import { asSystem, createActivities, PASSWORD, previousMonth, thisMonth } from './support/fixtures.js';
import { usePortalWithBrowser } from './support/portal.js';

const LONG_MONTH = '2024-06';
const reportTable = (page: Page) => page.getByRole('table', { name: /^Report by/ });

/** The report's rows as shown: the keys' labels, then the activity count (totals row left out). */
async function shownRows(page: Page): Promise<string[][]> {
  await reportTable(page).getByRole('row').nth(1).waitFor();
  return reportTable(page).evaluate((table) =>
    Array.from(table.querySelectorAll(`[role="row"]`))
      .filter((row) => row.getAttribute('aria-rowindex') !== '1' && row.getAttribute('data-testid') !== 'report-totals')
      .map((row) => Array.from(row.querySelectorAll(`[role="cell"]`)).map((cell) => (cell as HTMLElement).innerText.trim()))
      .map((cells) => cells.slice(0, cells.length - 2)),
  );
}

interface ReportAnswer {
  data?: { activityReport: { rows: { keys: { label: string }[]; activityCount: number }[] } };
  errors?: unknown[];
}

/** The same report asked of the API directly, with the page's own session: what the table must show. */
async function apiRows(page: Page, input: Record<string, unknown>): Promise<string[][]> {
  const answer = await page.evaluate(async (variables) => {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query ($input: ActivityReportInput!) { activityReport(input: $input) { rows { keys { label } activityCount } } }',
        variables,
      }),
    });
    return (await response.json()) as ReportAnswer;
  }, { input });
  expect(answer.errors).toBeUndefined();
  return answer.data!.activityReport.rows.map((row) => [...row.keys.map((key) => key.label), String(row.activityCount)]);
}

/** Scripts the page downloads from now on, with their text, to tell which one brought uPlot. */
function recordScripts(page: Page): { url: string; body: Promise<string> }[] {
  const scripts: { url: string; body: Promise<string> }[] = [];
  page.on('response', (response: Response) => {
    if (response.request().resourceType() === 'script') scripts.push({ url: response.url(), body: response.text().catch(() => '') });
  });
  return scripts;
}

/** uPlot's own class names, in its code and stylesheet: only the chart chunk has them. */
const hasUplot = async (scripts: { body: Promise<string> }[]) => (await Promise.all(scripts.map((s) => s.body))).filter((body) => body.includes('u-over')).length;

describe('the reports remote', () => {
  const e2e = usePortalWithBrowser();
  const month = thisMonth();
  const earlier = previousMonth(month);
  let leader: User;
  let otherRegion: string;

  beforeAll(async () => {
    [leader, otherRegion] = await asSystem(async () => {
      const em = e2e.portal.orm.em.fork();
      const elsewhere = em.create(Region, { name: 'Europe North' });
      const user = em.create(User, { email: 'leader@e2e.pams', name: 'Lee Leader', role: Role.LEADER, passwordHash: await hashPassword(PASSWORD), mustChangePassword: false });
      await em.flush();
      return [user, elsewhere.id] as const;
    });
    const acme = { account: 'Acme Retail', project: 'Chat commerce' };
    await createActivities(e2e.portal.orm, e2e.people.region, [
      { owner: e2e.people.member, date: `${month}-02`, external: acme },
      { owner: e2e.people.member, date: `${month}-03`, external: acme },
      { owner: e2e.people.member, date: `${month}-04`, name: 'Product training' },
      { owner: e2e.people.member, date: `${month}-05`, type: ActivityType.WEBINAR, name: 'Webinar on bots' },
      { owner: e2e.people.colleague, date: `${month}-03`, type: ActivityType.POC, external: { account: 'Globex', project: 'Bot pilot' } },
      { owner: e2e.people.colleague, date: `${month}-04`, name: 'Colleague training' },
      { owner: e2e.people.colleague, date: `${month}-06`, name: 'More training' },
      { owner: e2e.people.member, date: `${earlier}-10`, name: 'Last month training' },
    ]);
    // A month of 150 accounts, for the windowed table.
    await createActivities(
      e2e.portal.orm,
      e2e.people.region,
      Array.from({ length: 150 }, (_, i) => ({ owner: e2e.people.colleague, date: `${LONG_MONTH}-${String((i % 28) + 1).padStart(2, '0')}`, external: { account: `Account ${i + 1}`, project: 'Pilot' } })),
    );
    // Another region's work: the manager of India South must not see it, the leader must.
    await createActivities(e2e.portal.orm, otherRegion, [{ owner: leader, date: `${month}-07`, name: 'Elsewhere' }]);
  });

  it('lands a manager on the builder of their regions this month, with the figures the API gives and "as of"', async () => {
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/`, e2e.people.manager.email);
    await page.waitForURL((url) => url.pathname === '/reports');
    const rows = await shownRows(page);
    expect(rows).toEqual(await apiRows(page, { from: month, to: month, groupBy: ['TYPE'] }));
    expect(rows).toEqual([['Training', '3'], ['Customer call', '2'], ['POC', '1'], ['Webinar', '1']]);
    expect(await page.getByTestId('report-totals').innerText()).toContain('7');
    expect(await page.getByTestId('report-as-of').innerText()).toMatch(/^Figures as of .+ · from the (region|detailed) rollup$/);
    expect(await page.getByRole('link', { name: 'Reports' }).getAttribute('aria-current')).toBe('page');
    expect(errors).toEqual([]);
    await close();
  });

  it('builds a report from grouping and range, keeps it in the URL, and loads uPlot only for the chart', async () => {
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/reports`, e2e.people.manager.email);
    await shownRows(page);
    const scripts = recordScripts(page);
    await page.getByLabel('Group by 1').selectOption('OWNER');
    await page.getByRole('button', { name: 'Last 3 months' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('?last=3&by=OWNER');
    const expected = [['Mira Member', '5'], ['Colin Colleague', '3']];
    await expect.poll(() => shownRows(page)).toEqual(expected);
    expect(await apiRows(page, { from: previousMonth(earlier), to: month, groupBy: ['OWNER'] })).toEqual(expected);

    // A reload reproduces the report from the URL alone.
    await page.reload();
    expect(await shownRows(page)).toEqual(expected);
    expect(await hasUplot(scripts)).toBe(0);

    // The chart's chunk is held back: the table stays readable and the page says the chart is coming.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const hold = async (route: Route) => {
      await held;
      await route.continue();
    };
    await page.route(/\/report-chart-[^/]*\.js$/, hold);
    await page.getByRole('radio', { name: 'Bar chart' }).click();
    await page.getByText('Loading the chart…').waitFor();
    expect(await shownRows(page)).toEqual(expected);
    expect(await hasUplot(scripts)).toBe(0);
    release();
    await page.getByTestId('report-chart').locator('canvas').first().waitFor();
    await expect.poll(() => hasUplot(scripts)).toBe(1);
    expect(scripts.filter((s) => /report-chart-/.test(s.url))).toHaveLength(1);
    expect(new URL(page.url()).searchParams.get('view')).toBe('BAR');
    // Every chart has its table beside it.
    expect(await shownRows(page)).toEqual(expected);
    expect(errors).toEqual([]);
    await close();
  });

  it('saves a shared preset, opens it after a reload, renames it, and says so plainly on a conflict', async () => {
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/reports?last=3&by=OWNER&view=BAR`, e2e.people.manager.email);
    await shownRows(page);
    const panel = page.getByTestId('preset-panel');
    await panel.getByLabel('Preset name').fill('Team, last quarter');
    await panel.getByLabel('Share with').selectOption({ label: 'Everyone in India South' });
    await panel.getByRole('button', { name: 'Save as new preset' }).click();
    await expect.poll(() => panel.getByTestId('preset-status').innerText()).toBe('Preset saved.');
    const presetId = new URL(page.url()).searchParams.get('preset');
    expect(presetId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await panel.getByTestId('preset').innerText()).toContain('Shared with India South');

    // A fresh page on the plain builder: load the preset from the panel.
    await page.goto(`${e2e.portal.url}/reports`);
    await shownRows(page);
    await panel.getByRole('button', { name: 'Team, last quarter', exact: true }).click();
    await expect.poll(() => new URL(page.url()).search).toBe(`?last=3&by=OWNER&view=BAR&preset=${presetId}`);
    await expect.poll(() => shownRows(page)).toEqual([['Mira Member', '5'], ['Colin Colleague', '3']]);

    await panel.getByRole('button', { name: 'Rename Team, last quarter' }).click();
    await panel.getByLabel('New name for Team, last quarter').fill('Team quarter');
    await panel.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => panel.getByTestId('preset-status').innerText()).toBe('Renamed to “Team quarter”.');

    // Someone else changes it meanwhile: deleting the version this page read is refused, with why.
    await e2e.portal.orm.em.fork().getConnection().execute('update report_preset set version = version + 1 where id = ?', [presetId]);
    await panel.getByRole('button', { name: 'Delete Team quarter' }).click();
    await panel.getByRole('group', { name: 'Delete Team quarter?' }).getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => panel.getByTestId('preset-status').innerText()).toMatch(/^Someone changed this preset since you opened it\. Nothing was saved\./);
    // The list now holds the current version: deleting again works.
    await panel.getByRole('button', { name: 'Delete Team quarter' }).click();
    await panel.getByRole('group', { name: 'Delete Team quarter?' }).getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => panel.getByTestId('preset-status').innerText()).toBe('Preset "Team quarter" deleted.');
    await panel.getByText('No presets yet').waitFor();
    expect(errors).toEqual([]);
    await close();
  });

  it('lands a leader on the builder too, with every region', async () => {
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/`, leader.email);
    await page.waitForURL((url) => url.pathname === '/reports');
    await page.getByLabel('Group by 1').selectOption('REGION');
    await expect.poll(() => shownRows(page)).toEqual([['India South', '7'], ['Europe North', '1']]);
    expect(errors).toEqual([]);
    await close();
  });

  it('windows a long report: 150 accounts, only the rows in view in the page', async () => {
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/reports?from=${LONG_MONTH}&to=${LONG_MONTH}&by=ACCOUNT`, leader.email);
    const table = reportTable(page);
    await table.getByRole('row').nth(1).waitFor();
    // 150 rows, the header and the totals row.
    expect(await table.getAttribute('aria-rowcount')).toBe('152');
    expect(await table.getByRole('row').count()).toBeLessThan(80);
    await table.evaluate((element) => (element.scrollTop = element.scrollHeight));
    await table.locator('[aria-rowindex="152"]').waitFor();
    expect(await table.locator('[aria-rowindex="152"]').innerText()).toMatch(/^Total\s+150/);
    expect(errors).toEqual([]);
    await close();
  });

  it("shows a member only their own per-person rows, and does not load the reports remote until it is needed", async () => {
    const { page, errors, close } = await openPage(e2e.browser);
    const reportsRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/remotes/reports/')) reportsRequests.push(request.url());
    });
    await page.goto(`${e2e.portal.url}/activities`);
    await signIn(page, e2e.people.member.email);
    await page.getByTestId('month-view').waitFor();
    await page.getByRole('table', { name: /^Activities of/ }).getByRole('row').nth(1).waitFor();
    expect(reportsRequests).toEqual([]);

    await page.goto(`${e2e.portal.url}/reports?by=OWNER`);
    expect(await shownRows(page)).toEqual([['Mira Member', '4']]);
    expect(await apiRows(page, { from: month, to: month, groupBy: ['OWNER'] })).toEqual([['Mira Member', '4']]);
    expect(errors).toEqual([]);
    await close();
  });

  it("links a count to the activities month view with that row's filter applied", async () => {
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/reports`, e2e.people.manager.email);
    await shownRows(page);
    const row = reportTable(page).getByRole('row').filter({ hasText: 'Customer call' });
    await row.getByRole('link', { name: '2' }).click();
    await page.waitForURL((url) => url.pathname === '/activities');
    const search = new URL(page.url()).searchParams;
    expect(Object.fromEntries(search)).toEqual({ month, scope: 'REGION', type: 'CUSTOMER_CALL' });
    await expect.poll(async () => (await monthTotals(page)).count).toBe(2);
    expect(await page.getByRole('table', { name: /^Activities of/ }).innerText()).toContain('Acme Retail');
    expect(errors).toEqual([]);
    await close();
  });
});
