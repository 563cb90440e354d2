import { beforeAll, describe, expect, it } from 'vitest';
import { Activity } from '@pams/server-activities';
import { User } from '@pams/server-identity';
import { monthTable, openSignedIn } from './support/browser.js';
import { createActivities, thisMonth } from './support/fixtures.js';
import { usePortalWithBrowser } from './support/portal.js';

/**
 * The tab's one live stream (issue 9) in real Chromium against the real gateway: what one window does
 * appears in another without a reload.
 */
describe('live events in the portal', () => {
  const e2e = usePortalWithBrowser();
  const month = thisMonth();
  let activityId: string;

  beforeAll(async () => {
    [activityId] = await createActivities(e2e.portal.orm, e2e.people.region, [{ owner: e2e.people.member, date: `${month}-04`, name: 'Live roadmap review', effortDays: 1 }]);
  });

  const signedIn = (path: string, email: string) => openSignedIn(e2e.browser, `${e2e.portal.url}${path}`, email);

  it('one stream per tab: widgets share it, and an edit in another tab updates the month list in place and warns an open form', async () => {
    const list = await signedIn(`/activities?month=${month}`, e2e.people.member.email);
    const form = await signedIn(`/activities/${activityId}/edit`, e2e.people.member.email);
    const streams: string[] = [];
    list.page.on('request', (request) => {
      if (request.url().includes('/graphql/stream')) streams.push(request.url());
    });
    await monthTable(list.page).getByText('Live roadmap review').waitFor();
    await list.page.getByTestId('live-status').and(list.page.locator('[data-status="open"]')).waitFor();
    await form.page.getByLabel('Name', { exact: true }).waitFor();
    await form.page.getByTestId('live-status').and(form.page.locator('[data-status="open"]')).waitFor();

    // A third tab renames it.
    const other = await signedIn(`/activities/${activityId}/edit`, e2e.people.member.email);
    await other.page.getByLabel('Name', { exact: true }).fill('Live roadmap review, renamed');
    await other.page.getByRole('button', { name: 'Save', exact: true }).click();
    await other.page.getByTestId('month-view').waitFor();

    // The first tab's list shows the new name without a reload; the open form learns it is stale before Save.
    await monthTable(list.page).getByText('Live roadmap review, renamed').waitFor({ timeout: 10_000 });
    await form.page.getByTestId('stale-warning').waitFor({ timeout: 10_000 });
    expect(await form.page.getByTestId('stale-warning').innerText()).toContain('changed elsewhere');
    // Nothing in the first tab opened a second stream (the list, the sidebar and the refetch share one).
    expect(streams).toEqual([]);
    // Saving the stale form opens the merge instead of overwriting the rename.
    await form.page.getByLabel('Name', { exact: true }).fill('My own rename');
    await form.page.getByRole('button', { name: 'Save', exact: true }).click();
    await form.page.getByTestId('conflict-view').waitFor();
    const stored = await e2e.portal.orm.em.fork().findOneOrFail(Activity, activityId);
    expect(stored.name).toBe('Live roadmap review, renamed');

    for (const t of [list, form, other]) {
      expect(t.errors).toEqual([]);
      await t.close();
    }
  });

  it('an admin opens a user by URL and disables them; the event appears live in a second admin window, and the user’s own stream ends', async () => {
    const colleague = e2e.people.colleague;
    const watcher = await signedIn('/admin/audit', e2e.people.admin.email);
    await watcher.page.getByTestId('audit-count').waitFor();
    await watcher.page.getByTestId('live-status').and(watcher.page.locator('[data-status="open"]')).waitFor();
    // Newest first: the colleague's rows at the top of the (virtualised) list.
    const aboutColleague = () => watcher.page.getByRole('row').filter({ hasText: e2e.people.colleague.id.slice(0, 8) });
    const before = await aboutColleague().count();

    const target = await signedIn('/activities', colleague.email);
    await target.page.getByTestId('live-status').and(target.page.locator('[data-status="open"]')).waitFor();

    const admin = await signedIn(`/admin/users/${colleague.id}`, e2e.people.admin.email);
    await admin.page.getByTestId('user-page').waitFor();
    await admin.page.getByRole('button', { name: 'Disable', exact: true }).click();
    await admin.page.getByRole('button', { name: `Disable ${colleague.name}` }).click();
    await admin.page.getByTestId('user-status').getByText(/disabled/i).waitFor();

    // The second window shows the User event about the colleague without a reload.
    await expect.poll(() => aboutColleague().count(), { timeout: 10_000 }).toBeGreaterThan(before);
    expect(await aboutColleague().first().innerText()).toMatch(/User/);

    // The disabled colleague's stream was ended by the server, and the retry is refused.
    await target.page.getByTestId('live-status').and(target.page.locator('[data-status="open"]')).waitFor({ state: 'detached', timeout: 10_000 });
    const stored = await e2e.portal.orm.em.fork().findOneOrFail(User, colleague.id);
    expect(stored.status).toBe('DISABLED');

    expect(watcher.errors).toEqual([]);
    expect(admin.errors).toEqual([]);
    for (const t of [watcher, target, admin]) await t.close();
  });

  it('holds a live re-read while rows are selected, says the month changed, and catches up when the selection clears', async () => {
    const [heldId] = await createActivities(e2e.portal.orm, e2e.people.region, [{ owner: e2e.people.member, date: `${month}-06`, name: 'Held live row', effortDays: 1 }]);
    const list = await signedIn(`/activities?month=${month}`, e2e.people.member.email);
    await monthTable(list.page).getByText('Held live row').waitFor();
    await list.page.getByTestId('live-status').and(list.page.locator('[data-status="open"]')).waitFor();
    await list.page.getByRole('checkbox', { name: /Held live row/ }).check();

    const other = await signedIn(`/activities/${heldId}/edit`, e2e.people.member.email);
    await other.page.getByLabel('Name', { exact: true }).fill('Held live row, renamed');
    await other.page.getByRole('button', { name: 'Save', exact: true }).click();
    await other.page.getByTestId('month-view').waitFor();

    // The selection stays as it was, with the old row, and the list says why it has not changed.
    await list.page.getByTestId('month-changed').waitFor({ timeout: 10_000 });
    expect(await monthTable(list.page).getByText('Held live row, renamed').count()).toBe(0);
    expect(await list.page.getByRole('checkbox', { name: /Held live row/ }).isChecked()).toBe(true);
    // Clearing the selection catches up.
    await list.page.getByRole('checkbox', { name: /Held live row/ }).uncheck();
    await monthTable(list.page).getByText('Held live row, renamed').waitFor({ timeout: 10_000 });
    await list.page.getByTestId('month-changed').waitFor({ state: 'detached' });

    for (const t of [list, other]) {
      expect(t.errors).toEqual([]);
      await t.close();
    }
  });

  it('an admin notifies a member: the unread count rises live in the member’s tab, reading it clears the count, and the mail shows in the admin mail log', async () => {
    const member = e2e.people.member;
    const inbox = await signedIn('/activities', member.email);
    await inbox.page.getByTestId('live-status').and(inbox.page.locator('[data-status="open"]')).waitFor();
    const before = Number((await inbox.page.getByTestId('unread-count').textContent({ timeout: 1_000 }).catch(() => '0')) ?? '0');

    const admin = await signedIn(`/admin/users/${member.id}`, e2e.people.admin.email);
    await admin.page.getByTestId('user-page').waitFor();
    await admin.page.getByRole('button', { name: 'Notify', exact: true }).click();
    await admin.page.getByLabel(/^Subject/).fill('Quarter close');
    await admin.page.getByLabel(/^Message/).fill('Please log last week before Friday.');
    await admin.page.getByRole('button', { name: `Notify for ${member.name}` }).click();

    // Without a reload, the member's sidebar counts one more.
    await expect.poll(async () => Number((await inbox.page.getByTestId('unread-count').textContent().catch(() => '0')) ?? '0'), { timeout: 10_000 }).toBe(before + 1);
    await inbox.page.getByTestId('notifications-link').click();
    const item = inbox.page.getByTestId('notification').filter({ hasText: 'Quarter close' });
    await item.waitFor();
    expect(await item.innerText()).toContain('Please log last week before Friday.');
    expect(await item.getAttribute('data-unread')).toBe('true');
    await inbox.page.getByRole('button', { name: 'Mark all read' }).click();
    await inbox.page.getByTestId('unread-count').waitFor({ state: 'detached' });
    await expect.poll(() => item.getAttribute('data-unread')).toBeNull();
    // The weekly digest is opt-in, and the choice is the server's after a reload.
    const digest = inbox.page.getByTestId('weekly-digest');
    expect(await digest.isChecked()).toBe(false);
    await digest.check();
    await expect.poll(() => digest.isEnabled()).toBe(true);
    await inbox.page.reload();
    await inbox.page.getByTestId('notifications-page').waitFor();
    await expect.poll(() => inbox.page.getByTestId('weekly-digest').isChecked()).toBe(true);

    // The admin's mail log lists the mail that went with it; no job runner here, so it is still waiting.
    await admin.page.goto(`${e2e.portal.url}/admin/mail?to=${encodeURIComponent(member.email)}`);
    const row = admin.page.getByRole('row').filter({ hasText: '[PAMS] Quarter close' });
    await row.waitFor();
    expect(await row.innerText()).toContain('Pending');
    await row.getByRole('button', { name: '[PAMS] Quarter close' }).click();
    await admin.page.getByTestId('mail-message').getByText(/Not written yet/).waitFor();

    for (const t of [inbox, admin]) {
      expect(t.errors).toEqual([]);
      await t.close();
    }
  });
});
