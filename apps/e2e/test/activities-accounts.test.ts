import { beforeAll, describe, expect, it } from 'vitest';
import { Account } from '@pams/server-accounts';
import { openSignedIn, scrollListToEnd } from './support/browser.js';
import { createActivities, thisMonth } from './support/fixtures.js';
import { usePortalWithBrowser } from './support/portal.js';

/** The accounts pages of the activities remote: search, pages loaded on scroll, create/edit, projects and the win/loss form. */
describe('accounts in the portal', () => {
  const e2e = usePortalWithBrowser();

  beforeAll(async () => {
    // 60 accounts: more than one page of 50.
    await createActivities(
      e2e.portal.orm,
      e2e.people.region,
      Array.from({ length: 60 }, (_, i) => ({
        owner: e2e.people.member,
        date: `${thisMonth()}-01`,
        external: { account: `Bulk account ${String(i + 1).padStart(2, '0')}`, project: 'Main' },
      })),
    );
  });

  it('lists accounts a page at a time as the list scrolls and finds them by part of the name', async () => {
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/activities`, e2e.people.member.email);
    const sidebarLink = page.getByRole('navigation').getByRole('link', { name: 'Accounts' });
    await sidebarLink.click();
    expect(await sidebarLink.getAttribute('aria-current')).toBe('page');
    const list = page.getByRole('table', { name: 'Accounts' });
    const items = page.getByTestId('account-item');
    await items.first().waitFor();
    // The first page of 50, then the row that loads more once it is scrolled near.
    expect(await list.getAttribute('aria-rowcount')).toBe(String(1 + 50 + 1));
    await scrollListToEnd(list, 1 + 60);
    await page.getByRole('link', { name: 'Bulk account 60' }).waitFor();
    expect(await page.getByTestId('accounts-more').count()).toBe(0);

    await page.getByLabel('Search accounts').fill('account 07');
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.innerText()).toContain('Bulk account 07');
    expect(errors).toEqual([]);
    await close();
  });

  it('creates an account, edits it, adds its project and records a win with that single project chosen', async () => {
    // Members create accounts; changing one is for managers of its region and admins.
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/accounts`, e2e.people.manager.email);
    await page.getByLabel('New account name').fill('Globex Health');
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByTestId('account-page').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Globex Health');

    await page.getByLabel('Account name').fill('Globex Health Group');
    await page.getByRole('button', { name: 'Save account' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Globex Health Group');

    await page.getByLabel('New project name').fill('Claims bot');
    await page.getByRole('button', { name: 'Add project' }).click();
    await page.getByTestId('project-item').filter({ hasText: 'Claims bot' }).waitFor();

    // P-004: the only open project is chosen.
    const form = page.getByRole('form', { name: 'Record win or loss' });
    await expect.poll(() => form.getByLabel('Outcome project').evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.text)).toBe('Claims bot');
    await form.getByLabel('Outcome CRM link').fill('https://crm.example.com/deals/1');
    await form.getByLabel('Reason').fill('Best accuracy in the pilot');
    await form.getByRole('button', { name: 'Record outcome' }).click();
    await expect.poll(() => page.getByTestId('project-item').innerText()).toContain('Won');

    const stored = await e2e.portal.orm.em.fork().findOneOrFail(Account, { name: 'Globex Health Group' });
    expect(stored.name).toBe('Globex Health Group');
    expect(errors).toEqual([]);
    await close();
  });
});
