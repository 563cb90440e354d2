import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig, tasks } from '@pams/gateway';
import { startJobRunner, type JobRunner } from '@pams/server-jobs';
import { ActivityType } from '@pams/shared-util';
import { downloadOf, openSignedIn } from './support/browser.js';
import { createActivities } from './support/fixtures.js';
import { usePortalWithBrowser } from './support/portal.js';

const HEADER = 'Activity Date,Presales Email,Activity Type,Customer,Project,Days,Hours,Call Type,MoM,Activity Name';

/**
 * Issue 10, P-011/P-012: an admin uploads a file of the old system, checks its mapping, runs the dry run,
 * decides the conflict, commits after confirming, reads the post-checks, and undoes the import.
 */
describe('the admin legacy import page', () => {
  const e2e = usePortalWithBrowser();
  let runner: JobRunner | undefined;

  beforeAll(async () => {
    // The one account and the one activity that the file's rows meet.
    await createActivities(e2e.portal.orm, e2e.people.region, [
      { owner: e2e.people.member, date: '2026-03-02', external: { account: 'Acme Corp', project: 'Rollout' }, effortHalfHours: 2 },
      { owner: e2e.people.member, date: '2026-03-04', type: ActivityType.TRAINING, name: 'Product training', effortHalfHours: 4 },
    ]);
  });

  afterAll(async () => {
    await runner?.stop();
  });

  it('is not offered to a member', async () => {
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/admin/legacy-import`, e2e.people.member.email);
    await page.getByRole('heading', { name: 'For admins only' }).waitFor();
    expect(await page.getByRole('link', { name: 'Legacy import' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('uploads activities, dry-runs them with progress, decides the conflict, commits with post-checks all ok, and undoes it', async () => {
    const member = e2e.people.member.email;
    const csv = [
      HEADER,
      `2026-03-05,${member},Customer call,Acme Corp,Rollout,,1.5,Demo,Intro call,`, // 2 NEW
      `2026-03-04,${member},Training,,,,3,,,Product training v2`, // 3 CONFLICT: hours and name
      `31/02/2026,${member},Customer call,Acme Corp,Rollout,,1,Demo,x,`, // 4 bad date
      `2026-04-01,${member},Webinar,,,,2,,,Launch webinar`, // 5 NEW
    ].join('\r\n');

    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/admin`, e2e.people.admin.email);
    await page.getByTestId('admin-overview').waitFor();
    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Legacy import' }).click();
    await page.getByRole('heading', { name: 'Legacy import', level: 1 }).waitFor();
    expect(page.url()).toContain('/admin/legacy-import');
    expect(await page.getByTestId('legacy-upload').innerText()).toContain('Import users first, then accounts, then projects, then activities');

    await page.getByLabel('What the file holds').selectOption('ACTIVITIES');
    await page.getByLabel('File (.csv or .xlsx)').setInputFiles({ name: 'old-activities.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Upload' }).click();
    const opened = page.getByTestId('legacy-import');
    await expect.poll(() => opened.getAttribute('data-status')).toBe('STAGED');
    expect(page.url()).toMatch(/\/admin\/legacy-import\?import=[0-9a-f-]{36}$/);
    expect(await page.getByTestId('legacy-status').innerText()).toContain('4 rows read');
    expect(await page.getByRole('heading', { name: 'Activities from old-activities.csv' }).count()).toBe(1);

    // The suggested columns are preselected; what the file lacks is not mapped.
    const mapping = page.getByTestId('legacy-mapping');
    const mapped = async (label: string) => mapping.getByLabel(label, { exact: true }).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent);
    expect(await mapped('Date')).toBe('Activity Date');
    expect(await mapped('Owner email')).toBe('Presales Email');
    expect(await mapped('Account')).toBe('Customer');
    expect(await mapped('Effort (hours)')).toBe('Hours');
    expect(await mapped('Minutes of meeting')).toBe('MoM');
    expect(await mapped('Topic')).toBe('— not mapped —');
    expect(await mapping.locator('tr[data-field="date"]').innerText()).toContain('key');

    // The dry run waits in the queue until a runner takes it: the page shows it waiting, then its progress.
    await mapping.getByRole('button', { name: 'Run dry run' }).click();
    await expect.poll(() => opened.getAttribute('data-status')).toBe('CHECKING');
    const progress = page.getByRole('progressbar', { name: 'Dry run progress' });
    expect(await progress.getAttribute('aria-valuenow')).toBe('0');
    runner = await startJobRunner({
      connectionString: String(e2e.portal.orm.config.get('clientUrl')),
      orm: e2e.portal.orm,
      config: loadGatewayConfig({ ...process.env, NODE_ENV: 'test', PAMS_DATA_DIR: path.dirname(e2e.portal.deployDir) }),
      log: pino({ level: 'silent' }),
      tasks: tasks(),
      concurrency: 1,
      pollIntervalMs: 100,
    });
    await expect.poll(() => opened.getAttribute('data-status'), { timeout: 30_000 }).toBe('CHECKED');
    const count = (label: string) => page.locator(`[data-count="${label}"] dd`).innerText();
    expect([await count('New'), await count('Conflicts'), await count('Unchanged'), await count('Rejected'), await count('Will change')]).toEqual(['2', '1', '0', '1', '0']);

    const rows = page.getByTestId('legacy-rows');
    await rows.getByRole('button', { name: /^Rejected/ }).click();
    const rejected = rows.locator('tr[data-row="4"]');
    await rejected.waitFor();
    expect(await rows.locator('tr[data-row]').count()).toBe(1);
    expect(await rejected.innerText()).toMatch(/BAD_DATE: /);

    // The file's names in every row, and its hours in row 3.
    await rows.getByRole('button', { name: /^Conflicts/ }).click();
    const conflict = rows.locator('tr[data-row="3"]');
    await conflict.waitFor();
    expect(await conflict.locator('tr[data-difference="name"]').innerText()).toMatch(/Name\s+Product training\s+Product training v2/);
    await rows.getByRole('button', { name: 'Take file values for Name in every row' }).click();
    await expect.poll(() => conflict.locator('tr[data-difference="name"]').getAttribute('data-choice')).toBe('FILE');
    await expect.poll(() => count('Will change')).toBe('1');
    await conflict.getByRole('radiogroup', { name: 'Row 3: Effort (hours)' }).getByLabel('Take file').click();
    await expect.poll(() => conflict.locator('tr[data-difference="effortHalfHours"]').getAttribute('data-choice')).toBe('FILE');

    const report = await downloadOf(page, page.getByRole('link', { name: 'Download diff report (CSV)' }));
    expect(report.name).toMatch(/^legacy-import-activities-[0-9a-f]{8}-report\.csv$/);
    expect(report.body.toString('utf8')).toContain('BAD_DATE');

    await page.getByTestId('legacy-commit').getByRole('button', { name: 'Commit' }).click();
    const commitDialog = page.getByRole('dialog', { name: 'Commit the import' });
    expect(await commitDialog.getByTestId('legacy-commit-summary').innerText()).toContain('2 records will be created and 1 record changed');
    await commitDialog.getByRole('button', { name: 'Commit' }).click();
    await expect.poll(() => opened.getAttribute('data-status'), { timeout: 30_000 }).toBe('COMMITTED');
    expect(await page.getByTestId('legacy-applied').innerText()).toContain('2 records created, 1 record updated by Ada Admin');
    const checks = page.getByTestId('legacy-post-checks').locator('tr[data-check]');
    expect(await checks.count()).toBeGreaterThan(0);
    expect(await page.getByTestId('legacy-post-checks').locator('tr[data-ok="false"]').count()).toBe(0);
    expect(await page.getByTestId('legacy-post-checks').innerText()).toContain('rows: activity');

    await page.getByRole('button', { name: 'Undo this import' }).click();
    await page.getByRole('dialog', { name: 'Undo this import' }).getByRole('button', { name: 'Undo the import' }).click();
    await expect.poll(() => opened.getAttribute('data-status'), { timeout: 30_000 }).toBe('UNDONE');
    expect(await page.getByTestId('legacy-undone').innerText()).toContain('the records are as they were before the commit');
    const listed = page.getByRole('table', { name: 'Recent imports' }).locator('tr[data-import]').first();
    await expect.poll(() => listed.getAttribute('data-status')).toBe('UNDONE');
    expect(await listed.innerText()).toContain('old-activities.csv');
    expect(errors).toEqual([]);
    await close();
  });
});
