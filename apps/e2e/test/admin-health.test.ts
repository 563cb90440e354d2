import { describe, expect, it } from 'vitest';
import { openSignedIn } from './support/browser.js';
import { usePortalWithBrowser } from './support/portal.js';

/** PRODUCT.md "Never again": the admin health page shows the daily count check's history and a sharp fall. */
describe('the admin health page', () => {
  const e2e = usePortalWithBrowser();
  const sql = <T,>(text: string, params: unknown[] = []) => e2e.portal.orm.em.fork().getConnection().execute<T[]>(text, params);

  it('says when no count was recorded yet, then shows each collection per day and marks the sharp fall', async () => {
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/admin`, e2e.people.admin.email);
    await page.getByTestId('admin-overview').waitFor();
    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Health' }).click();
    await page.getByTestId('counts-never').waitFor();
    expect(page.url()).toContain('/admin/health');

    // Three nights of the check: the old system's loss on the third (5,303 → 2,632 activities).
    await sql(
      `insert into collection_count (day, collection, count) values
         ('2026-11-01', 'activities', 5303), ('2026-11-02', 'activities', 5300), ('2026-11-03', 'activities', 2632),
         ('2026-11-01', 'accounts', 410), ('2026-11-02', 'accounts', 412), ('2026-11-03', 'accounts', 412)`,
    );
    await page.reload();
    await page.getByTestId('counts-summary').waitFor();
    expect(await page.getByTestId('counts-summary').innerText()).toContain('last on 2026-11-03');
    expect(await page.getByTestId('counts-alert').innerText()).toContain('Activities (−2,668)');
    const activities = page.locator('tr[data-collection="activities"]');
    expect(await activities.locator('td').allInnerTexts()).toEqual(['2,632', '−2,668 sharp fall', '', '5,303', '5,300', '2,632']);
    const accounts = page.locator('tr[data-collection="accounts"]');
    expect(await accounts.locator('td').allInnerTexts()).toEqual(['412', '0', '', '410', '412', '412']);
    // A collection the check has not counted yet shows dashes, not zeros.
    expect(await page.locator('tr[data-collection="outcomes"] td').allInnerTexts()).toEqual(['—', '—', '', '—', '—', '—']);
    // Each collection's trend is drawn beside its numbers.
    expect(await activities.getByRole('img', { name: 'Activities per day' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await close();
  });

  it('shows the service levels this gateway measured against their thresholds, with the last hour as charts', async () => {
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/admin/health`, e2e.people.admin.email);
    await page.getByTestId('slo-summary').waitFor();
    expect(await page.getByTestId('slo-summary').innerText()).toContain('over the last 5 minutes');
    // The page's own reads went through this gateway: the error rate has operations behind it, none failed.
    const rate = page.locator('tr[data-objective="errorRate"]');
    await expect.poll(async () => (await rate.locator('td').allInnerTexts()).slice(0, 2)).toEqual(['0 %', '≤ 1 %']);
    expect(Number((await rate.locator('td').nth(2).innerText()).replace(/,/g, ''))).toBeGreaterThan(0);
    expect(await rate.locator('td').nth(3).innerText()).toBe('met');
    const latency = page.locator('tr[data-objective="activitiesP95"]');
    expect((await latency.locator('td').allInnerTexts()).slice(1, 2)).toEqual(['≤ 300 ms']);
    expect(await page.getByRole('img', { name: 'p95 latency of activities queries, last hour per minute' }).count()).toBe(1);
    expect(await page.getByTestId('slo-alert').count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });
});
