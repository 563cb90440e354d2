import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Region, User, UserStatus } from '@pams/server-identity';
import { Role } from '@pams/shared-util';
import type { GraphqlClient } from './support/graphql-client.js';
import { asSystem, createIdentityFixture, signIn, type IdentityFixture } from './support/identity-fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const PRESALES_USERS = `query ($search: String, $regionId: ID, $first: Int) {
  presalesUsers(search: $search, regionId: $regionId, first: $first) { id name email }
}`;

interface Person {
  name: string;
  email: string;
  role?: Role;
  status?: UserStatus;
  regions?: string[];
}

describe('presalesUsers', () => {
  let app: TestApp;
  let fixture: IdentityFixture;
  let member: GraphqlClient;
  const ids = new Map<string, string>();

  /** Users who never sign in: inserted through the ORM in one flush, each in the regions named. */
  async function addPeople(people: readonly Person[]): Promise<void> {
    await asSystem(async () => {
      const em = app.orm.em.fork();
      for (const person of people) {
        const user = em.create(User, {
          email: person.email,
          name: person.name,
          role: person.role ?? Role.MEMBER,
          status: person.status ?? UserStatus.ACTIVE,
          passwordHash: 'not-a-password-hash',
        });
        user.regions.set((person.regions ?? []).map((name) => em.getReference(Region, fixture.regions[name as keyof IdentityFixture['regions']])));
        ids.set(person.name, user.id);
      }
      await em.flush();
    });
  }

  async function names(client: GraphqlClient, variables: Record<string, unknown> = {}): Promise<string[]> {
    const { presalesUsers } = await client.data<{ presalesUsers: { name: string }[] }>(PRESALES_USERS, variables);
    return presalesUsers.map((u) => u.name);
  }

  beforeAll(async () => {
    app = await startTestApp();
    // One active user of each role: "Test admin", "Test leader", "Test manager" (India South + SEA), "Test member", "Test analyst".
    fixture = await createIdentityFixture(app.orm);
    await addPeople([
      { name: 'Zara Zed', email: 'zara.zed@test.pams', regions: ['SEA'] },
      { name: 'anil kumar', email: 'anil@test.pams', role: Role.MANAGER, regions: ['MENA'] },
      { name: 'Bob Builder', email: 'hammer@example.org', regions: ['MENA', 'SEA'] },
      { name: 'Dora Disabled', email: 'dora@test.pams', status: UserStatus.DISABLED, regions: ['SEA'] },
      { name: 'Mona Manager Disabled', email: 'mona@test.pams', role: Role.MANAGER, status: UserStatus.DISABLED },
      { name: 'Leo Leader', email: 'leo@test.pams', role: Role.LEADER, regions: ['SEA'] },
      { name: 'Ada Admin', email: 'ada@test.pams', role: Role.ADMIN, regions: ['SEA'] },
      { name: 'Ana Analyst', email: 'ana@test.pams', role: Role.ANALYST, regions: ['SEA'] },
      { name: 'Quinn 5% Club', email: 'quinn@test.pams' },
      { name: 'Quentin 5 Star Club', email: 'quentin@test.pams' },
      { name: 'Xavier Underscore', email: 'x_y@test.pams' },
      { name: 'Xena Plain', email: 'xay@test.pams' },
    ]);
    member = app.client();
    await signIn(member, fixture.users.MEMBER.email);
  });
  afterAll(() => app?.close());

  const PRESALES = [
    'anil kumar',
    'Bob Builder',
    'Quentin 5 Star Club',
    'Quinn 5% Club',
    'Test manager',
    'Test member',
    'Xavier Underscore',
    'Xena Plain',
    'Zara Zed',
  ];

  it('lists only active members and managers, by name regardless of case, with id, name and email', async () => {
    expect(await names(member)).toEqual(PRESALES);
    const { presalesUsers } = await member.data(PRESALES_USERS, { search: 'zara' });
    expect(presalesUsers).toEqual([{ id: ids.get('Zara Zed'), name: 'Zara Zed', email: 'zara.zed@test.pams' }]);
  });

  it('returns at most `first` people, the first by name', async () => {
    expect(await names(member, { first: 3 })).toEqual(PRESALES.slice(0, 3));
  });

  it('matches part of the name or of the email, whatever the case', async () => {
    expect(await names(member, { search: 'UILD' })).toEqual(['Bob Builder']);
    expect(await names(member, { search: 'HAMMER@example' })).toEqual(['Bob Builder']);
    expect(await names(member, { search: '  TEST M ' })).toEqual(['Test manager', 'Test member']);
    // Leaders, admins, analysts and disabled people are not offered even when they match.
    expect(await names(member, { search: '@test.pams' })).toEqual(PRESALES.filter((name) => name !== 'Bob Builder'));
    expect(await names(member, { search: 'nobody like this' })).toEqual([]);
  });

  it('takes %, _ and \\ in the search literally', async () => {
    expect(await names(member, { search: '5%' })).toEqual(['Quinn 5% Club']);
    expect(await names(member, { search: '5% c' })).toEqual(['Quinn 5% Club']);
    expect(await names(member, { search: 'x_y' })).toEqual(['Xavier Underscore']);
    expect(await names(member, { search: '%' })).toEqual(['Quinn 5% Club']);
    expect(await names(member, { search: '\\' })).toEqual([]);
  });

  it('narrows to the people of one region, combined with the search', async () => {
    expect(await names(member, { regionId: fixture.regions.SEA })).toEqual(['Bob Builder', 'Test manager', 'Zara Zed']);
    expect(await names(member, { regionId: fixture.regions.MENA })).toEqual(['anil kumar', 'Bob Builder']);
    expect(await names(member, { regionId: fixture.regions.SEA, search: 'z' })).toEqual(['Zara Zed']);
    expect(await names(member, { regionId: '00000000-0000-4000-8000-000000000000' })).toEqual([]);
    const invalid = await member.query(PRESALES_USERS, { regionId: 'not-a-region' });
    expect(invalid.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses more than 50 at once, or fewer than one', async () => {
    expect(await names(member, { first: 50 })).toEqual(PRESALES);
    for (const first of [51, 500, 0]) {
      const result = await member.query(PRESALES_USERS, { first });
      expect(result.data ?? null).toBeNull();
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].message).toBe('"first" must be between 1 and 50.');
    }
  });

  it('refuses a search longer than 200 characters', async () => {
    const result = await member.query(PRESALES_USERS, { search: 'a'.repeat(201) });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers every signed-in role and read-only access tokens, but nobody signed out', async () => {
    for (const role of [Role.LEADER, Role.ANALYST, Role.ADMIN, Role.MANAGER]) {
      const client = app.client();
      await signIn(client, fixture.users[role].email);
      expect(await names(client, { search: 'test m' })).toEqual(['Test manager', 'Test member']);
    }

    const analyst = app.client();
    await signIn(analyst, fixture.users.ANALYST.email);
    const created = await analyst.data(`mutation { createAccessToken(name: "script", expiresInDays: 1) { __typename ... on AccessTokenCreated { token } } }`);
    expect(created.createAccessToken.__typename).toBe('AccessTokenCreated');
    const script = app.client();
    script.bearer = created.createAccessToken.token;
    expect(await names(script, { search: 'zed' })).toEqual(['Zara Zed']);

    const anonymous = await app.client().query(PRESALES_USERS, {});
    expect(anonymous.data ?? null).toBeNull();
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
