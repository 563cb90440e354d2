import { beforeAll, describe, expect, it } from 'vitest';
import { Account, Project } from '@pams/server-accounts';
import { User } from '@pams/server-identity';
import { ProjectStatus } from '@pams/shared-util';
import { openSignedIn, scrollListToEnd } from './support/browser.js';
import { asSystem } from './support/fixtures.js';
import { usePortalWithBrowser, type Portal } from './support/portal.js';

const ACCOUNTS = ['Northwind Traders', 'Harbor Logistics', 'Contoso Bank', 'Fabrikam Retail', 'Tailspin Air', 'Wingtip Toys'];

interface FixtureProject {
  name: string;
  account: string;
  status: ProjectStatus;
}

/**
 * 120 projects over six accounts. Their names never hold their account's name, so a search by account
 * name finds them only through their account.
 */
const PROJECTS: FixtureProject[] = Array.from({ length: 120 }, (_, index) => {
  const n = index + 1;
  return {
    name: `Rollout ${String(n).padStart(3, '0')}`,
    account: ACCOUNTS[index % ACCOUNTS.length],
    status: n % 4 === 0 ? ProjectStatus.WON : n % 9 === 0 ? ProjectStatus.LOST : ProjectStatus.ACTIVE,
  };
});

/** Written through the ORM as the system, as the seed would. */
function createProjects(portal: Portal, owner: User): Promise<void> {
  return asSystem(async () => {
    const em = portal.orm.em.fork();
    const accounts = new Map(ACCOUNTS.map((name) => [name, em.create(Account, { name })]));
    PROJECTS.forEach((p, index) => {
      const project = em.create(Project, { account: accounts.get(p.account)!, name: p.name, status: p.status });
      if (index % 2 === 0) project.owners.set([em.getReference(User, owner.id)]);
    });
    await em.flush();
  });
}

