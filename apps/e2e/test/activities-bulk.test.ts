import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Activity, Draft } from '@pams/server-activities';
import { runInScope } from '@pams/server-core';
import { monthTable, monthTotals, openSignedIn, recordOperationNames } from './support/browser.js';
import { createActivities, previousMonth, thisMonth } from './support/fixtures.js';
import { usePortalWithBrowser } from './support/portal.js';

const rowBox = (page: Page, title: string) => monthTable(page).getByRole('checkbox', { name: `Select ${title}` });
const selectAll = (page: Page) => page.getByRole('checkbox', { name: 'Select all shown' });

/** Bulk delete in the month view (B-004): one saveActivities batch, atomic, per-row answers, audited over 50. */
describe('bulk delete in the month view', () => {
  const e2e = usePortalWithBrowser();
  const month = thisMonth();
  const earlier = previousMonth(month);
  let alpha: string[];
  let batch: string[];
  let regionRows: string[];

  beforeAll(async () => {
    const ids = await createActivities(e2e.portal.orm, e2e.people.region, [
      { owner: e2e.people.member, date: `${month}-03`, name: 'Bulk alpha', effortDays: 1 },
      { owner: e2e.people.member, date: `${month}-04`, name: 'Bulk beta', effortDays: 1 },
      { owner: e2e.people.member, date: `${month}-05`, name: 'Bulk gamma', effortDays: 1 },
      { owner: e2e.people.member, date: `${month}-06`, name: 'Stays put', effortDays: 1 },
      { owner: e2e.people.member, date: `${month}-07`, name: 'Batch one', effortDays: 1 },
      { owner: e2e.people.member, date: `${month}-08`, name: 'Batch two', effortDays: 1 },
      { owner: e2e.people.member, date: `${month}-09`, name: 'Batch three', effortDays: 1 },
      { owner: e2e.people.colleague, date: `${month}-10`, name: 'Colleague call', effortDays: 1 },
    ]);
    alpha = ids.slice(0, 3);
    batch = ids.slice(4, 7);
    regionRows = await createActivities(
      e2e.portal.orm,
      e2e.people.region,
      Array.from({ length: 60 }, (_, i) => ({ owner: e2e.people.colleague, date: `${earlier}-${String((i % 28) + 1).padStart(2, '0')}`, name: `Region row ${i + 1}` })),
    );
  });

  async function signedIn(email: string, path: string) {
    const opened = await openSignedIn(e2e.browser, `${e2e.portal.url}${path}`, email);
    await monthTable(opened.page).getByRole('row').nth(1).waitFor();
    return opened;
  }

  async function stored(ids: readonly string[]) {
    const rows = await e2e.portal.orm.em.fork().find(Activity, { id: { $in: [...ids] } });
    return new Map(rows.map((row) => [row.id, row]));
  }

  async function deletedOf(ids: readonly string[]): Promise<number> {
    return [...(await stored(ids)).values()].filter((row) => row.deletedAt).length;
  }

  it('deletes the selected rows in one batch after an inline confirmation; they leave the list and totals without a reload', async () => {
    const { page, errors, close } = await signedIn(e2e.people.member.email, '/activities');
    const operations = recordOperationNames(page, ['DeleteActivities', 'DeleteActivity']);
    await page.evaluate(() => ((window as unknown as { pamsMarker: number }).pamsMarker = 1));
    const before = await monthTotals(page);

    // Another month clears the selection.
    await rowBox(page, 'Stays put').check();
    await page.getByTestId('bulk-toolbar').waitFor();
    await page.getByRole('button', { name: 'Next month' }).click();
    await page.getByRole('button', { name: 'Previous month' }).click();
    await rowBox(page, 'Stays put').waitFor();
    await expect.poll(() => rowBox(page, 'Stays put').isEnabled()).toBe(true);
    expect(await rowBox(page, 'Stays put').isChecked()).toBe(false);
    expect(await page.getByTestId('bulk-toolbar').count()).toBe(0);

    for (const title of ['Bulk alpha', 'Bulk beta', 'Bulk gamma']) await rowBox(page, title).check();
    const toolbar = page.getByTestId('bulk-toolbar');
    expect(await toolbar.getByTestId('bulk-count').innerText()).toBe('3 selected');
    // Some but not all shown rows: the header box is mixed.
    expect(await selectAll(page).evaluate((box: HTMLInputElement) => box.indeterminate)).toBe(true);

    // From the keyboard: Enter opens the confirmation on Cancel; Escape closes it, nothing is sent.
    await toolbar.getByRole('button', { name: 'Delete selected' }).focus();
    await page.keyboard.press('Enter');
    const confirm = page.getByTestId('bulk-confirm');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('Delete 3 activities?');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    expect(operations).toEqual([]);

    await toolbar.getByRole('button', { name: 'Delete selected' }).click();
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => page.getByTestId('bulk-status').innerText()).toBe('Deleted 3 activities.');
    await expect.poll(() => monthTable(page).innerText()).not.toContain('Bulk alpha');
    const text = await monthTable(page).innerText();
    expect(text).not.toContain('Bulk beta');
    expect(text).not.toContain('Bulk gamma');
    expect(text).toContain('Stays put');
    await expect.poll(() => monthTotals(page)).toEqual({ ...before, count: before.count - 3, days: before.days - 3 });
    expect(await page.getByTestId('bulk-toolbar').count()).toBe(0);
    // One batch, no reload.
    expect(operations).toEqual(['DeleteActivities']);
    expect(await page.evaluate(() => (window as unknown as { pamsMarker?: number }).pamsMarker)).toBe(1);

    expect(await deletedOf(alpha)).toBe(3);
    const events = await e2e.portal.orm.em.fork().execute<{ entity_id: string; actor_id: string }[]>(
      `select entity_id, actor_id from audit_event
        where action = 'Activity.updated' and entity_id in (?) and changes -> 'deletedAt' ->> 'after' is not null`,
      [alpha],
    );
    expect(events.map((e) => e.entity_id).sort()).toEqual([...alpha].sort());
    expect(new Set(events.map((e) => e.actor_id))).toEqual(new Set([e2e.people.member.id]));
    expect(errors).toEqual([]);
    await close();
  });

  it('deletes nothing when one selected row changed meanwhile, names it, and Delete the others deletes the rest', async () => {
    const { page, errors, close } = await signedIn(e2e.people.member.email, '/activities');
    for (const title of ['Batch one', 'Batch two', 'Batch three']) await rowBox(page, title).check();

    // Someone else renames "Batch two" after this page read it.
    await runInScope({ requestId: 'e2e-elsewhere', actorId: e2e.people.colleague.id, actorKind: 'session' }, async () => {
      const em = e2e.portal.orm.em.fork();
      const row = await em.findOneOrFail(Activity, batch[1]);
      row.name = 'Batch two (renamed)';
      await em.flush();
    });

    await page.getByTestId('bulk-toolbar').getByRole('button', { name: 'Delete selected' }).click();
    await page.getByTestId('bulk-confirm').getByRole('button', { name: 'Delete', exact: true }).click();
    const refused = page.getByTestId('bulk-refused');
    await refused.waitFor();
    const problems = await refused.getByTestId('bulk-problems').innerText();
    expect(problems).toContain('Batch two');
    expect(problems).toContain('changed by someone else');
    expect(problems).not.toContain('Batch one');
    expect(await refused.innerText()).toContain('Drafts page');
    // All or nothing: not one row deleted; the refused delete is kept as a draft (P-008).
    expect(await deletedOf(batch)).toBe(0);
    expect((await e2e.portal.orm.em.fork().find(Draft, { entityId: batch[1] })).map((d) => (d.payload as { op?: string }).op)).toEqual(['DELETE']);
    // While the answer is open the selection is frozen: re-ticking a row could not resend a stale version.
    for (const title of ['Batch one', 'Batch two', 'Stays put']) expect(await rowBox(page, title).isDisabled()).toBe(true);
    expect(await selectAll(page).isDisabled()).toBe(true);

    await refused.getByRole('button', { name: 'Delete the others (2)' }).click();
    await expect.poll(() => page.getByTestId('bulk-status').innerText()).toContain('Deleted 2 activities.');
    // Done: the month is read again and the rows can be selected once more.
    await expect.poll(() => rowBox(page, 'Batch two (renamed)').isEnabled()).toBe(true);
    expect(await rowBox(page, 'Stays put').isEnabled()).toBe(true);
    expect(await page.getByTestId('bulk-status').innerText()).toContain('Drafts page');
    await expect.poll(() => monthTable(page).innerText()).toContain('Batch two (renamed)');
    const text = await monthTable(page).innerText();
    expect(text).not.toContain('Batch one');
    expect(text).not.toContain('Batch three');
    const rows = await stored(batch);
    expect(batch.map((id) => Boolean(rows.get(id)?.deletedAt))).toEqual([true, false, true]);
    expect(errors).toEqual([]);
    await close();
  });

  it('lets a manager select all 60 rows of a region month and delete them after the audited bulk confirmation', async () => {
    const { page, errors, close } = await signedIn(e2e.people.manager.email, `/activities?month=${earlier}&scope=REGION`);
    await expect.poll(() => monthTotals(page).then((t) => t.count)).toBe(60);
    // Windowed: fewer rows are in the DOM than in the list, yet "all shown" means all 60.
    expect(await monthTable(page).getByRole('row').count()).toBeLessThan(61);
    await selectAll(page).check();
    expect(await page.getByTestId('bulk-count').innerText()).toBe('60 selected');

    await page.getByTestId('bulk-toolbar').getByRole('button', { name: 'Delete selected' }).click();
    await page.getByTestId('bulk-confirm').getByRole('button', { name: 'Delete', exact: true }).click();
    const audit = page.getByTestId('bulk-audit-confirm');
    await audit.waitFor();
    expect(await audit.innerText()).toContain('You are about to delete 60 activities. This is recorded in the audit log.');
    expect(await deletedOf(regionRows)).toBe(0);

    await audit.getByRole('button', { name: 'Delete 60 activities' }).click();
    await expect.poll(() => page.getByTestId('bulk-status').innerText()).toBe('Deleted 60 activities.');
    await page.getByTestId('month-empty').waitFor();
    expect(await deletedOf(regionRows)).toBe(60);
    const events = await e2e.portal.orm.em.fork().execute<{ actor_id: string; changes: unknown }[]>(
      `select actor_id, changes from audit_event where action = 'activity.bulkDelete.confirmed'`,
    );
    expect(events).toEqual([{ actor_id: e2e.people.manager.id, changes: { count: { before: null, after: 60 } } }]);
    expect(errors).toEqual([]);
    await close();
  });

  it('offers no selection to an analyst, and a member only their own rows', async () => {
    const analyst = await signedIn(e2e.people.analyst.email, '/activities?scope=ALL');
    await expect.poll(() => monthTable(analyst.page).innerText()).toContain('Colleague call');
    expect(await analyst.page.getByRole('checkbox').count()).toBe(0);
    expect(await analyst.page.getByRole('columnheader').allInnerTexts()).not.toContain('');
    expect(analyst.errors).toEqual([]);
    await analyst.close();

    const member = await signedIn(e2e.people.member.email, '/activities?scope=ALL');
    await expect.poll(() => monthTable(member.page).innerText()).toContain('Colleague call');
    await rowBox(member.page, 'Stays put').waitFor();
    expect(await rowBox(member.page, 'Colleague call').count()).toBe(0);
    await selectAll(member.page).check();
    // Own rows left: Stays put, Batch two (renamed).
    expect(await member.page.getByTestId('bulk-count').innerText()).toBe('2 selected');
    expect(member.errors).toEqual([]);
    await member.close();
  });
});
