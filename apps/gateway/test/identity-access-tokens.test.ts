import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessToken, hashSecret, User, UserStatus } from '@pams/server-identity';
import { Role } from '@pams/shared-util';
import { startTestApp, type TestApp } from './support/test-app.js';
import type { GraphqlClient } from './support/graphql-client.js';
import { createIdentityFixture, signIn, updateUser, type IdentityFixture } from './support/identity-fixtures.js';

const CREATE = `mutation($name: String!, $days: Int!) {
  createAccessToken(name: $name, expiresInDays: $days) {
    __typename
    ... on AccessTokenCreated { token accessToken { id name prefix createdAt expiresAt lastUsedAt } }
    ... on Forbidden { message }
    ... on ValidationFailed { fields { field code } }
  }
}`;
const LIST = '{ accessTokens { id name prefix expiresAt lastUsedAt } }';
const REVOKE = `mutation($id: ID!) { revokeAccessToken(id: $id) { __typename } }`;
const VIEWER = '{ viewer { id role authenticatedBy } }';

interface Created {
  token: string;
  accessToken: { id: string; name: string; prefix: string; createdAt: string; expiresAt: string; lastUsedAt: string | null };
}

describe('personal access tokens', () => {
  let app: TestApp;
  let fixture: IdentityFixture;
  let analyst: GraphqlClient;
  beforeAll(async () => {
    app = await startTestApp();
    fixture = await createIdentityFixture(app.orm);
    analyst = app.client();
    await signIn(analyst, fixture.users.ANALYST.email);
  });
  afterAll(() => app.close());

  async function create(client: GraphqlClient, name = 'notebook', days = 30): Promise<Created> {
    const result = await client.data(CREATE, { name, days });
    expect(result.createAccessToken.__typename).toBe('AccessTokenCreated');
    return result.createAccessToken as Created;
  }

  function bearer(token: string): GraphqlClient {
    const client = app.client();
    client.bearer = token;
    return client;
  }

  it('creates a token shown once and stored only as a hash', async () => {
    const { token, accessToken } = await create(analyst, '  Jupyter on my laptop ', 90);
    expect(token).toMatch(/^pams_pat_[\w-]{43}$/);
    expect(accessToken).toMatchObject({ name: 'Jupyter on my laptop', prefix: token.slice(0, 12), lastUsedAt: null });
    const days = (Date.parse(accessToken.expiresAt) - Date.parse(accessToken.createdAt)) / 86_400_000;
    expect(days).toBeCloseTo(90, 3);

    const stored = await app.orm.em.fork().findOneOrFail(AccessToken, accessToken.id);
    expect(stored.tokenHash).toBe(hashSecret(token));
    const leaked = await app.orm.em.getConnection().execute(`select count(*)::int as n from access_token where token_hash = ? or prefix = ?`, [token, token]);
    expect(leaked[0].n).toBe(0);

    const { accessTokens } = await analyst.data(LIST);
    expect(accessTokens).toContainEqual({ id: accessToken.id, name: 'Jupyter on my laptop', prefix: accessToken.prefix, expiresAt: accessToken.expiresAt, lastUsedAt: null });
    expect(JSON.stringify(accessTokens)).not.toContain(token);
  });

  it('authenticates queries by bearer token and records when it was last used', async () => {
    const { token, accessToken } = await create(analyst);
    const script = bearer(token);
    expect((await script.data(VIEWER)).viewer).toEqual({ id: fixture.users.ANALYST.id, role: Role.ANALYST, authenticatedBy: 'TOKEN' });
    const { accessTokens } = await analyst.data(LIST);
    const listed = accessTokens.find((t: { id: string }) => t.id === accessToken.id);
    expect(Date.now() - Date.parse(listed.lastUsedAt)).toBeLessThan(60_000);
  });

  it('refuses every mutation made with a token (READ_ONLY_TOKEN), before anything changes', async () => {
    const { token } = await create(analyst);
    const script = bearer(token);
    const before = await app.orm.em.fork().count(AccessToken, {});
    const result = await script.query(CREATE, { name: 'made by a token', days: 1 });
    expect(result.status).toBe(403);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0].extensions?.code).toBe('READ_ONLY_TOKEN');
    expect(await app.orm.em.fork().count(AccessToken, {})).toBe(before);

    const signOut = await script.query('mutation { signOut { message } }');
    expect(signOut.errors?.[0].extensions?.code).toBe('READ_ONLY_TOKEN');
    // A token never rides along with a cookie to gain the session's rights.
    analyst.bearer = token;
    try {
      expect((await analyst.query('mutation { revokeOtherSessions { message } }')).errors?.[0].extensions?.code).toBe('READ_ONLY_TOKEN');
    } finally {
      analyst.bearer = undefined;
    }
  });

  it('stops authenticating a revoked token, and only its owner can revoke it', async () => {
    const { token, accessToken } = await create(analyst);
    const admin = app.client();
    await signIn(admin, fixture.users.ADMIN.email);
    expect((await admin.data(REVOKE, { id: accessToken.id })).revokeAccessToken.__typename).toBe('NotFound');
    expect((await bearer(token).data(VIEWER)).viewer).not.toBeNull();

    expect((await analyst.data(REVOKE, { id: accessToken.id })).revokeAccessToken.__typename).toBe('Done');
    expect((await bearer(token).data(VIEWER)).viewer).toBeNull();
    expect((await analyst.data(REVOKE, { id: accessToken.id })).revokeAccessToken.__typename).toBe('NotFound');
    expect((await analyst.data(LIST)).accessTokens.map((t: { id: string }) => t.id)).not.toContain(accessToken.id);
  });

  it('stops authenticating an expired token', async () => {
    const { token, accessToken } = await create(analyst);
    await app.orm.em.getConnection().execute(`update access_token set expires_at = now() - interval '1 second' where id = ?`, [accessToken.id]);
    const result = await bearer(token).query(VIEWER);
    expect(result.data?.viewer).toBeNull();
    // A protected field then needs a sign-in like any anonymous request.
    expect((await bearer(token).query(LIST)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('stops authenticating the token of a user who is disabled or no longer an analyst', async () => {
    const { token } = await create(analyst);
    const changes: [(u: User) => void, (u: User) => void][] = [
      [(u) => (u.status = UserStatus.DISABLED), (u) => (u.status = UserStatus.ACTIVE)],
      [(u) => (u.role = Role.MEMBER), (u) => (u.role = Role.ANALYST)],
    ];
    for (const [change, undo] of changes) {
      await updateUser(app.orm, fixture.users.ANALYST.id, change);
      try {
        expect((await bearer(token).data(VIEWER)).viewer).toBeNull();
      } finally {
        await updateUser(app.orm, fixture.users.ANALYST.id, undo);
      }
      expect((await bearer(token).data(VIEWER)).viewer).not.toBeNull();
    }
  });

  it('lets admins create tokens and refuses members: Forbidden for the mutation, FORBIDDEN for the list', async () => {
    const admin = app.client();
    await signIn(admin, fixture.users.ADMIN.email);
    await create(admin, 'admin script', 1);

    const member = app.client();
    await signIn(member, fixture.users.MEMBER.email);
    const refused = await member.data(CREATE, { name: 'sneaky', days: 30 });
    expect(refused.createAccessToken).toEqual({ __typename: 'Forbidden', message: 'Only analysts and admins can create access tokens.' });
    const list = await member.query(LIST);
    expect(list.data).toBeNull();
    expect(list.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await app.orm.em.fork().count(AccessToken, { user: fixture.users.MEMBER.id })).toBe(0);
  });

  it('validates the name and the lifetime (1 to 365 days)', async () => {
    for (const [name, days, fields] of [
      ['ok', 0, [{ field: 'expiresInDays', code: 'OUT_OF_RANGE' }]],
      ['ok', 366, [{ field: 'expiresInDays', code: 'OUT_OF_RANGE' }]],
      ['   ', 30, [{ field: 'name', code: 'REQUIRED' }]],
      ['n'.repeat(81), 365, [{ field: 'name', code: 'TOO_LONG' }]],
    ] as const) {
      const result = await analyst.data(CREATE, { name, days });
      expect(result.createAccessToken).toEqual({ __typename: 'ValidationFailed', fields });
    }
    await create(analyst, 'n'.repeat(80), 365);
  });

  it('refuses the token list to a signed-out caller with UNAUTHENTICATED', async () => {
    const result = await app.client().query(LIST);
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
