import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Account, Outcome, Project } from '@pams/server-accounts';
import { Region } from '@pams/server-identity';
import { ensureCurrencyRates, SalesRep } from '@pams/server-reference';
import { Currency } from '@pams/shared-util';
import { openSignedIn } from './support/browser.js';
import { asSystem, thisMonth } from './support/fixtures.js';
import { usePortalWithBrowser } from './support/portal.js';

async function exportFile(month: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Closed');
  sheet.addRow(['Opportunity ID', 'Account Name', 'Opportunity Name', 'Stage', 'Close Date', 'Win/Loss Reason', 'MRR', 'Currency']);
  sheet.addRow(['OPP-1', 'Acme Retail', 'Chat Bot', 'Closed Won', `${month}-02`, 'Strong demo', 1500, 'USD']);
  sheet.addRow(['OPP-2', 'Beta Bank', 'Mortgages', 'Closed Lost', `${month}-03`, 'Price', null, null]);
  sheet.addRow(['OPP-3', 'Nobody Inc', 'Nothing', 'Won', `${month}-04`, 'Fit', null, null]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('outcome import page (P-024)', () => {
  const e2e = usePortalWithBrowser();
  const month = thisMonth();

  beforeAll(async () => {
    await asSystem(async () => {
      const em = e2e.portal.orm.em.fork();
      const rep = em.create(SalesRep, { name: 'Ravi Rep', email: 'ravi@e2e.pams', region: em.getReference(Region, e2e.people.region), currency: Currency.USD });
      const acme = em.create(Account, { name: 'Acme Retail', salesRep: rep });
      const beta = em.create(Account, { name: 'Beta Bank', salesRep: rep });
      const chat = em.create(Project, { account: acme, name: 'Chat Bot', crmLink: 'https://crm.example.com/chat' });
      chat.owners.set([e2e.people.member]);
      em.create(Project, { account: beta, name: 'Cards', crmLink: 'https://crm.example.com/cards' });
      em.create(Project, { account: beta, name: 'Loans', crmLink: 'https://crm.example.com/loans' });
      await em.flush();
      await ensureCurrencyRates(em);
    });
  });

  it('uploads the export, shows each row\'s match, takes a choice and a skip, applies, and the callout counts it', async () => {
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/reports/outcome-imports`, e2e.people.manager.email);
    try {
      await page.getByTestId('outcome-import-file').setInputFiles({ name: 'closed.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await exportFile(month) });
      await expect.poll(() => page.getByTestId('import-counts').textContent()).toBe('1 matched · 1 ambiguous · 1 unmatched · 0 duplicate · 0 invalid · 0 skipped');
      expect(await page.getByTestId('import-row-2').getAttribute('data-status')).toBe('MATCHED');
      expect(await page.getByTestId('apply-import').isDisabled()).toBe(true);

      await page.getByLabel('Project for row 3').selectOption({ label: 'Beta Bank / Cards' });
      await expect.poll(() => page.getByTestId('import-row-3').getAttribute('data-status')).toBe('MATCHED');
      await page.getByTestId('skip-row-4').click();
      await expect.poll(() => page.getByTestId('apply-import').textContent()).toBe('Apply 2 outcome(s)');
      await page.getByTestId('apply-import').click();
      await expect.poll(() => page.getByTestId('import-status').textContent()).toBe('Applied: 2 outcomes recorded; their presales owners are notified by mail.');
      await expect.poll(() => page.getByTestId('import-applied').textContent()).toMatch(/Applied by Mona Manager · 2 outcomes/);
      expect(await e2e.portal.orm.em.fork().count(Outcome, {})).toBe(2);

      await page.reload();
      await expect.poll(() => page.getByTestId('callout-won').textContent()).toBe('1 won');
      expect(await page.getByTestId('callout-lost').textContent()).toBe('1 lost');
      expect(await page.getByTestId('callout-mrr').textContent()).toMatch(/MRR won$/);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows the server\'s sentence for a file it cannot use', async () => {
    const { page, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/reports/outcome-imports`, e2e.people.manager.email);
    try {
      await page.getByTestId('outcome-import-file').setInputFiles({ name: 'deals.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n') });
      await expect.poll(() => page.getByTestId('upload-error').textContent()).toBe('This is not an Excel .xlsx file: export the report from the CRM as Excel (.xlsx).');
    } finally {
      await close();
    }
  });
});
