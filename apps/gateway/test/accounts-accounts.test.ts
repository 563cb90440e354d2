import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Account } from '@pams/server-accounts';
import { statementCount } from '@pams/server-core';
import { SalesRep } from '@pams/server-reference';
import { Role } from '@pams/shared-util';
import { asSystem } from './support/identity-fixtures.js';
import {
  ACCOUNT_FIELDS,
  auditOf,
  createReferenceFixture,
  ERROR_FIELDS,
  signInAs,
  type ReferenceFixture,
  type SignedIn,
} from './support/accounts-fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const CREATE = `mutation ($input: CreateAccountInput!) {
  createAccount(input: $input) { __typename ... on Account { ${ACCOUNT_FIELDS} } ${ERROR_FIELDS} }
}`;

const UPDATE = `mutation ($id: ID!, $version: Int!, $input: UpdateAccountInput!) {
  updateAccount(id: $id, expectedVersion: $version, input: $input) {
    __typename
    ... on Account { ${ACCOUNT_FIELDS} }
    ... on AccountVersionConflict { current { id version name crmLink } }
    ${ERROR_FIELDS}
  }
}`;

const ACCOUNTS = `query ($search: String, $first: Int, $after: String) {
  accounts(search: $search, first: $first, after: $after) {
    nodes { ${ACCOUNT_FIELDS} }
    pageInfo { endCursor hasNextPage }
  }
}`;

const PAGE_CAP = 300;

describe('accounts', () => {
  let app: TestApp;
  let ref: ReferenceFixture;
  let member: SignedIn;
  let manager: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    app = await startTestApp({ GRAPHQL_MAX_PAGE_SIZE: String(PAGE_CAP) });
    ref = await createReferenceFixture(app.orm);
    member = await signInAs(app, Role.MEMBER, [ref.regions.south]);
    manager = await signInAs(app, Role.MANAGER, [ref.regions.south]);
    admin = await signInAs(app, Role.ADMIN);
  });
  afterAll(() => app?.close());

  async function create(client: SignedIn, input: Record<string, unknown>) {
    return (await client.client.data(CREATE, { input })).createAccount;
  }

  it('lets a member create an account, shown with industry, sales rep and region, and audited', async () => {
    const created = await create(member, {
      name: '  Acme Retail  ',
      industryId: ref.industries.retail,
      salesRepId: ref.salesReps.south,
      crmLink: 'https://crm.example.com/accounts/1',
    });
    expect(created).toEqual({
      __typename: 'Account',
      id: expect.any(String),
      version: 1,
      name: 'Acme Retail',
      crmLink: 'https://crm.example.com/accounts/1',
      projectCount: 0,
      industry: { id: ref.industries.retail, name: 'Retail', active: true },
      salesRep: { id: ref.salesReps.south, name: 'Ravi South', currency: 'INR', region: { id: ref.regions.south, name: 'India South' } },
      region: { id: ref.regions.south, name: 'India South' },
    });
    const events = await auditOf(app.orm, 'Account', created.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'Account.created', actorId: member.id });
    expect(events[0].changes?.name).toEqual({ before: null, after: 'Acme Retail' });
  });

  it('refuses a name that exists in another case, and says which fields are wrong', async () => {
    await create(member, { name: 'Globex' });
    const duplicate = await create(manager, { name: 'GLOBEX' });
    expect(duplicate).toEqual({ __typename: 'ValidationFailed', message: expect.any(String), fields: [{ field: 'name', code: 'DUPLICATE' }] });

    const invalid = await create(member, {
      name: ' ',
      industryId: ref.industries.retired,
      salesRepId: '00000000-0000-4000-8000-000000000000',
      crmLink: 'javascript:alert(1)',
    });
    expect(invalid.fields).toEqual([
      { field: 'name', code: 'REQUIRED' },
      { field: 'industryId', code: 'INACTIVE' },
      { field: 'salesRepId', code: 'NOT_FOUND' },
      { field: 'crmLink', code: 'INVALID_URL' },
    ]);
    const tooLong = await create(member, { name: 'x'.repeat(201) });
    expect(tooLong.fields).toEqual([{ field: 'name', code: 'TOO_LONG' }]);
    const count = await app.orm.em.fork().count(Account, { name: { $ilike: 'globex' } });
    expect(count).toBe(1);
  });

  it('creates one account when two people create the same name at once', async () => {
    const results = await Promise.all([create(member, { name: 'Race Co' }), create(manager, { name: 'race co' })]);
    expect(results.map((r) => r.__typename).sort()).toEqual(['Account', 'ValidationFailed']);
    expect(results.find((r) => r.__typename === 'ValidationFailed').fields).toEqual([{ field: 'name', code: 'DUPLICATE' }]);
    expect(await app.orm.em.fork().count(Account, { name: { $ilike: 'race co' } })).toBe(1);
  });

  it('refuses writes by leaders and analysts, and account updates by members', async () => {
    for (const role of [Role.LEADER, Role.ANALYST]) {
      const reader = await signInAs(app, role);
      expect((await create(reader, { name: `By ${role}` })).__typename).toBe('Forbidden');
    }
    const account = await create(member, { name: 'Member Made' });
    const byMember = await member.client.data(UPDATE, { id: account.id, version: 1, input: { name: 'Renamed' } });
    expect(byMember.updateAccount.__typename).toBe('Forbidden');
    expect(await app.orm.em.fork().count(Account, { name: { $like: 'By %' } })).toBe(0);
  });

  it('lets a manager update an account of their region; a stale version changes nothing', async () => {
    const account = await create(member, { name: 'Initech', salesRepId: ref.salesReps.south });
    const updated = await manager.client.data(UPDATE, {
      id: account.id,
      version: 1,
      input: { name: 'Initech Corp', crmLink: 'http://crm.example.com/initech', industryId: ref.industries.banking },
    });
    expect(updated.updateAccount).toMatchObject({
      __typename: 'Account',
      version: 2,
      name: 'Initech Corp',
      crmLink: 'http://crm.example.com/initech',
      industry: { id: ref.industries.banking },
      salesRep: { id: ref.salesReps.south },
    });

    const eventsBefore = await auditOf(app.orm, 'Account', account.id);
    const stale = await admin.client.data(UPDATE, { id: account.id, version: 1, input: { name: 'Stale Name', crmLink: null } });
    expect(stale.updateAccount).toEqual({
      __typename: 'AccountVersionConflict',
      message: expect.any(String),
      current: { id: account.id, version: 2, name: 'Initech Corp', crmLink: 'http://crm.example.com/initech' },
    });
    const stored = await app.orm.em.fork().findOneOrFail(Account, account.id);
    expect({ name: stored.name, version: stored.version, crmLink: stored.crmLink }).toEqual({
      name: 'Initech Corp',
      version: 2,
      crmLink: 'http://crm.example.com/initech',
    });
    expect(await auditOf(app.orm, 'Account', account.id)).toHaveLength(eventsBefore.length);

    // A patch leaves omitted fields alone and null clears one.
    const cleared = await admin.client.data(UPDATE, { id: account.id, version: 2, input: { crmLink: null } });
    expect(cleared.updateAccount).toMatchObject({ version: 3, name: 'Initech Corp', crmLink: null, industry: { id: ref.industries.banking } });
    const renameToTaken = await admin.client.data(UPDATE, { id: account.id, version: 3, input: { name: 'acme retail' } });
    expect(renameToTaken.updateAccount.fields).toEqual([{ field: 'name', code: 'DUPLICATE' }]);
  });

  it('keeps managers to the accounts of their regions', async () => {
    const account = await create(admin, { name: 'Sea Account', salesRepId: ref.salesReps.sea });
    const refused = await manager.client.data(UPDATE, { id: account.id, version: 1, input: { name: 'Taken over' } });
    expect(refused.updateAccount.__typename).toBe('Forbidden');
    const missing = await manager.client.data(UPDATE, { id: '00000000-0000-4000-8000-000000000000', version: 1, input: {} });
    expect(missing.updateAccount.__typename).toBe('NotFound');
  });

  describe('list', () => {
    const prefix = 'Pg ';

    beforeAll(async () => {
      // 200 accounts with names in mixed case, so order must ignore case.
      await asSystem(async () => {
        const em = app.orm.em.fork();
        for (let i = 0; i < 200; i += 1) {
          const n = String(i).padStart(3, '0');
          em.create(Account, { name: `${prefix}${i % 2 === 0 ? 'a' : 'A'}${n}`, salesRep: em.getReference(SalesRep, ref.salesReps.sea) });
        }
        await em.flush();
      });
    });

    it('pages by name regardless of case, then id, without gaps or repeats', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const { accounts }: { accounts: { nodes: { name: string }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } } = await admin.client.data(
          ACCOUNTS,
          { search: prefix.trim(), first: 17, after },
        );
        seen.push(...accounts.nodes.map((a) => a.name));
        if (!accounts.pageInfo.hasNextPage) break;
        after = accounts.pageInfo.endCursor;
      }
      expect(seen).toHaveLength(200);
      expect(seen).toEqual([...seen].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
      expect(new Set(seen).size).toBe(200);
    });

    it('searches part of the name, case-insensitively, with % and _ taken literally', async () => {
      const { accounts } = await admin.client.data(ACCOUNTS, { search: 'a19', first: 50 });
      expect(accounts.nodes.map((a: { name: string }) => a.name)).toEqual([
        'Pg a190', 'Pg A191', 'Pg a192', 'Pg A193', 'Pg a194', 'Pg A195', 'Pg a196', 'Pg A197', 'Pg a198', 'Pg A199',
      ]);
      expect(accounts.nodes[0]).toMatchObject({ region: { id: ref.regions.sea }, salesRep: { name: 'Siti Sea' }, projectCount: 0 });
      const wildcard = await admin.client.data(ACCOUNTS, { search: '%', first: 50 });
      expect(wildcard.accounts.nodes).toEqual([]);
    });

    it('caps the page size', async () => {
      const tooMany = await admin.client.query(`query ($first: Int) { accounts(first: $first) { nodes { id } } }`, { first: PAGE_CAP + 1 });
      expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const bad = await admin.client.query(`{ accounts(after: "nonsense") { nodes { id } } }`);
      expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('reads a page in one statement whatever its size', async () => {
      async function statementsFor(first: number): Promise<{ statements: number; rows: number }> {
        await admin.client.data('{ viewer { id } }'); // the session is warm: no last-seen touch below
        const before = statementCount();
        const { accounts } = await admin.client.data(ACCOUNTS, { search: prefix.trim(), first });
        return { statements: statementCount() - before, rows: accounts.nodes.length };
      }
      const small = await statementsFor(5);
      const large = await statementsFor(200);
      expect(small.rows).toBe(5);
      expect(large.rows).toBe(200);
      // One to authenticate the session, one for the page.
      expect(small.statements).toBe(2);
      expect(large.statements).toBe(small.statements);
    });
  });

  it('reads one account with its projects', async () => {
    const account = await create(member, { name: 'Umbrella' });
    const { account: read } = await member.client.data(`query ($id: ID!) { account(id: $id) { id name projects { id } } }`, { id: account.id });
    expect(read).toEqual({ id: account.id, name: 'Umbrella', projects: [] });
    const none = await member.client.data(`{ account(id: "00000000-0000-4000-8000-000000000000") { id } nope: account(id: "not-a-uuid") { id } }`);
    expect(none).toEqual({ account: null, nope: null });
  });
});