/** `/projects`: every account's projects, windowed and paged on scroll, found by search and status kept in the URL. */
describe('the projects list in the portal', () => {
  const e2e = usePortalWithBrowser();

  beforeAll(async () => {
    await createProjects(e2e.portal, e2e.people.member);
  });

  it('windows the rows and loads the next pages as the list scrolls', async () => {
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/accounts`, e2e.people.member.email);
    // The accounts page links to the projects list; the sidebar marks "Projects" current there.
    await page.getByTestId('accounts-page').getByRole('link', { name: 'Projects' }).click();
    await page.getByTestId('projects-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/projects');
    const sidebarLink = page.getByRole('navigation').getByRole('link', { name: 'Projects' });
    expect(await sidebarLink.getAttribute('aria-current')).toBe('page');

    const list = page.getByRole('table', { name: 'Projects' });
    const items = page.getByTestId('project-list-item');
    await items.first().waitFor();
    // The first page of 50 and the row that loads more; only the rows near the view are in the DOM.
    expect(await list.getAttribute('aria-rowcount')).toBe(String(1 + 50 + 1));
    const firstRows = await items.allInnerTexts();
    expect(firstRows.length).toBeLessThan(50);
    expect(firstRows[0]).toBe('Rollout 001');
    const cellsOf = (name: string) => list.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) }).getByRole('cell').allInnerTexts();
    expect(await cellsOf('Rollout 001')).toEqual(['Rollout 001', 'Northwind Traders', 'Active', 'Mira Member']);
    expect(await cellsOf('Rollout 002')).toEqual(['Rollout 002', 'Harbor Logistics', 'Active', '—']);
    expect(await cellsOf('Rollout 004')).toEqual(['Rollout 004', 'Fabrikam Retail', 'Won', '—']);

    await scrollListToEnd(list, 1 + 120);
    await page.getByRole('link', { name: 'Rollout 120' }).waitFor();
    expect(await page.getByTestId('projects-more').count()).toBe(0);
    const lastRows = await items.allInnerTexts();
    expect(lastRows.length).toBeLessThan(50);
    expect(lastRows).not.toContain('Rollout 001');
    expect(errors).toEqual([]);
    await close();
  });

  it('finds projects by their account, keeps one status in the URL across a reload, and opens a project', async () => {
    const harbor = PROJECTS.filter((p) => p.account === 'Harbor Logistics');
    const harborWon = harbor.filter((p) => p.status === ProjectStatus.WON);
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/projects`, e2e.people.manager.email);
    const list = page.getByRole('table', { name: 'Projects' });
    const items = page.getByTestId('project-list-item');
    await items.first().waitFor();

    const filters = page.getByRole('search', { name: 'Find projects' });
    await filters.getByLabel('Search projects').fill('harbor');
    await expect.poll(() => list.getAttribute('aria-rowcount')).toBe(String(1 + harbor.length));
    expect(new URL(page.url()).searchParams.get('q')).toBe('harbor');
    const accountCells = list.getByRole('cell').filter({ has: page.locator('a[href^="/accounts/"]') });
    expect(new Set(await accountCells.allInnerTexts())).toEqual(new Set(['Harbor Logistics']));

    await filters.getByLabel('Status').selectOption({ label: 'Won' });
    await expect.poll(() => list.getAttribute('aria-rowcount')).toBe(String(1 + harborWon.length));
    expect(await items.allInnerTexts()).toEqual(harborWon.map((p) => p.name));
    const url = new URL(page.url());
    expect({ q: url.searchParams.get('q'), status: url.searchParams.get('status') }).toEqual({ q: 'harbor', status: 'WON' });
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Projects' }).getAttribute('aria-current')).toBe('page');

    // A shared link: the reloaded page shows the same search, status and rows.
    await page.reload();
    await items.first().waitFor();
    expect(await filters.getByLabel('Search projects').inputValue()).toBe('harbor');
    expect(await filters.getByLabel('Status').inputValue()).toBe('WON');
    expect(await list.getAttribute('aria-rowcount')).toBe(String(1 + harborWon.length));
    expect(await items.allInnerTexts()).toEqual(harborWon.map((p) => p.name));

    const chosen = harborWon[1];
    await page.getByRole('link', { name: chosen.name }).click();
    await page.getByTestId('project-page').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(chosen.name);
    const stored = await e2e.portal.orm.em.fork().findOneOrFail(Project, { name: chosen.name });
    expect(new URL(page.url()).pathname).toBe(`/projects/${stored.id}`);
    expect(errors).toEqual([]);
    await close();
  });

  it('shows a project changed on its page when going back to the list', async () => {
    const won = PROJECTS.filter((p) => p.status === ProjectStatus.WON);
    const chosen = won[2];
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/projects?status=WON`, e2e.people.admin.email);
    const list = page.getByRole('table', { name: 'Projects' });
    const items = page.getByTestId('project-list-item');
    await items.first().waitFor();
    expect(await list.getAttribute('aria-rowcount')).toBe(String(1 + won.length));

    // Renamed and reopened on its page…
    await page.getByRole('link', { name: chosen.name, exact: true }).click();
    await page.getByTestId('project-page').waitFor();
    await page.getByLabel('Project name').fill(`${chosen.name} (renamed)`);
    await page.getByLabel(/Reopen as active/).check();
    await page.getByRole('button', { name: 'Save project' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    // …it is no longer listed as won when going back, and shows its new name as active.
    await page.goBack();
    await page.getByTestId('projects-page').waitFor();
    await expect.poll(() => list.getAttribute('aria-rowcount')).toBe(String(1 + won.length - 1));
    expect(await items.allInnerTexts()).not.toContain(chosen.name);
    await page.getByRole('search', { name: 'Find projects' }).getByLabel('Status').selectOption({ label: 'Active' });
    await page.getByRole('link', { name: `${chosen.name} (renamed)`, exact: true }).waitFor();
    expect(errors).toEqual([]);
    await close();
  });
});
