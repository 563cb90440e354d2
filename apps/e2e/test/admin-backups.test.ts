import path from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig, tasks } from '@pams/gateway';
import { startJobRunner, type JobRunner } from '@pams/server-jobs';
import { openSignedIn } from './support/browser.js';
import { usePortalWithBrowser } from './support/portal.js';

/** Issue 10, B-001: an admin backs up from the console, watches it run, and reads the verification report. */
describe('the admin backups page', () => {
  const e2e = usePortalWithBrowser();
  let runner: JobRunner | undefined;

  afterAll(async () => {
    await runner?.stop();
  });

  it('has no restore point at first; "Back up now" runs with progress, ends verified, and its report shows every table equal', async () => {
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/admin`, e2e.people.admin.email);
    await page.getByTestId('admin-overview').waitFor();
    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Backups' }).click();
    await page.getByTestId('backups-summary').waitFor();
    expect(page.url()).toContain('/admin/backups');
    expect(await page.getByTestId('backups-summary').innerText()).toContain('every night at 02:00 UTC');
    expect(await page.getByTestId('restore-point').innerText()).toContain('None yet: no backup has been verified.');

    await page.getByRole('button', { name: 'Back up now' }).click();
    const dialog = page.getByRole('dialog', { name: 'Back up now' });
    await dialog.getByRole('button', { name: 'Start the backup' }).click();
    const row = page.locator('tr[data-backup]').first();
    await expect.poll(() => row.getAttribute('data-status')).toBe('QUEUED');
    expect(await row.innerText()).toContain('Waiting to start');
    expect(await page.getByRole('button', { name: 'Back up now' }).isDisabled()).toBe(true);

    // The queue picks it up only now, so the page was seen waiting; the page polls until it ends.
    const dataDir = path.dirname(e2e.portal.deployDir);
    runner = await startJobRunner({
      connectionString: String(e2e.portal.orm.config.get('clientUrl')),
      orm: e2e.portal.orm,
      config: loadGatewayConfig({ ...process.env, NODE_ENV: 'test', PAMS_DATA_DIR: dataDir }),
      log: pino({ level: 'silent' }),
      tasks: tasks(),
      concurrency: 1,
      pollIntervalMs: 100,
    });
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 60_000 }).toBe('VERIFIED');
    expect(await row.innerText()).toContain('Verified');
    expect(await row.innerText()).toContain(e2e.people.admin.name);
    const point = page.getByTestId('restore-point');
    await expect.poll(() => point.innerText()).toMatch(/pams-\d{8}T\d{6}Z-[0-9a-f]{8}\.dump/);

    await point.getByRole('button', { name: 'Report' }).click();
    const report = page.getByTestId('backup-report');
    await report.locator('tr[data-table="activity"]').waitFor();
    expect(await report.locator('tr[data-table="activity"] td').last().innerText()).toBe('equal');
    expect(await report.locator('td', { hasText: 'differ' }).count()).toBe(0);
    expect(await report.innerText()).toMatch(/sha256 [0-9a-f]{64}/);
    expect(errors).toEqual([]);
    await close();
  });
});
