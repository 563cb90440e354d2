import { beforeAll, describe, expect, it } from 'vitest';
import { Activity, Draft } from '@pams/server-activities';
import { ActivityType } from '@pams/shared-util';
import { monthTable, monthTotals, openSignedIn } from './support/browser.js';
import { createActivities, previousMonth, thisMonth } from './support/fixtures.js';
import { usePortalWithBrowser } from './support/portal.js';

/** Create, edit, conflicts and drafts in the activities remote, against the real gateway. */
describe('editing activities in the portal', () => {
  const e2e = usePortalWithBrowser();
  let syncId: string;
  let planningId: string;
  let movingId: string;
  let retroId: string;
  let briefingId: string;
  let panelId: string;
  const month = thisMonth();

  beforeAll(async () => {
    [, syncId, planningId, movingId, retroId, briefingId, panelId] = await createActivities(e2e.portal.orm, e2e.people.region, [
      { owner: e2e.people.member, date: `${month}-03`, external: { account: 'Acme Retail', project: 'Chat commerce' }, effortHalfHours: 3 },
      { owner: e2e.people.member, date: `${month}-05`, name: 'Team sync', effortDays: 1 },
      { owner: e2e.people.member, date: `${month}-06`, name: 'Quarter planning', effortDays: 1 },
      { owner: e2e.people.member, date: `${month}-07`, type: ActivityType.WEBINAR, name: 'Moving webinar', effortHalfHours: 2 },
      { owner: e2e.people.member, date: `${month}-08`, name: 'Old retro', effortDays: 2 },
      { owner: e2e.people.member, date: `${month}-09`, name: 'Vendor briefing', effortDays: 1 },
      { owner: e2e.people.member, date: `${month}-10`, name: 'Hiring panel', effortDays: 1 },
    ]);
  });

  function signedIn(path: string) {
    return openSignedIn(e2e.browser, `${e2e.portal.url}${path}`, e2e.people.member.email);
  }

  async function stored(id: string) {
    return e2e.portal.orm.em.fork().findOneOrFail(Activity, id);
  }

  async function draftsOf(id: string) {
    return e2e.portal.orm.em.fork().find(Draft, { entityId: id });
  }

  /** Another page renames the activity, so a page that opened it before holds a stale version. */
  async function renameElsewhere(id: string, name: string) {
    const other = await signedIn(`/activities/${id}/edit`);
    await other.page.getByLabel('Name', { exact: true }).fill(name);
    await other.page.getByRole('button', { name: 'Save', exact: true }).click();
    await other.page.getByTestId('month-view').waitFor();
    expect(other.errors).toEqual([]);
    await other.close();
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
    const rows = await e2e.portal.orm.em.fork().find(Activity, { minutesOfMeeting: 'Showed the order bot' });
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
    await second.page.goto(`${e2e.portal.url}/activities/drafts`);
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

    await second.page.goto(`${e2e.portal.url}/activities/drafts`);
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

  it('deletes an activity only after confirming; the row and its effort leave the month without a reload', async () => {
    const { page, errors, close } = await signedIn('/activities');
    await monthTable(page).getByRole('row').nth(1).waitFor();
    expect(await monthTable(page).innerText()).toContain('Old retro');
    const before = await monthTotals(page);
    await page.evaluate(() => ((window as unknown as { pamsMarker: number }).pamsMarker = 1));

    await monthTable(page).getByRole('row').filter({ hasText: 'Old retro' }).getByRole('link').click();
    const deleteButton = page.getByTestId('delete-activity');
    const confirm = page.getByTestId('delete-confirm');
    // From the keyboard: Enter opens the confirmation with the focus on Cancel; Escape closes it and stays on the form.
    await deleteButton.focus();
    await page.keyboard.press('Enter');
    await confirm.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    await page.getByTestId('activity-form').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('delete-activity');
    // Cancel leaves it too.
    await deleteButton.click();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect((await stored(retroId)).deletedAt).toBeFalsy();

    await deleteButton.click();
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByTestId('month-view').waitFor();
    expect(new URL(page.url()).searchParams.get('month')).toBe(month);
    await expect.poll(() => monthTable(page).innerText()).not.toContain('Old retro');
    expect(await monthTable(page).innerText()).toContain('Team sync');
    await expect.poll(() => monthTotals(page)).toEqual({ ...before, count: before.count - 1, days: before.days - 2 });
    expect(await page.evaluate(() => (window as unknown as { pamsMarker?: number }).pamsMarker)).toBe(1);
    expect((await stored(retroId)).deletedAt).toBeTruthy();
    expect(errors).toEqual([]);
    await close();
  });

  it('shows what changed when the activity changed before the delete, and Delete anyway deletes it', async () => {
    const { page, errors, close } = await signedIn(`/activities/${briefingId}/edit`);
    await page.getByLabel('Name', { exact: true }).waitFor();
    await renameElsewhere(briefingId, 'Vendor briefing (agenda)');

    await page.getByTestId('delete-activity').click();
    await page.getByTestId('delete-confirm').getByRole('button', { name: 'Delete', exact: true }).click();
    const conflict = page.getByTestId('delete-conflict');
    await conflict.waitFor();
    // Theirs against what this page opened: only the name differs.
    expect(await conflict.locator('tbody tr').count()).toBe(1);
    expect(await conflict.getByTestId('delete-conflict-name').innerText()).toMatch(/Vendor briefing\s+Vendor briefing \(agenda\)/);
    expect((await stored(briefingId)).deletedAt).toBeFalsy();
    // The refused delete is kept as a draft meanwhile (P-008).
    expect((await draftsOf(briefingId)).map((d) => (d.payload as { op?: string }).op)).toEqual(['DELETE']);

    await conflict.getByRole('button', { name: 'Delete anyway' }).click();
    await page.getByTestId('month-view').waitFor();
    await expect.poll(() => monthTable(page).innerText()).toContain('Team sync');
    expect(await monthTable(page).innerText()).not.toContain('Vendor briefing');
    expect((await stored(briefingId)).deletedAt).toBeTruthy();
    expect(await draftsOf(briefingId)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('keeps the activity when the conflict is cancelled; a kept delete resumed from Drafts offers Delete now', async () => {
    const { page, errors, close } = await signedIn(`/activities/${panelId}/edit`);
    await page.getByLabel('Name', { exact: true }).waitFor();
    await renameElsewhere(panelId, 'Hiring panel (2 rounds)');
    await page.getByTestId('delete-activity').click();
    await page.getByTestId('delete-confirm').getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByTestId('delete-conflict').getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('month-view').waitFor();
    await expect.poll(() => monthTable(page).innerText()).toContain('Hiring panel (2 rounds)');
    expect((await stored(panelId)).deletedAt).toBeFalsy();
    expect(await draftsOf(panelId)).toEqual([]);

    // Again, but walk away from the conflict: the delete waits on the Drafts page.
    await page.goto(`${e2e.portal.url}/activities/${panelId}/edit`);
    await page.getByLabel('Name', { exact: true }).waitFor();
    await renameElsewhere(panelId, 'Hiring panel (3 rounds)');
    await page.getByTestId('delete-activity').click();
    await page.getByTestId('delete-confirm').getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByTestId('delete-conflict').waitFor();
    await page.goto(`${e2e.portal.url}/activities/drafts`);
    const item = page.getByTestId('draft-item');
    await item.waitFor();
    expect(await item.innerText()).toContain('Delete');
    await item.getByRole('link', { name: 'Resume' }).click();
    const resumed = page.getByTestId('delete-conflict');
    await resumed.waitFor();
    // The activity as it is now, with the other page's name.
    expect(await resumed.getByTestId('delete-conflict-name').innerText()).toContain('Hiring panel (3 rounds)');
    await resumed.getByRole('button', { name: 'Delete now' }).click();
    await page.getByTestId('month-view').waitFor();
    await expect.poll(() => monthTable(page).innerText()).toContain('Team sync');
    expect(await monthTable(page).innerText()).not.toContain('Hiring panel');
    expect((await stored(panelId)).deletedAt).toBeTruthy();
    expect(await draftsOf(panelId)).toEqual([]);
    await page.goto(`${e2e.portal.url}/activities/drafts`);
    await page.getByTestId('drafts-empty').waitFor();
    expect(errors).toEqual([]);
    await close();
  });
});
