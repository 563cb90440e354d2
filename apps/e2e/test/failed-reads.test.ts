import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Project } from '@pams/server-accounts';
import { openPage, recordOperationNames, signIn } from './support/browser.js';
import { createActivities, thisMonth } from './support/fixtures.js';
import { usePortalWithBrowser } from './support/portal.js';

/** Writes the portal must never send after a failed read (PRODUCT.md, "Never again"). */
const WRITES = ['DeleteActivities', 'DeleteActivity', 'UpdateActivity', 'UpdateProject'];

/**
 * "A failed read was taken as empty and then saved back": a read that fails shows as a failure with
 * Retry — never as an empty list or form — and offers nothing to save or delete until it has loaded.
 */
describe('a failed read is never shown as empty nor saved back', () => {
  const e2e = usePortalWithBrowser();
  let activityId: string;
  let projectId: string;

  beforeAll(async () => {
    [activityId] = await createActivities(e2e.portal.orm, e2e.people.region, [
      { owner: e2e.people.member, date: `${thisMonth()}-02`, name: 'Quarterly review', external: { account: 'Failing Reads Ltd', project: 'Main' }, effortDays: 1 },
      { owner: e2e.people.member, date: `${thisMonth()}-03`, name: 'Second call', effortDays: 1 },
    ]);
    projectId = (await e2e.portal.orm.em.fork().findOneOrFail(Project, { name: 'Main', account: { name: 'Failing Reads Ltd' } })).id;
  });

  /** Answers the named operation with a server error until the returned function is called. */
  async function failOperation(page: Page, operationName: string): Promise<() => Promise<void>> {
    const handler = async (route: Parameters<Parameters<Page['route']>[1]>[0]) => {
      const body = route.request().postDataJSON() as { operationName?: string } | null;
      if (body?.operationName === operationName) await route.fulfill({ status: 503, contentType: 'text/plain', body: 'unavailable' });
      else await route.fallback();
    };
    await page.route('**/graphql', handler);
    return () => page.unroute('**/graphql', handler);
  }

  it('shows a failed month as a failure, with nothing to select or delete, until Retry loads it', async () => {
    const { page, errors, close } = await openPage(e2e.browser);
    const writes = recordOperationNames(page, WRITES);
    await page.goto(`${e2e.portal.url}/activities`);
    const restore = await failOperation(page, 'MonthActivities');
    await signIn(page, e2e.people.member.email);

    await page.getByText(/could not be loaded/).waitFor();
    expect(await page.getByTestId('month-empty').count()).toBe(0);
    expect(await page.getByTestId('month-totals').count()).toBe(0);
    expect(await page.getByRole('checkbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Delete/ }).count()).toBe(0);

    await restore();
    await page.getByRole('button', { name: 'Retry' }).click();
    const box = page.getByRole('checkbox', { name: /^Select Second call/ });
    await box.waitFor();
    expect(await box.isEnabled()).toBe(true);
    expect(await page.getByTestId('month-totals').innerText()).toMatch(/^2 activities/);
    expect(writes).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('offers no Save or Delete for an activity or a project that could not be loaded', async () => {
    const { page, errors, close } = await openPage(e2e.browser);
    const writes = recordOperationNames(page, WRITES);
    await page.goto(`${e2e.portal.url}/activities`);
    await signIn(page, e2e.people.member.email);
    await page.getByTestId('month-view').waitFor();

    const restoreActivity = await failOperation(page, 'ActivityForEdit');
    await page.goto(`${e2e.portal.url}/activities/${activityId}/edit`);
    await page.getByText('The activity could not be loaded').waitFor();
    expect(await page.getByRole('button', { name: /^(Save|Delete)/ }).count()).toBe(0);
    expect(await page.locator('form').count()).toBe(0);
    await restoreActivity();
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).waitFor();

    const restoreProject = await failOperation(page, 'ProjectPage');
    await page.goto(`${e2e.portal.url}/projects/${projectId}`);
    await page.getByText('The project could not be loaded').waitFor();
    expect(await page.getByRole('button', { name: /^Save/ }).count()).toBe(0);
    expect(await page.getByRole('checkbox').count()).toBe(0);
    await restoreProject();
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByTestId('project-page').waitFor();

    // Read once, then its refresh fails on the way back (an in-app link: the cached copy shows at once).
    await page.getByLabel('Project name').waitFor();
    await page.getByTestId('project-page').getByRole('link', { name: 'Failing Reads Ltd' }).first().click();
    await page.getByTestId('account-page').waitFor();
    const restoreRefresh = await failOperation(page, 'ProjectPage');
    await page.getByTestId('account-page').getByRole('link', { name: 'Main', exact: true }).click();
    await page.getByText('The project could not be refreshed').waitFor();
    // What is typed stays, but nothing is saved from a copy that could not be read again.
    await page.getByLabel('Project name').fill('Main (typed on a stale copy)');
    expect(await page.getByRole('button', { name: 'Save project' }).isDisabled()).toBe(true);
    await restoreRefresh();
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByText('The project could not be refreshed').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByRole('button', { name: 'Save project' }).isEnabled()).toBe(true);
    expect(await page.getByLabel('Project name').inputValue()).toBe('Main (typed on a stale copy)');

    expect(writes).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });
});
