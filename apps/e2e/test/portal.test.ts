import { beforeAll, describe, expect, it } from 'vitest';
import { ActivityType } from '@pams/shared-util';
import { openPage, openSignedIn, recordOperations, signIn } from './support/browser.js';
import { createActivities, thisMonth } from './support/fixtures.js';
import { usePortalWithBrowser } from './support/portal.js';

const BULK_MONTH = '2024-02';

describe('the web portal', () => {
  const e2e = usePortalWithBrowser();

  beforeAll(async () => {
    const month = thisMonth();
    await createActivities(e2e.portal.orm, e2e.people.region, [
      { owner: e2e.people.member, date: `${month}-02`, name: 'Product training', effortDays: 1 },
      { owner: e2e.people.member, date: `${month}-03`, external: { account: 'Acme Retail', project: 'Chat commerce' }, effortHalfHours: 3 },
      { owner: e2e.people.member, date: `${month}-04`, type: ActivityType.WEBINAR, name: 'Webinar on bots', effortHalfHours: 4 },
      { owner: e2e.people.colleague, date: `${month}-03`, name: 'Colleague only' },
    ]);
    // A month of 2,000 activities (about 90 a working day across a region) for the virtualised list.
    await createActivities(
      e2e.portal.orm,
      e2e.people.region,
      Array.from({ length: 2000 }, (_, i) => ({ owner: e2e.people.member, date: `${BULK_MONTH}-${String((i % 28) + 1).padStart(2, '0')}`, name: `Bulk ${i + 1}` })),
    );
  });

  it('signs a member in onto their own activities of this month', async () => {
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/`, e2e.people.member.email);
    const table = page.getByRole('table', { name: /^Activities of/ });
    await table.getByRole('row').nth(1).waitFor();
    expect(new URL(page.url()).pathname).toBe('/activities');
    const text = await table.innerText();
    expect(text).toContain('Product training');
    expect(text).toContain('Acme Retail');
    expect(text).toContain('Chat commerce');
    expect(text).toContain('Webinar on bots');
    expect(text).not.toContain('Colleague only');
    expect(await page.getByTestId('month-totals').innerText()).toBe('3 activities · 1 days · 3.5 hours');
    expect(await page.getByTestId('viewer-name').innerText()).toBe('Mira Member');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(errors).toEqual([]);
    await close();
  });

  it('shows a refused sign-in as such and stays on the sign-in page', async () => {
    const { page, errors, close } = await openPage(e2e.browser);
    await page.goto(`${e2e.portal.url}/activities`);
    await signIn(page, e2e.people.member.email, 'not the password');
    await expect.poll(() => page.getByTestId('sign-in-message').innerText(), { timeout: 10_000 }).toMatch(/\S/);
    expect(await page.getByRole('button', { name: 'Sign in' }).isEnabled()).toBe(true);
    expect(await page.getByRole('table').count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  // Managers land on the reports remote (reports.test.ts); their regions' activities are a link away.
  it("shows a manager their regions' activities and prefetches a link's data on hover", async () => {
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/activities?scope=REGION`, e2e.people.manager.email);
    await page.getByRole('table', { name: /^Activities of/ }).getByRole('row').nth(1).waitFor();
    expect(new URL(page.url()).search).toBe('?scope=REGION');
    // The region view shows whose activities they are.
    expect(await page.getByRole('columnheader', { name: 'Owner' }).isVisible()).toBe(true);

    const operations = recordOperations(page);
    await page.getByRole('link', { name: 'My activities' }).hover();
    await expect.poll(() => operations.some((op) => op.startsWith('MonthActivities') && op.includes('"scope":"MINE"')), { timeout: 10_000 }).toBe(true);
    const beforeClick = operations.length;
    await page.getByRole('link', { name: 'My activities' }).click();
    await page.getByTestId('month-empty').waitFor();
    // The click rendered from the cache the hover warmed: no new request.
    expect(operations.slice(beforeClick)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('lands an analyst on the GraphQL guide, and stops a user who must change their password at that form', async () => {
    const analyst = await openSignedIn(e2e.browser, `${e2e.portal.url}/`, e2e.people.analyst.email);
    await analyst.page.getByRole('heading', { name: 'GraphQL access for analysis' }).waitFor();
    expect(new URL(analyst.page.url()).pathname).toBe('/analyst');
    expect(analyst.errors).toEqual([]);
    await analyst.close();

    const newcomer = await openSignedIn(e2e.browser, `${e2e.portal.url}/activities`, e2e.people.newcomer.email);
    await newcomer.page.getByTestId('must-change-password').waitFor();
    expect(await newcomer.page.getByRole('navigation').count()).toBe(0);
    expect(newcomer.errors).toEqual([]);
    await newcomer.close();
  });

  it('keeps a month of 2,000 activities light: only the rows in view are in the page', async () => {
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/activities?month=${BULK_MONTH}`, e2e.people.member.email);
    const table = page.getByRole('table', { name: /^Activities of/ });
    await table.getByRole('row').nth(1).waitFor();
    expect(await page.getByTestId('month-totals').innerText()).toMatch(/^2000 activities/);
    expect(await table.getAttribute('aria-rowcount')).toBe('2001');
    const rowsInDom = () => table.getByRole('row').count();
    expect(await rowsInDom()).toBeLessThan(80);

    // Scroll to the end: the oldest activity (newest first) shows, and the DOM stays small.
    await table.evaluate((element) => (element.scrollTop = element.scrollHeight));
    await table.locator('[aria-rowindex="2001"]').waitFor();
    expect(await table.locator('[aria-rowindex="2001"]').innerText()).toContain('01');
    expect(await rowsInDom()).toBeLessThan(80);

    // The text filter narrows the month once typing pauses, and is kept in the URL. Typing on after a
    // pause goes on from what is in the box: the applied (trimmed) search does not replace it.
    const textBox = page.getByLabel('Text');
    const applied = page.waitForResponse((response) => {
      const request = response.request();
      if (!request.url().endsWith('/graphql') || request.method() !== 'POST') return false;
      return (request.postDataJSON() as { variables?: { filter?: { text?: string } } } | null)?.variables?.filter?.text === 'Bulk';
    });
    await textBox.fill('Bulk ');
    await applied;
    expect(new URL(page.url()).searchParams.get('q')).toBe('Bulk');
    await textBox.pressSequentially('1999');
    expect(await textBox.inputValue()).toBe('Bulk 1999');
    await expect.poll(() => page.getByTestId('month-totals').innerText()).toMatch(/^1 activities/);
    expect(new URL(page.url()).searchParams.get('q')).toBe('Bulk 1999');
    expect(await table.getAttribute('aria-rowcount')).toBe('2');
    expect(errors).toEqual([]);
    await close();
  });
});
