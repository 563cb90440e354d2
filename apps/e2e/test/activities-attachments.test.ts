import { beforeAll, describe, expect, it } from 'vitest';
import { Account } from '@pams/server-accounts';
import { downloadOf, openSignedIn } from './support/browser.js';
import { asSystem, createActivities } from './support/fixtures.js';
import { usePortalWithBrowser } from './support/portal.js';

/** Issue 10, P-022: a member attaches files to their activity, downloads one, is told why another is refused, removes one. */
describe('attachments on the activity page', () => {
  const e2e = usePortalWithBrowser();
  let id: string;

  beforeAll(async () => {
    [id] = await createActivities(e2e.portal.orm, e2e.people.region, [{ owner: e2e.people.member, date: '2025-05-06', name: 'Workshop' }]);
  });

  it('attaches, downloads, refuses a bad type in plain words, and removes after confirming', async () => {
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/activities/${id}/edit`, e2e.people.member.email);
    const panel = page.getByTestId('attachments');
    await panel.getByText('No files yet.').waitFor();

    const notes = Buffer.from('Agenda: demo, pricing, next steps\n');
    await panel.getByTestId('attach-input').setInputFiles({ name: 'agenda.txt', mimeType: 'text/plain', buffer: notes });
    const link = panel.getByRole('link', { name: 'agenda.txt' });
    await link.waitFor();
    const file = await downloadOf(page, link);
    expect(file.name).toBe('agenda.txt');
    expect(file.body.equals(notes)).toBe(true);

    await panel.getByTestId('attach-input').setInputFiles({ name: 'tool.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
    await panel.getByTestId('attachments-message').waitFor();
    expect(await panel.getByTestId('attachments-message').innerText()).toContain('tool.exe: Files of this type cannot be attached. Allowed: pdf');
    expect(await panel.locator('li[data-attachment]').count()).toBe(1);

    await panel.getByRole('button', { name: 'Remove agenda.txt' }).click();
    await page.getByTestId('remove-attachment-confirm').getByRole('button', { name: 'Remove' }).click();
    await panel.getByText('No files yet.').waitFor();
    expect(errors).toEqual([]);
    await close();
  });

  it('does not show another member the files of an activity that is not theirs', async () => {
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/activities/${id}/edit`, e2e.people.colleague.email);
    await page.getByTestId('activity-form').waitFor();
    // The form is shown (everyone reads activities); the attachments panel is not.
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('attachments').count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });
});

/** Account files (P-022): who logs activities attaches and reads them on the account page. */
describe('attachments on the account page', () => {
  const e2e = usePortalWithBrowser();
  let accountId: string;

  beforeAll(async () => {
    accountId = await asSystem(async () => {
      const em = e2e.portal.orm.em.fork();
      const account = em.create(Account, { name: 'Files & Co' });
      await em.flush();
      return account.id;
    });
  });

  it('a member attaches a file to an account; a colleague downloads it', async () => {
    const member = await openSignedIn(e2e.browser, `${e2e.portal.url}/accounts/${accountId}`, e2e.people.member.email);
    const panel = member.page.getByTestId('attachments');
    await panel.getByText('No files yet.').waitFor();
    const terms = Buffer.from('Payment terms: 30 days\n');
    await panel.getByTestId('attach-input').setInputFiles({ name: 'terms.txt', mimeType: 'text/plain', buffer: terms });
    await panel.getByRole('link', { name: 'terms.txt' }).waitFor();
    expect(member.errors).toEqual([]);
    await member.close();

    const colleague = await openSignedIn(e2e.browser, `${e2e.portal.url}/accounts/${accountId}`, e2e.people.colleague.email);
    const link = colleague.page.getByTestId('attachments').getByRole('link', { name: 'terms.txt' });
    await link.waitFor();
    const file = await downloadOf(colleague.page, link);
    expect(file.body.equals(terms)).toBe(true);
    expect(colleague.errors).toEqual([]);
    await colleague.close();
  });
});
