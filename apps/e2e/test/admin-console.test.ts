import { describe, expect, it } from 'vitest';
import { openSignedIn } from './support/browser.js';
import { usePortalWithBrowser } from './support/portal.js';

/** Every page of the admin console, reached the way an admin does: from the overview, by its section links. */
describe('the admin console, clicked through', () => {
  const e2e = usePortalWithBrowser();

  it('lands an admin on the overview and reaches users, a user, audit history, scheduled actions and the mail log', async () => {
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/`, e2e.people.admin.email);
    await page.getByTestId('admin-overview').waitFor();
    const counts = await page.getByTestId('admin-counts').innerText();
    for (const figure of ['Active users', 'Disabled users', 'Scheduled actions pending', 'Jobs waiting or running', 'Jobs that failed', 'Mails that failed', 'Your unread notifications']) expect(counts).toContain(figure);
    const sections = page.getByRole('navigation', { name: 'Admin sections' });

    // Users: search by part of the name, open the one found.
    await sections.getByRole('link', { name: 'Users' }).click();
    await page.getByTestId('users-page').waitFor();
    await page.getByLabel('Name or email').fill('colleague');
    await page.getByRole('button', { name: 'Search' }).click();
    const found = page.getByRole('row').filter({ hasText: 'colleague@e2e.pams' });
    await found.waitFor();
    expect(page.url()).toContain('q=colleague');
    await found.getByRole('link', { name: e2e.people.colleague.name }).click();
    await page.getByTestId('user-page').waitFor();
    expect(page.url()).toContain(`/admin/users/${e2e.people.colleague.id}`);
    // A search nobody matches says so.
    await page.goBack();
    await page.getByLabel('Name or email').fill('nobody-by-this-name');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByTestId('users-empty').waitFor();

    await sections.getByRole('link', { name: 'Audit history' }).click();
    await page.getByTestId('audit-count').waitFor();

    await sections.getByRole('link', { name: 'Scheduled actions' }).click();
    await page.getByTestId('scheduled-page').waitFor();
    await page.getByLabel('Status').selectOption('PENDING');
    await expect.poll(() => page.url()).toContain('status=PENDING');
    await page.getByText('No scheduled actions are pending.').waitFor();

    await sections.getByRole('link', { name: 'Mail log' }).click();
    await page.getByTestId('mail-log-page').waitFor();
    await page.getByLabel('Status').selectOption('FAILED');
    await page.getByText('No mail matches these filters.').waitFor();

    await sections.getByRole('link', { name: 'Overview' }).click();
    await page.getByTestId('admin-overview').waitFor();
    expect(errors).toEqual([]);
    await close();
  });
});
