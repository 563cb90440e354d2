import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Activity } from '@pams/server-activities';
import { ActivityType } from '@pams/shared-util';
import { launchChromium } from '../src/chromium.js';
import { openPage, signIn } from './support/browser.js';
import { createActivities, createPeople, thisMonth, type People } from './support/fixtures.js';
import { startPortal, type Portal } from './support/portal.js';

/** The month before `month` (YYYY-MM). */
function previousMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  const date = new Date(year, m - 2, 1);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

const monthTable = (page: Page) => page.getByRole('table', { name: /^Activities of/ });

/** Create, edit, conflicts and drafts in the activities remote, against the real gateway. */
describe('editing activities in the portal', () => {
  let portal: Portal;
  let people: People;
  let browser: Browser;
  let syncId: string;
  let planningId: string;
  let movingId: string;
  const month = thisMonth();

  beforeAll(async () => {
    [portal, browser] = await Promise.all([startPortal(), launchChromium()]);
    people = await createPeople(portal.orm);
    [, syncId, planningId, movingId] = await createActivities(portal.orm, people.region, [
      { owner: people.member, date: `${month}-03`, external: { account: 'Acme Retail', project: 'Chat commerce' }, effortHalfHours: 3 },
      { owner: people.member, date: `${month}-05`, name: 'Team sync', effortDays: 1 },
      { owner: people.member, date: `${month}-06`, name: 'Quarter planning', effortDays: 1 },
      { owner: people.member, date: `${month}-07`, type: ActivityType.WEBINAR, name: 'Moving webinar', effortHalfHours: 2 },
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  async function signedIn(path: string) {
    const opened = await openPage(browser);
    await opened.page.goto(`${portal.url}${path}`);
    await signIn(opened.page, people.member.email);
    return opened;
  }

  async function stored(id: string) {
    return portal.orm.em.fork().findOneOrFail(Activity, id);
  }

  it('creates an activity with the defaults: the date pre-filled, the single project chosen; it shows in the month', async () => {
    const { page, errors, close } = await signedIn('/activities');
    await monthTable(page).getByRole('row').nth(1).waitFor();
    expect(await monthTable(page).innerText()).toContain('Team sync');

    // Esc leaves the form without saving.
    await page.getByTestId('new-activity').click();
    await page.getByLabel('Type', { exact: true }).waitFor();
    await page.getByLabel('Type', { exact: true }).press('Escape');
    await page.getByTestId('month-view').waitFor();

    await page.getByTestId('new-activity').click();
    const date = await page.getByLabel('Date', { exact: true }).inputValue();
    // No activity was logged through the API yet: the default is the server's today (P-001).
    expect(date).toBe(new Date().toISOString().slice(0, 10));
    await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Customer call' });
    await page.getByLabel('Find account').fill('acme');
    await page.getByLabel('Account', { exact: true }).locator('option', { hasText: 'Acme Retail' }).waitFor({ state: 'attached' });
    await page.getByLabel('Account', { exact: true }).selectOption({ label: 'Acme Retail' });
    // P-004: the account's only project is chosen for the user.
    await expect.poll(() => page.getByLabel('Project', { exact: true }).evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.text)).toBe('Chat commerce');
    await page.getByLabel('Call type').selectOption({ label: 'Demo' });
    await page.getByLabel('Minutes of meeting').fill('Showed the order bot');
    await page.getByLabel('Effort', { exact: true }).fill('1.5');
    // Enter submits.
    await page.getByLabel('Effort', { exact: true }).press('Enter');

    await page.getByTestId('month-view').waitFor();
    expect(new URL(page.url()).searchParams.get('month')).toBe(date.slice(0, 7));
    await expect.poll(() => monthTable(page).innerText()).toContain('1.5 h');
    const rows = await portal.orm.em.fork().find(Activity, { minutesOfMeeting: 'Showed the order bot' });
    expect(rows).toHaveLength(1);
    expect(rows[0].date).toBe(date);
    expect(errors).toEqual([]);
    await close();
  });

  it('shows server validation next to the field and asks before saving Enablement without effort', async () => {
    const { page, errors, close } = await signedIn('/activities/new');
    await page.getByLabel('Category').selectOption({ label: 'Internal' });
    await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Enablement' });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByTestId('error-name').waitFor();
    expect(await page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Name', { exact: true }).fill('Partner enablement');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByTestId('enablement-warning').waitFor();
    await page.getByRole('button', { name: 'Save without effort' }).click();
    await page.getByTestId('month-view').waitFor();
    await expect.poll(() => monthTable(page).innerText()).toContain('Partner enablement');
    expect(errors).toEqual([]);
    await close();
  });

  it('shows a conflict field by field when two pages edit the same activity, and both end with the merge', async () => {
    const first = await signedIn(`/activities/${syncId}/edit`);
    const second = await signedIn(`/activities/${syncId}/edit`);
    await Promise.all([first.page.getByLabel('Name', { exact: true }).waitFor(), second.page.getByLabel('Name', { exact: true }).waitFor()]);

    await first.page.getByLabel('Name', { exact: true }).fill('Team sync (agenda)');
    await first.page.getByRole('button', { name: 'Save', exact: true }).click();
    await first.page.getByTestId('month-view').waitFor();

    await second.page.getByLabel('Topic').fill('Roadmap');
    await second.page.getByLabel('Effort', { exact: true }).fill('2');
    await second.page.getByRole('button', { name: 'Save', exact: true }).click();
    const conflict = second.page.getByTestId('conflict-view');
    await conflict.waitFor();
    // Only what differs: the name (theirs changed), the topic and the effort (mine changed).
    expect(await conflict.locator('tbody tr').count()).toBe(3);
    await second.page.getByLabel('Take theirs for Name').check();
    await second.page.getByLabel('Keep mine for Topic').check();
    await second.page.getByLabel('Keep mine for Effort').check();
    await second.page.getByRole('button', { name: 'Save merged version' }).click();
    await second.page.getByTestId('month-view').waitFor();
    await expect.poll(() => monthTable(second.page).innerText()).toContain('Team sync (agenda)');

    await first.page.reload();
    await monthTable(first.page).getByRole('row').nth(1).waitFor();
    expect(await monthTable(first.page).innerText()).toContain('Team sync (agenda)');
    const row = await stored(syncId);
    expect([row.name, row.topic, row.effortDays]).toEqual(['Team sync (agenda)', 'Roadmap', 2]);
    expect(first.errors).toEqual([]);
    expect(second.errors).toEqual([]);
    await first.close();
    await second.close();
  });

  it('keeps a conflicting edit as a draft that survives a reload and can be resumed', async () => {
    const first = await signedIn(`/activities/${planningId}/edit`);
    const second = await signedIn(`/activities/${planningId}/edit`);
    await Promise.all([first.page.getByLabel('Name', { exact: true }).waitFor(), second.page.getByLabel('Name', { exact: true }).waitFor()]);
    await first.page.getByLabel('Effort', { exact: true }).fill('3');
    await first.page.getByRole('button', { name: 'Save', exact: true }).click();
    await first.page.getByTestId('month-view').waitFor();
    await second.page.getByLabel('Description').fill('Budget and hiring');
    await second.page.getByRole('button', { name: 'Save', exact: true }).click();
    await second.page.getByTestId('conflict-view').waitFor();

    // Walk away: reload, then find the edit on the Drafts page.
    await second.page.reload();
    await second.page.goto(`${portal.url}/activities/drafts`);
    const item = second.page.getByTestId('draft-item');
    await item.waitFor();
    expect(await item.innerText()).toContain('Quarter planning');
    await item.getByRole('link', { name: 'Resume' }).click();
    await second.page.getByTestId('conflict-view').waitFor();
    await second.page.getByLabel('Take theirs for Effort').check();
    await second.page.getByRole('button', { name: 'Save merged version' }).click();
    await second.page.getByTestId('month-view').waitFor();
    const row = await stored(planningId);
    expect([row.description, row.effortDays]).toEqual(['Budget and hiring', 3]);

    await second.page.goto(`${portal.url}/activities/drafts`);
    await second.page.getByTestId('drafts-empty').waitFor();
    expect(first.errors).toEqual([]);
    expect(second.errors).toEqual([]);
    await first.close();
    await second.close();
  });

  it('moves an activity to its new month without a reload when its date changes (B-002)', async () => {
    const { page, errors, close } = await signedIn('/activities');
    await monthTable(page).getByRole('row').nth(1).waitFor();
    expect(await monthTable(page).innerText()).toContain('Moving webinar');
    // Survives only as long as the page is not reloaded.
    await page.evaluate(() => ((window as unknown as { pamsMarker: number }).pamsMarker = 1));

    await monthTable(page).getByRole('row').filter({ hasText: 'Moving webinar' }).getByRole('link').click();
    const earlier = previousMonth(month);
    await page.getByLabel('Date', { exact: true }).fill(`${earlier}-10`);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByTestId('month-view').waitFor();
    expect(new URL(page.url()).searchParams.get('month')).toBe(earlier);
    await expect.poll(() => monthTable(page).innerText()).toContain('Moving webinar');

    await page.getByRole('button', { name: 'Next month' }).click();
    await expect.poll(() => monthTable(page).innerText()).toContain('Team sync');
    expect(await monthTable(page).innerText()).not.toContain('Moving webinar');
    expect(await page.evaluate(() => (window as unknown as { pamsMarker?: number }).pamsMarker)).toBe(1);
    expect((await stored(movingId)).date).toBe(`${earlier}-10`);
    expect(errors).toEqual([]);
    await close();
  });
});
