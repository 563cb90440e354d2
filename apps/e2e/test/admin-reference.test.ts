import { beforeAll, describe, expect, it } from 'vitest';
import { ensureCurrencyRates } from '@pams/server-reference';
import { asSystem } from './support/fixtures.js';
import { openSignedIn } from './support/browser.js';
import { usePortalWithBrowser } from './support/portal.js';

/** Reference data in the admin console (P-005): add, rename, retire, merge with a preview, undo from the journal, rates. */
describe('reference data in the admin console', () => {
  const e2e = usePortalWithBrowser();
  const sql = <T,>(text: string, params: unknown[] = []) => e2e.portal.orm.em.fork().getConnection().execute<T[]>(text, params);

  // As the seed does: a rate for every currency.
  beforeAll(() => asSystem(() => ensureCurrencyRates(e2e.portal.orm.em.fork())));

  it('adds two industries, merges them after a preview, undoes the merge, renames and retires a record, and sets a rate', async () => {
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/admin/reference?kind=industries`, e2e.people.admin.email);
    await page.getByTestId('reference-page').waitFor();
    const status = page.getByTestId('reference-status');
    const table = page.getByRole('table', { name: 'Industries' });

    for (const name of ['Retail banking', 'Retail Banking EU']) {
      await page.getByLabel('New industry').fill(name);
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await status.getByText(`Added "${name}".`).waitFor();
      await table.getByText(name, { exact: true }).waitFor();
    }
    // A duplicate name is refused in plain words and adds nothing.
    await page.getByLabel('New industry').fill('Retail banking');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => page.getByTestId('reference-status').getAttribute('class')).toBe('pams-error-text');
    expect((await sql<{ n: number }>(`select count(*)::int as n from industry where name = 'Retail banking'`))[0].n).toBe(1);

    // Merge: choose both, the base and the name, preview, confirm.
    await table.getByRole('checkbox', { name: 'Select Retail banking', exact: true }).check();
    await table.getByRole('checkbox', { name: 'Select Retail Banking EU', exact: true }).check();
    await page.getByRole('button', { name: 'Merge 2 selected…' }).click();
    const panel = page.getByTestId('merge-panel');
    await panel.getByLabel('Merged name').fill('Retail banking (all)');
    await panel.getByRole('button', { name: 'Preview' }).click();
    await panel.getByTestId('merge-preview').waitFor();
    expect(await panel.getByTestId('merge-preview').innerText()).toContain('only the records change');
    await panel.getByRole('button', { name: 'Merge into "Retail banking (all)"' }).click();
    await status.getByText(/Merged 2 records into "Retail banking \(all\)"/).waitFor();
    await table.getByText('Retail banking (all)', { exact: true }).waitFor();
    const [merged] = await sql<{ active: boolean }>(`select active from industry where name like 'Retail Banking EU%'`);
    expect(merged.active).toBe(false);

    // Undo from the journal: both records as they were.
    const journal = page.getByTestId('merge-journal');
    await journal.getByRole('button', { name: 'Undo' }).click();
    await status.getByText(/The merge was undone/).waitFor();
    await journal.getByText(/undone/).waitFor();
    const after = await sql<{ name: string; active: boolean }>(`select name, active from industry where name ilike 'retail banking%' order by name`);
    expect(after.sort((a, b) => a.name.length - b.name.length)).toEqual([
      { name: 'Retail banking', active: true },
      { name: 'Retail Banking EU', active: true },
    ]);

    // Add, rename and retire a region.
    await page.getByRole('navigation', { name: 'Kinds of reference data' }).getByRole('link', { name: 'Regions' }).click();
    const regions = page.getByRole('table', { name: 'Regions' });
    await page.getByLabel('New region').fill('Nordics');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const row = regions.getByRole('row').filter({ hasText: 'Nordics' });
    await row.getByRole('button', { name: 'Rename' }).click();
    await page.getByLabel('New name of Nordics').fill('Nordics East');
    await page.getByLabel('New name of Nordics').press('Enter');
    await status.getByText('Renamed to "Nordics East".').waitFor();
    await row.getByRole('button', { name: 'Retire' }).click();
    await status.getByText(/is retired/).waitFor();
    await row.getByText('Retired').waitFor();
    const [region] = await sql<{ name: string; active: boolean }>(`select name, active from region where name like 'Nordics%'`);
    expect(region).toEqual({ name: 'Nordics East', active: false });

    // A rate: a bad number is refused and named; a good one is stored.
    await page.getByRole('navigation', { name: 'Kinds of reference data' }).getByRole('link', { name: 'Currency rates' }).click();
    await page.getByLabel('Rate of EUR').fill('-1');
    await page.getByRole('row').filter({ hasText: 'EUR' }).getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('reference-status').getAttribute('class')).toBe('pams-error-text');
    await page.getByLabel('Rate of EUR').fill('1.0825');
    await page.getByRole('row').filter({ hasText: 'EUR' }).getByRole('button', { name: 'Save' }).click();
    await status.getByText('EUR is now 1.0825 USD.').waitFor();
    const [eur] = await sql<{ rate: string }>(`select rate_to_reporting::text as rate from currency_rate where currency = 'EUR'`);
    expect(Number(eur.rate)).toBe(1.0825);

    expect(errors).toEqual([]);
    await close();
  });
});
