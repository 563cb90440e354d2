import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Account, Outcome, Project } from '@pams/server-accounts';
import { encodeCursor, statementCount } from '@pams/server-core';
import { User } from '@pams/server-identity';
import { Product, SalesRep } from '@pams/server-reference';
import { OutcomeResult, ProjectStatus, Role } from '@pams/shared-util';
import { createReferenceFixture, signInAs, type ReferenceFixture, type SignedIn } from './support/accounts-fixtures.js';
import { asSystem } from './support/identity-fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const LIST = `query ($search: String, $status: ProjectStatus, $first: Int, $after: String) {
  projectList(search: $search, status: $status, first: $first, after: $after) {
    nodes {
      id name status
      account { id name region { id name } projectCount }
      owners { id name }
      products { id name }
      outcome { id result month project { id } account { id } }
    }
    pageInfo { endCursor hasNextPage }
  }
}`;

interface ListedProject {
  id: string;
  name: string;
  status: string;
  account: { id: string; name: string; region: { id: string; name: string } | null; projectCount: number };
  owners: { id: string; name: string }[];
  products: { id: string; name: string }[];
  outcome: { id: string; result: string; month: string; project: { id: string }; account: { id: string } } | null;
}

interface ProjectPage {
  nodes: ListedProject[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

/** What a list page reads (a page of 200 of LIST would exceed the query cost limit). */
const ROWS = `query ($search: String, $first: Int) {
  projectList(search: $search, first: $first) {
    nodes { id name status account { id name } owners { id name } products { name } outcome { result month project { id } account { id } } }
  }
}`;

const PAGE_CAP = 300;

interface NewProject {
  account: string;
  name: string;
  status?: ProjectStatus;
  ownerIds?: string[];
  productIds?: string[];
}

describe('projectList: the projects of every account', () => {
  let app: TestApp;
  let ref: ReferenceFixture;
  let member: SignedIn;
  let leader: SignedIn;

  beforeAll(async () => {
    app = await startTestApp({ GRAPHQL_MAX_PAGE_SIZE: String(PAGE_CAP) });
    ref = await createReferenceFixture(app.orm);
    member = await signInAs(app, Role.MEMBER, [ref.regions.south], 'Mira Member');
    leader = await signInAs(app, Role.LEADER);
  });
  afterAll(() => app?.close());

  /** Accounts (created when new) and their projects, written through the ORM as the seed would. */
  async function createProjects(projects: NewProject[]): Promise<string[]> {
    return asSystem(async () => {
      const em = app.orm.em.fork();
      const accounts = new Map<string, Account>();
      for (const name of new Set(projects.map((p) => p.account))) {
        const existing = await em.findOne(Account, { name });
        accounts.set(name, existing ?? em.create(Account, { name, salesRep: em.getReference(SalesRep, ref.salesReps.south) }));
      }
      const created = projects.map((p) => {
        const project = em.create(Project, { account: accounts.get(p.account)!, name: p.name, status: p.status ?? ProjectStatus.ACTIVE });
        project.owners.set((p.ownerIds ?? []).map((id) => em.getReference(User, id)));
        project.products.set((p.productIds ?? []).map((id) => em.getReference(Product, id)));
        return project;
      });
      await em.flush();
      return created.map((p) => p.id);
    });
  }

  async function list(client: SignedIn, variables: Record<string, unknown>): Promise<ProjectPage> {
    return (await client.client.data<{ projectList: ProjectPage }>(LIST, variables)).projectList;
  }

  async function all(variables: Record<string, unknown>, first: number): Promise<ListedProject[]> {
    const seen: ListedProject[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await list(member, { ...variables, first, after });
      seen.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) return seen;
      after = page.pageInfo.endCursor;
    }
  }

  describe('order, search and status', () => {
    beforeAll(async () => {
      await createProjects([
        { account: 'Ordo Bank', name: 'ordo beta', ownerIds: [member.id] },
        { account: 'Ordo Bank', name: 'Ordo Alpha' },
        { account: 'Ordo Retail', name: 'ORDO ALPHA', status: ProjectStatus.WON },
        { account: 'Ordo Retail', name: 'Ordo gamma', status: ProjectStatus.LOST },
        { account: 'Ordo Telecom', name: 'ordo Alpha' },
        { account: 'Ordo Telecom', name: 'Ordo Delta', status: ProjectStatus.WON },
        { account: '50% Off_Stores', name: 'Coupon bot' },
        { account: '50% Off_Stores', name: 'Loyalty' },
        { account: 'Plain Stores', name: 'Rewards 100% bot' },
        { account: 'Plain Stores', name: 'under_score' },
        { account: 'Plain Stores', name: 'Wildcard-free' },
      ]);
    });

    it('lists by name regardless of case, then id, with account, owners and an outcome when there is one', async () => {
      const page = await list(member, { search: 'ordo', first: 50 });
      const names = page.nodes.map((p) => p.name);
      expect(names.map((n) => n.toLowerCase())).toEqual(['ordo alpha', 'ordo alpha', 'ordo alpha', 'ordo beta', 'ordo delta', 'ordo gamma']);
      // Equal names regardless of case: by id.
      const alphas = page.nodes.slice(0, 3).map((p) => p.id);
      expect(alphas).toEqual([...alphas].sort());
      expect(page.pageInfo.hasNextPage).toBe(false);
      const beta = page.nodes.find((p) => p.name === 'ordo beta')!;
      expect(beta).toMatchObject({
        status: 'ACTIVE',
        account: { name: 'Ordo Bank', region: { id: ref.regions.south }, projectCount: 2 },
        owners: [{ id: member.id, name: 'Mira Member' }],
        outcome: null,
      });
    });

    it('matches part of the project name or of the account name, case-insensitively', async () => {
      const byProject = await list(member, { search: 'ALPHA' });
      expect(byProject.nodes.map((p) => p.account.name).sort()).toEqual(['Ordo Bank', 'Ordo Retail', 'Ordo Telecom']);
      const byAccount = await list(member, { search: 'telecom' });
      expect(byAccount.nodes.map((p) => p.name)).toEqual(['ordo Alpha', 'Ordo Delta']);
      const byAccountOnly = await list(member, { search: 'plain stores' });
      expect(byAccountOnly.nodes.map((p) => p.name)).toEqual(['Rewards 100% bot', 'under_score', 'Wildcard-free']);
    });

    it('takes % and _ literally, in project and account names', async () => {
      const percent = await list(member, { search: '%' });
      expect(percent.nodes.map((p) => p.name)).toEqual(['Coupon bot', 'Loyalty', 'Rewards 100% bot']);
      const underscore = await list(member, { search: '_' });
      expect(underscore.nodes.map((p) => p.name)).toEqual(['Coupon bot', 'Loyalty', 'under_score']);
      const backslash = await list(member, { search: '\\' });
      expect(backslash.nodes).toEqual([]);
      const tooLong = await member.client.query(LIST, { search: 'x'.repeat(201) });
      expect(tooLong.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('keeps one status, alone or with a search', async () => {
      const won = await list(member, { status: 'WON' });
      expect(won.nodes.map((p) => p.name)).toEqual(['ORDO ALPHA', 'Ordo Delta']);
      const lost = await list(member, { search: 'retail', status: 'LOST' });
      expect(lost.nodes.map((p) => p.name)).toEqual(['Ordo gamma']);
      const active = await list(member, { search: 'ordo', status: 'ACTIVE' });
      expect(active.nodes.map((p) => p.name.toLowerCase())).toEqual(['ordo alpha', 'ordo alpha', 'ordo beta']);
      expect(active.nodes.every((p) => p.status === 'ACTIVE')).toBe(true);
    });

    it('is readable by every signed-in role, and refused when signed out', async () => {
      const read = await list(leader, { search: 'ordo', first: 2 });
      expect(read.nodes).toHaveLength(2);
      const anonymous = await app.client().query(LIST, { search: 'ordo' });
      expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(anonymous.data?.projectList ?? null).toBeNull();
    });
  });

  describe('keyset pages', () => {
    const token = 'Kst';

    beforeAll(async () => {
      await createProjects(
        Array.from({ length: 30 }, (_, i) => ({
          account: `${token} account ${i % 3}`,
          name: `${token} ${i % 2 === 0 ? 'p' : 'P'}${String(i * 2).padStart(3, '0')}`,
        })),
      );
    });

    it('pages without gaps or repeats', async () => {
      const seen = await all({ search: `${token} p` }, 7);
      expect(seen.map((p) => p.name)).toEqual(Array.from({ length: 30 }, (_, i) => `${token} ${i % 2 === 0 ? 'p' : 'P'}${String(i * 2).padStart(3, '0')}`));
      expect(new Set(seen.map((p) => p.id)).size).toBe(30);
    });

    it('stays stable when projects are added between page reads', async () => {
      const first = await list(member, { search: `${token} p`, first: 10 });
      expect(first.nodes.at(-1)!.name).toBe(`${token} P018`);
      // One sorts before the cursor (already read: not shown again), one after it (shown in its place).
      await createProjects([
        { account: `${token} account 0`, name: `${token} p001` },
        { account: `${token} account 1`, name: `${token} p021` },
      ]);
      const second = await list(member, { search: `${token} p`, first: 10, after: first.pageInfo.endCursor });
      expect(second.nodes.map((p) => p.name)).toEqual([
        `${token} p020`, `${token} p021`, `${token} P022`, `${token} p024`, `${token} P026`,
        `${token} p028`, `${token} P030`, `${token} p032`, `${token} P034`, `${token} p036`,
      ]);
      const firstIds = new Set(first.nodes.map((p) => p.id));
      expect(second.nodes.some((p) => firstIds.has(p.id))).toBe(false);
    });

    it('refuses a cursor it did not make, and a page over the cap', async () => {
      for (const after of ['nonsense', encodeCursor(['kst p', 'not-a-uuid']), encodeCursor(['kst p']), encodeCursor([1, '00000000-0000-4000-8000-000000000000'])]) {
        const bad = await member.client.query(LIST, { after });
        expect(bad.errors?.[0].extensions?.code, after).toBe('BAD_USER_INPUT');
      }
      for (const first of [PAGE_CAP + 1, 0, -1]) {
        const refused = await member.client.query(`query ($first: Int) { projectList(first: $first) { nodes { id } } }`, { first });
        expect(refused.errors?.[0].extensions?.code, String(first)).toBe('BAD_USER_INPUT');
      }
      const atCap = await member.client.data(`query ($first: Int) { projectList(first: $first) { nodes { id } } }`, { first: PAGE_CAP });
      expect(atCap.projectList.nodes.length).toBeGreaterThan(0);
    });
  });

  it('reads a page in one statement whatever its size, with owners, products and outcomes', async () => {
    const token = 'Stm';
    const ids = await createProjects(
      Array.from({ length: 210 }, (_, i) => ({
        account: `${token} account ${i % 20}`,
        name: `${token} project ${String(i).padStart(3, '0')}`,
        status: i % 3 === 0 ? ProjectStatus.WON : ProjectStatus.ACTIVE,
        ownerIds: [member.id, leader.id],
        productIds: [ref.products.voice, ref.products.assist],
      })),
    );
    await asSystem(async () => {
      const em = app.orm.em.fork();
      ids.forEach((id, i) => {
        if (i % 3 === 0) {
          em.create(Outcome, { project: em.getReference(Project, id), result: OutcomeResult.WON, month: '2026-01-01', crmLink: 'https://crm.example.com/d', reason: 'Won it' });
        }
      });
      await em.flush();
    });

    async function statementsFor(first: number): Promise<{ statements: number; page: ProjectPage }> {
      await member.client.data('{ viewer { id } }'); // the session is warm: no last-seen touch below
      const before = statementCount();
      const { projectList: page } = await member.client.data<{ projectList: ProjectPage }>(ROWS, { search: token, first });
      return { statements: statementCount() - before, page };
    }
    const small = await statementsFor(5);
    const large = await statementsFor(200);
    expect(small.page.nodes).toHaveLength(5);
    expect(large.page.nodes).toHaveLength(200);
    const won = large.page.nodes.find((p) => p.status === 'WON')!;
    expect(won.outcome).toMatchObject({ result: 'WON', month: '2026-01', project: { id: won.id }, account: { id: won.account.id } });
    expect(won.owners.map((o) => o.id).sort()).toEqual([member.id, leader.id].sort());
    expect(won.products.map((p) => p.name)).toEqual(['Agent Assist', 'Voice Bot']);
    // One to authenticate the session, one for the page.
    expect(small.statements).toBe(2);
    expect(large.statements).toBe(small.statements);
  });
});
