import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { Account, Outcome, Project } from '@pams/server-accounts';
import { hashPassword, Region, User } from '@pams/server-identity';
import { SalesRep } from '@pams/server-reference';
import { Currency, OutcomeResult, Role } from '@pams/shared-util';
import { openSignedIn } from './support/browser.js';
import { asSystem, PASSWORD, previousMonth, thisMonth } from './support/fixtures.js';
import { usePortalWithBrowser } from './support/portal.js';

/**
 * The month's overrides as managers edit them (P-015, P-020): the win of the month they pick shows on the
 * builder's callout and in the email package; a save that meets someone else's keeps both people's work.
 */
describe('monthly report overrides in the reports remote', () => {
  const e2e = usePortalWithBrowser();
  const month = previousMonth(thisMonth());
  const outcomes: Record<string, string> = {};

  beforeAll(async () => {
    await asSystem(async () => {
      const em = e2e.portal.orm.em.fork();
      const rep = em.create(SalesRep, { name: 'Sam Seller', email: 'sam@e2e.pams', region: em.getReference(Region, e2e.people.region), currency: Currency.USD, active: true });
      const win = (account: string, mrr: string, reason: string) => {
        const acc = em.create(Account, { name: account, salesRep: rep });
        const project = em.create(Project, { account: acc, name: 'Rollout' });
        const outcome = em.create(Outcome, {
          project,
          result: OutcomeResult.WON,
          month: `${month}-01`,
          crmLink: `https://crm.test/${account}`,
          reason,
          mrrAmount: mrr,
          currency: Currency.USD,
          rate: '1',
          wonBy: em.getReference(User, e2e.people.member.id),
        });
        outcomes[account] = outcome.id;
      };
      win('Big Bank', '9000', 'Largest deal of the month.');
      win('Small Shop', '1200', 'Their first bot.');
      await em.flush();
    });
  });

  it('a manager picks the win of the month, adds highlights; the builder callout and the email package show them', async () => {
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/reports`, e2e.people.manager.email);
    // Before any pick: the largest win of last month.
    const callout = page.getByTestId('win-of-the-month');
    await expect.poll(() => callout.getByTestId('win-of-the-month-title').innerText()).toBe('Big Bank · Rollout');
    expect(await callout.getByTestId('win-of-the-month-story').innerText()).toBe('Largest deal of the month.');

    await page.goto(`${e2e.portal.url}/reports/email-package?from=${month}&to=${month}`);
    const form = page.getByRole('form', { name: 'Highlights and wins of the month' });
    await form.getByLabel('Highlights').fill('Two new logos in India South.');
    await form.getByLabel('Win of the month', { exact: true }).selectOption({ label: 'Small Shop · Rollout · $1,200' });
    await form.getByLabel('Its story (empty: the win’s reason)').fill('A shop of three people now answers every chat.');
    await form.getByLabel('Card of Big Bank · Rollout · $9,000').selectOption('EXCLUDE');
    await form.getByRole('button', { name: 'Add a manual win' }).click();
    const manual = form.getByRole('group', { name: 'Manual win 1' });
    await manual.getByLabel('Title').fill('Partner pilot');
    await manual.getByLabel('Account').fill('Offline Co');
    await manual.getByLabel('MRR (USD)').fill('800');
    await form.getByRole('button', { name: 'Save highlights and wins' }).click();
    await expect.poll(() => form.getByTestId('override-status').innerText()).toBe('Saved.');

    // The preview beside it shows the new highlight and pick without a reload.
    const preview = page.getByRole('article', { name: 'Email preview' });
    await expect.poll(() => preview.innerText()).toContain('Two new logos in India South.');
    expect(await preview.innerText()).toContain('A shop of three people now answers every chat.');

    // Stored as data: the audit has the change, the zip's HTML has the story and the manual win, not the excluded card.
    const stored = await e2e.portal.orm.em.fork().getConnection().execute(`select highlights, win_of_the_month_outcome_id, excluded_outcome_ids from monthly_report_override`);
    expect(stored).toEqual([{ highlights: 'Two new logos in India South.', win_of_the_month_outcome_id: outcomes['Small Shop'], excluded_outcome_ids: [outcomes['Big Bank']] }]);
    const response = await page.request.get(`${e2e.portal.url}/reports/email-package.zip?from=${month}`);
    expect(response.status()).toBe(200);
    const html = await (await JSZip.loadAsync(await response.body())).file('email.html')!.async('string');
    expect(html).toContain('A shop of three people now answers every chat.');
    expect(html).toContain('Partner pilot');

    // Back on the builder, the callout shows the pick.
    await page.goto(`${e2e.portal.url}/reports`);
    await expect.poll(() => callout.getByTestId('win-of-the-month-title').innerText()).toBe('Small Shop · Rollout');
    expect(await callout.innerText()).toContain('picked by a manager');
    expect(errors).toEqual([]);
    await close();
  });

  it('a save that meets another editor’s keeps their fields, asks only about the clash, and loses nothing', async () => {
    const url = `${e2e.portal.url}/reports/email-package?from=${month}&to=${month}`;
    const manager = await openSignedIn(e2e.browser, url, e2e.people.manager.email);
    const admin = await openSignedIn(e2e.browser, url, e2e.people.admin.email);
    const formOf = (p: typeof manager.page) => p.getByRole('form', { name: 'Highlights and wins of the month' });
    await formOf(manager.page).getByLabel('Highlights').waitFor();
    await formOf(admin.page).getByLabel('Highlights').waitFor();

    // The admin saves first: new highlights and the manual win's MRR.
    await formOf(admin.page).getByLabel('Highlights').fill('Admin: the quarter closes strong.');
    await formOf(admin.page).getByRole('group', { name: 'Manual win 1' }).getByLabel('MRR (USD)').fill('950');
    await formOf(admin.page).getByRole('button', { name: 'Save highlights and wins' }).click();
    await expect.poll(() => formOf(admin.page).getByTestId('override-status').innerText()).toBe('Saved.');

    // The manager, on the old version, changes the highlights too and the story: a conflict.
    const form = formOf(manager.page);
    await form.getByLabel('Highlights').fill('Manager: two new logos.');
    await form.getByLabel('Its story (empty: the win’s reason)').fill('Three people, every chat answered.');
    await form.getByRole('button', { name: 'Save highlights and wins' }).click();
    const conflict = manager.page.getByTestId('override-conflict');
    await conflict.waitFor();
    // Only the highlights clash; the admin's MRR is taken into the form, the manager's story is kept.
    const clashRows = await conflict.locator('tbody tr th').allInnerTexts();
    expect(clashRows).toEqual(['Highlights']);
    expect(await conflict.locator('tbody tr td').allInnerTexts()).toEqual(['Admin: the quarter closes strong.', 'Manager: two new logos.', 'Take theirs']);
    expect(await form.getByRole('group', { name: 'Manual win 1' }).getByLabel('MRR (USD)').inputValue()).toBe('950');
    expect(await form.getByLabel('Its story (empty: the win’s reason)').inputValue()).toBe('Three people, every chat answered.');
    // Nothing was written by the refused save.
    const [before] = await e2e.portal.orm.em.fork().getConnection().execute(`select highlights, win_of_the_month_story, version from monthly_report_override`);
    expect(before).toMatchObject({ highlights: 'Admin: the quarter closes strong.', win_of_the_month_story: 'A shop of three people now answers every chat.' });

    await form.getByRole('button', { name: 'Save the merged version' }).click();
    await expect.poll(() => form.getByTestId('override-status').innerText()).toBe('Saved.');
    const [after] = await e2e.portal.orm.em.fork().getConnection().execute(`select highlights, win_of_the_month_story, manual_wins, version from monthly_report_override`);
    expect(after).toMatchObject({
      highlights: 'Manager: two new logos.',
      win_of_the_month_story: 'Three people, every chat answered.',
      manual_wins: [expect.objectContaining({ title: 'Partner pilot', mrrReporting: 950 })],
      version: before.version + 1,
    });
    expect([...manager.errors, ...admin.errors]).toEqual([]);
    await manager.close();
    await admin.close();
  });

  it('a leader sees the package but not the editor; bad input is named and changes nothing', async () => {
    const url = `${e2e.portal.url}/reports/email-package?from=${month}&to=${month}`;
    const leaderEmail = await asSystem(async () => {
      const em = e2e.portal.orm.em.fork();
      const leader = em.create(User, { email: 'leader@e2e.pams', name: 'Lee Leader', role: Role.LEADER, passwordHash: await hashPassword(PASSWORD), defaultRegion: em.getReference(Region, e2e.people.region) });
      await em.flush();
      return leader.email;
    });
    const leader = await openSignedIn(e2e.browser, url, leaderEmail);
    await leader.page.getByRole('article', { name: 'Email preview' }).waitFor();
    await expect.poll(() => leader.page.getByText('Managers edit this month’s highlights and wins.').count()).toBe(1);
    expect(await leader.page.getByRole('form', { name: 'Highlights and wins of the month' }).count()).toBe(0);
    await leader.close();

    const manager = await openSignedIn(e2e.browser, url, e2e.people.manager.email);
    const form = manager.page.getByRole('form', { name: 'Highlights and wins of the month' });
    await form.getByRole('group', { name: 'Manual win 1' }).getByLabel('Title').fill('');
    await form.getByRole('button', { name: 'Save highlights and wins' }).click();
    await expect.poll(() => form.getByRole('alert').innerText()).toBe('Manual win 1, title: Give the win a title.');
    const [row] = await e2e.portal.orm.em.fork().getConnection().execute(`select manual_wins from monthly_report_override`);
    expect(row.manual_wins).toEqual([expect.objectContaining({ title: 'Partner pilot' })]);
    expect(manager.errors).toEqual([]);
    await manager.close();
  });
});
