import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Account, Project } from '@pams/server-accounts';
import { User } from '@pams/server-identity';
import { Industry, Product, UseCase } from '@pams/server-reference';
import { UseCaseBucket } from '@pams/shared-util';
import { openPage, openSignedIn, recordOperations, scrollListToEnd, signIn } from './support/browser.js';
import { asSystem, createActivities, thisMonth } from './support/fixtures.js';
import { usePortalWithBrowser } from './support/portal.js';

interface Reference {
  products: { assist: string; voice: string; chat: string };
  useCases: { tracking: string; cards: string };
  industry: string;
}

/** The accounts list as it scrolls, and the project page: edit, reload, and a conflicting edit. */
describe('projects in the portal', () => {
  const e2e = usePortalWithBrowser();
  let ref: Reference;

  beforeAll(async () => {
    // 120 accounts: three pages of 50 (the list asks for the next one as it scrolls near the end).
    await createActivities(
      e2e.portal.orm,
      e2e.people.region,
      Array.from({ length: 120 }, (_, i) => ({
        owner: e2e.people.member,
        date: `${thisMonth()}-01`,
        external: { account: `Scroll account ${String(i + 1).padStart(3, '0')}`, project: 'Main' },
      })),
    );
    // Reference data written through the ORM as the system, as the seed would.
    ref = await asSystem(async () => {
      const em = e2e.portal.orm.em.fork();
      const banking = em.create(Industry, { name: 'Banking' });
      const assist = em.create(Product, { name: 'Agent Assist' });
      const voice = em.create(Product, { name: 'Voice Bot' });
      const chat = em.create(Product, { name: 'Chat Bot' });
      const tracking = em.create(UseCase, { name: 'Order tracking', bucket: UseCaseBucket.SUPPORT });
      const cards = em.create(UseCase, { name: 'Card activation', bucket: UseCaseBucket.SUPPORT, industry: banking });
      await em.flush();
      return {
        products: { assist: assist.id, voice: voice.id, chat: chat.id },
        useCases: { tracking: tracking.id, cards: cards.id },
        industry: banking.id,
      };
    });
  });

  /** An account of the Banking industry with a project `name` owned by the member. */
  function createProject(accountName: string, name: string): Promise<{ accountId: string; projectId: string }> {
    return asSystem(async () => {
      const em = e2e.portal.orm.em.fork();
      const account = em.create(Account, { name: accountName, industry: em.getReference(Industry, ref.industry) });
      const project = em.create(Project, { account, name });
      project.owners.set([em.getReference(User, e2e.people.member.id)]);
      project.products.set([em.getReference(Product, ref.products.assist)]);
      await em.flush();
      return { accountId: account.id, projectId: project.id };
    });
  }

  async function stored(projectId: string) {
    const project = await e2e.portal.orm.em.fork().findOneOrFail(Project, projectId, { populate: ['products', 'owners', 'secondaryUseCases'] });
    return {
      name: project.name,
      version: project.version,
      primaryUseCase: project.primaryUseCase?.id ?? null,
      products: project.products.getIdentifiers<string>().sort(),
      owners: project.owners.getIdentifiers<string>().sort(),
      secondaryUseCases: project.secondaryUseCases.getIdentifiers<string>(),
    };
  }

  const group = (page: Page, name: string) => page.getByRole('group', { name });
  const ownerSearch = (page: Page) => page.getByRole('combobox', { name: 'Add presales owner' });

  it('keeps only a window of accounts in the page and loads the rest as the list scrolls to its end', async () => {
    const { page, errors, close } = await openPage(e2e.browser);
    const operations = recordOperations(page);
    await page.goto(`${e2e.portal.url}/accounts`);
    await signIn(page, e2e.people.member.email);
    const list = page.getByRole('table', { name: 'Accounts' });
    const rows = list.locator('.pams-vlist-body [role="row"]');
    await page.getByTestId('account-item').first().waitFor();
    expect(await list.getAttribute('aria-rowcount')).toBe(String(1 + 50 + 1));
    expect(await rows.count()).toBeLessThan(50);

    await scrollListToEnd(list, 1 + 120);
    await page.getByRole('link', { name: 'Scroll account 120' }).waitFor();
    expect(await page.getByTestId('accounts-more').count()).toBe(0);
    // Still a window: the first accounts have left the page.
    expect(await rows.count()).toBeLessThan(50);
    expect(await page.getByRole('link', { name: 'Scroll account 001' }).count()).toBe(0);
    // Two more pages, each after the cursor of the one before.
    const more = operations
      .filter((op) => op.startsWith('AccountsPage '))
      .map((op) => (JSON.parse(op.slice('AccountsPage '.length)) as { after: string | null }).after)
      .filter((after) => after !== null);
    expect(more).toHaveLength(2);
    expect(new Set(more).size).toBe(2);
    expect(errors).toEqual([]);
    await close();
  });

  it('edits products, use cases and owners from the project page, sending only what changed', async () => {
    const { accountId, projectId } = await createProject('Acme Bank', 'Support bot');
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/accounts/${accountId}`, e2e.people.member.email);
    await page.getByTestId('project-item').getByRole('link', { name: 'Support bot', exact: true }).click();
    await page.getByTestId('project-page').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Support bot');
    const operations = recordOperations(page);

    await page.getByLabel('Primary use case').selectOption({ label: 'Order tracking' });
    await group(page, 'Secondary use cases').getByLabel('Card activation').check();
    await group(page, 'Products').getByLabel('Voice Bot').check();
    await group(page, 'Products').getByLabel('Agent Assist').uncheck();
    // The keyboard way: the first suggestion is highlighted, Enter adds it (and does not submit the form).
    await ownerSearch(page).fill('colleague@');
    await page.getByRole('option', { name: 'Colin Colleague (colleague@e2e.pams)' }).waitFor();
    await ownerSearch(page).press('Enter');
    expect(await group(page, 'Presales owners').getByLabel('Colin Colleague (colleague@e2e.pams)').isChecked()).toBe(true);
    expect(await ownerSearch(page).inputValue()).toBe('');
    expect(operations.some((op) => op.startsWith('UpdateProject '))).toBe(false);
    await page.getByRole('button', { name: 'Save project' }).click();
    await page.getByText('Saved.').waitFor();

    const update = operations.find((op) => op.startsWith('UpdateProject '));
    expect(JSON.parse(update!.slice('UpdateProject '.length))).toEqual({
      id: projectId,
      expectedVersion: 1,
      input: {
        primaryUseCaseId: ref.useCases.tracking,
        addSecondaryUseCaseIds: [ref.useCases.cards],
        addProductIds: [ref.products.voice],
        removeProductIds: [ref.products.assist],
        addOwnerIds: [e2e.people.colleague.id],
      },
    });
    expect(await stored(projectId)).toEqual({
      name: 'Support bot',
      version: 2,
      primaryUseCase: ref.useCases.tracking,
      products: [ref.products.voice],
      owners: [e2e.people.member.id, e2e.people.colleague.id].sort(),
      secondaryUseCases: [ref.useCases.cards],
    });

    await page.reload();
    const facts = page.getByTestId('project-facts');
    await facts.waitFor();
    const text = await facts.innerText();
    expect(text).toContain('Voice Bot');
    expect(text).not.toContain('Agent Assist');
    expect(text).toContain('Card activation');
    expect(text).toContain('Colin Colleague');
    expect(await group(page, 'Products').getByLabel('Voice Bot').isChecked()).toBe(true);
    expect(await group(page, 'Products').getByLabel('Agent Assist').isChecked()).toBe(false);
    expect(await page.getByRole('button', { name: 'Save project' }).isDisabled()).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });

  it('lets a manager find a member who is not an owner yet by part of the name, add them, and save', async () => {
    const { projectId } = await createProject('Initech Bank', 'Loans bot');
    const { page, errors, close } = await openSignedIn(e2e.browser, `${e2e.portal.url}/projects/${projectId}`, e2e.people.manager.email);
    await page.getByTestId('project-page').waitFor();
    const owners = group(page, 'Presales owners');
    // Only the current owner is a tick box: the colleague has to be searched for.
    await owners.getByLabel('Mira Member (member@e2e.pams)').waitFor();
    expect(await owners.getByRole('checkbox').count()).toBe(1);
    const operations = recordOperations(page);

    // Active presales people only (admins, analysts and leaders never own projects); owners are not offered again.
    await ownerSearch(page).fill('m');
    const options = page.getByRole('listbox', { name: 'Presales people' }).getByRole('option');
    await expect.poll(() => options.allInnerTexts()).toEqual(['Colin Colleague (colleague@e2e.pams)', 'Mona Manager (manager@e2e.pams)', 'Ned Newcomer (newcomer@e2e.pams)']);
    await ownerSearch(page).fill('coll');
    await expect.poll(() => options.allInnerTexts()).toEqual(['Colin Colleague (colleague@e2e.pams)']);
    await page.getByRole('option', { name: 'Colin Colleague (colleague@e2e.pams)' }).click();
    expect(await owners.getByLabel('Colin Colleague (colleague@e2e.pams)').isChecked()).toBe(true);
    expect(await owners.getByLabel('Mira Member (member@e2e.pams)').isChecked()).toBe(true);
    expect(operations.filter((op) => op.startsWith('PresalesOwnerSearch ')).map((op) => JSON.parse(op.slice('PresalesOwnerSearch '.length)))).toContainEqual({ search: 'coll', first: 10 });

    await page.getByRole('button', { name: 'Save project' }).click();
    await page.getByText('Saved.').waitFor();
    const update = operations.find((op) => op.startsWith('UpdateProject '));
    expect(JSON.parse(update!.slice('UpdateProject '.length))).toEqual({ id: projectId, expectedVersion: 1, input: { addOwnerIds: [e2e.people.colleague.id] } });
    expect(await stored(projectId)).toMatchObject({ version: 2, owners: [e2e.people.member.id, e2e.people.colleague.id].sort() });

    await page.reload();
    const facts = page.getByTestId('project-facts');
    await facts.waitFor();
    expect(await facts.innerText()).toContain('Colin Colleague');
    expect(await group(page, 'Presales owners').getByLabel('Colin Colleague (colleague@e2e.pams)').isChecked()).toBe(true);
    expect(await page.getByRole('button', { name: 'Save project' }).isDisabled()).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });

  it('shows a conflicting edit from elsewhere, keeps what was typed, and saves it re-applied', async () => {
    const { projectId } = await createProject('Globex Bank', 'Claims bot');
    const mine = await openPage(e2e.browser);
    const theirs = await openPage(e2e.browser);
    for (const [{ page }, email] of [[mine, e2e.people.member.email], [theirs, e2e.people.manager.email]] as const) {
      await page.goto(`${e2e.portal.url}/projects/${projectId}`);
      await signIn(page, email);
      await page.getByTestId('project-page').waitFor();
    }

    await mine.page.getByLabel('Project name').fill('Claims bot v2');
    await group(mine.page, 'Products').getByLabel('Chat Bot').check();

    // Someone else saves first, from the version both opened.
    await group(theirs.page, 'Products').getByLabel('Voice Bot').check();
    await theirs.page.getByLabel('CRM link').fill('https://crm.example.com/opportunities/7');
    await theirs.page.getByRole('button', { name: 'Save project' }).click();
    await theirs.page.getByText('Saved.').waitFor();

    await mine.page.getByRole('button', { name: 'Save project' }).click();
    const conflict = mine.page.getByTestId('project-conflict');
    await conflict.waitFor();
    const shown = await conflict.innerText();
    expect(shown).toContain('https://crm.example.com/opportunities/7');
    expect(shown).toContain('Voice Bot');
    // Nothing typed is lost, and nothing is saved until the user chooses.
    expect(await mine.page.getByLabel('Project name').inputValue()).toBe('Claims bot v2');
    expect(await group(mine.page, 'Products').getByLabel('Chat Bot').isChecked()).toBe(true);
    expect(await mine.page.getByRole('button', { name: 'Save project' }).isDisabled()).toBe(true);
    expect((await stored(projectId)).name).toBe('Claims bot');

    await conflict.getByRole('button', { name: 'Re-apply my changes' }).click();
    expect(await mine.page.getByLabel('Project name').inputValue()).toBe('Claims bot v2');
    expect(await mine.page.getByLabel('CRM link').inputValue()).toBe('https://crm.example.com/opportunities/7');
    expect(await group(mine.page, 'Products').getByLabel('Voice Bot').isChecked()).toBe(true);
    expect(await group(mine.page, 'Products').getByLabel('Chat Bot').isChecked()).toBe(true);
    await mine.page.getByRole('button', { name: 'Save project' }).click();
    await mine.page.getByText('Saved.').waitFor();

    const after = await stored(projectId);
    expect(after).toMatchObject({
      name: 'Claims bot v2',
      version: 3,
      products: [ref.products.assist, ref.products.voice, ref.products.chat].sort(),
    });
    const crm = await e2e.portal.orm.em.fork().findOneOrFail(Project, projectId);
    expect(crm.crmLink).toBe('https://crm.example.com/opportunities/7');
    expect(mine.errors).toEqual([]);
    expect(theirs.errors).toEqual([]);
    await mine.close();
    await theirs.close();
  });
});
