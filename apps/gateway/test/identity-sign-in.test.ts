import argon2 from 'argon2';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Session, UserStatus } from '@pams/server-identity';
import { Role } from '@pams/shared-util';
import { startTestApp, type TestApp } from './support/test-app.js';
import { GraphqlClient } from './support/graphql-client.js';
import {
  attemptSignIn,
  createIdentityFixture,
  createUser,
  sessionOf,
  signIn,
  TEST_PASSWORD,
  updateUser,
  type IdentityFixture,
} from './support/identity-fixtures.js';

const VIEWER = '{ viewer { id email role authenticatedBy } }';

describe('sign-in and sign-out', () => {
  let app: TestApp;
  let fixture: IdentityFixture;
  beforeAll(async () => {
    app = await startTestApp();
    fixture = await createIdentityFixture(app.orm);
  });
  afterAll(() => app.close());
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('signs in with email and password, is the viewer, and signs out', async () => {
    const client = app.client();
    const viewer = await signIn(client, fixture.users.MANAGER.email);
    expect(viewer).toMatchObject({
      id: fixture.users.MANAGER.id,
      email: 'manager@test.pams',
      role: Role.MANAGER,
      authenticatedBy: 'SESSION',
      mustChangePassword: false,
    });
    expect(viewer.regionIds).toHaveLength(2);
    expect((await client.data(VIEWER)).viewer).toMatchObject({ id: fixture.users.MANAGER.id });

    const cookie = client.cookies.get('pams_session')!;
    const signedOut = await client.query('mutation { signOut { message } }');
    expect(signedOut.data?.signOut.message).toBe('Signed out.');
    expect(signedOut.headers.getSetCookie()[0]).toMatch(/^pams_session=;.*Expires=Thu, 01 Jan 1970/);
    expect(client.cookies.size).toBe(0);
    expect((await client.data(VIEWER)).viewer).toBeNull();

    // The old cookie, replayed by someone who copied it, is dead too.
    const replay = app.client();
    replay.cookies.set('pams_session', cookie);
    expect((await replay.data(VIEWER)).viewer).toBeNull();
  });

  it('signing out without a session still answers Done', async () => {
    const result = await app.client().query('mutation { signOut { __typename message } }');
    expect(result.data?.signOut).toEqual({ __typename: 'Done', message: 'Signed out.' });
  });

  it('matches the email whatever its case and surrounding spaces', async () => {
    const viewer = await signIn(app.client(), '  Member@TEST.pams ');
    expect(viewer.id).toBe(fixture.users.MEMBER.id);
  });

  it('sets an HttpOnly, SameSite=Lax, Path=/ cookie without Secure over plain http', async () => {
    const client = app.client();
    const result = await attemptSignIn(client, fixture.users.MEMBER.email, TEST_PASSWORD);
    const cookies = result.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    const [cookie] = cookies;
    expect(cookie).toMatch(/^pams_session=[\w-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toMatch(/Secure/i);
    expect(cookie).not.toMatch(/Domain=/i);
    // The cookie lives as long as the session's absolute expiry.
    const expires = Date.parse(/Expires=([^;]+)/.exec(cookie)![1]);
    expect(Math.abs(expires - (Date.now() + app.config.session.absoluteMs))).toBeLessThan(60_000);

    const session = await sessionOf(app.orm, client);
    expect(session).toMatchObject({ ip: expect.stringContaining('127.0.0.1'), revokedAt: null });
    expect(session!.handle).toMatch(/^[0-9a-f-]{36}$/);
    // Only the hash of the secret is stored.
    expect(session!.id).not.toBe(client.cookies.get('pams_session'));
  });

  it('rotates the session on sign-in: the cookie the browser had stops working', async () => {
    const client = app.client();
    await signIn(client, fixture.users.LEADER.email);
    const first = client.cookies.get('pams_session')!;
    const firstSession = await sessionOf(app.orm, client);

    await signIn(client, fixture.users.LEADER.email);
    const second = client.cookies.get('pams_session')!;
    expect(second).not.toBe(first);
    expect((await client.data(VIEWER)).viewer.id).toBe(fixture.users.LEADER.id);

    const stale = app.client();
    stale.cookies.set('pams_session', first);
    expect((await stale.data(VIEWER)).viewer).toBeNull();
    const revoked = await app.orm.em.fork().findOneOrFail(Session, { handle: firstSession!.handle });
    expect(revoked).toMatchObject({ revokedReason: 'ROTATED', revokedAt: expect.any(Date) });
  });

  it('answers an unknown email, a wrong password and a disabled user identically, each after one argon2 verification', async () => {
    await createUser(app.orm, { email: 'gone@test.pams', status: UserStatus.DISABLED });
    const verify = vi.spyOn(argon2, 'verify');
    const attempts: [string, string][] = [
      ['nobody@test.pams', TEST_PASSWORD],
      [fixture.users.MEMBER.email, 'wrong password, long enough'],
      ['gone@test.pams', TEST_PASSWORD],
    ];
    const answers = [];
    for (const [email, password] of attempts) {
      const before = verify.mock.calls.length;
      const response = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { __typename ... on UserError { message } } }', variables: { e: email, p: password } }),
      });
      answers.push({
        status: response.status,
        body: await response.text(),
        cookies: response.headers.getSetCookie(),
        verifications: verify.mock.calls.length - before,
      });
    }
    expect(answers[0]).toEqual({
      status: 200,
      body: JSON.stringify({ data: { signIn: { __typename: 'InvalidCredentials', message: 'The email or password is incorrect.' } } }) + '\n',
      cookies: [],
      verifications: 1,
    });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  it('records succeeded and failed sign-ins in the audit log, without an entity for an unknown email', async () => {
    const client = app.client();
    await attemptSignIn(client, 'stranger@test.pams', 'whatever it is');
    await attemptSignIn(client, fixture.users.ANALYST.email, 'not the password');
    await signIn(client, fixture.users.ANALYST.email);
    const events = await app.orm.em
      .getConnection()
      .execute<{ action: string; entity_type: string; entity_id: string | null; actor_id: string | null; actor_kind: string }[]>(
        `select action, entity_type, entity_id, actor_id, actor_kind from audit_event
          where action like 'auth.signIn.%' order by id desc limit 3`,
      );
    expect(events.reverse()).toEqual([
      { action: 'auth.signIn.failed', entity_type: 'User', entity_id: null, actor_id: null, actor_kind: 'anonymous' },
      { action: 'auth.signIn.failed', entity_type: 'User', entity_id: fixture.users.ANALYST.id, actor_id: null, actor_kind: 'anonymous' },
      {
        action: 'auth.signIn.succeeded',
        entity_type: 'User',
        entity_id: fixture.users.ANALYST.id,
        actor_id: fixture.users.ANALYST.id,
        actor_kind: 'session',
      },
    ]);
  });

  it('refuses empty input as ValidationFailed without checking any password', async () => {
    const verify = vi.spyOn(argon2, 'verify');
    const result = await attemptSignIn(app.client(), '   ', '');
    expect(result.data?.signIn).toMatchObject({
      __typename: 'ValidationFailed',
      fields: [
        { field: 'email', code: 'REQUIRED' },
        { field: 'password', code: 'REQUIRED' },
      ],
    });
    expect(verify).not.toHaveBeenCalled();
  });

  it('does not let a disabled user sign in, and ends the sessions they had', async () => {
    const user = await createUser(app.orm, { email: 'leaving@test.pams' });
    const client = app.client();
    await signIn(client, user.email);
    await updateUser(app.orm, user.id, (u) => {
      u.status = UserStatus.DISABLED;
    });
    expect((await client.data(VIEWER)).viewer).toBeNull();
    const refused = await attemptSignIn(app.client(), user.email, TEST_PASSWORD);
    expect(refused.data?.signIn.__typename).toBe('InvalidCredentials');
  });
});

describe('sign-in over HTTPS (behind a proxy)', () => {
  let app: TestApp;
  let fixture: IdentityFixture;
  beforeAll(async () => {
    app = await startTestApp({ TRUST_PROXY: 'true' });
    fixture = await createIdentityFixture(app.orm);
  });
  afterAll(() => app.close());

  const https = { 'x-forwarded-proto': 'https' };

  it('sets a Secure cookie with the __Host- prefix, read back only under that name', async () => {
    const client = new GraphqlClient(app.url);
    const result = await attemptSignIn(client, fixture.users.ADMIN.email, TEST_PASSWORD, https);
    expect(result.data?.signIn.__typename).toBe('SignInSuccess');
    const [cookie] = result.headers.getSetCookie();
    expect(cookie).toMatch(/^__Host-pams_session=[\w-]{43};/);
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toMatch(/Domain=/i);

    const overHttps = await client.query(VIEWER, {}, https);
    expect(overHttps.data?.viewer?.id).toBe(fixture.users.ADMIN.id);
    // The same secret under the plain name is not a session over HTTPS.
    const plain = new GraphqlClient(app.url);
    plain.cookies.set('pams_session', client.cookies.get('__Host-pams_session')!);
    expect((await plain.query(VIEWER, {}, https)).data?.viewer).toBeNull();

    const signedOut = await client.query('mutation { signOut { message } }', {}, https);
    expect(signedOut.headers.getSetCookie()[0]).toMatch(/^__Host-pams_session=;.*Secure/);
  });
});
