import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '@pams/server-identity';
import { startTestApp, type TestApp } from './support/test-app.js';
import type { GraphqlClient } from './support/graphql-client.js';
import { createIdentityFixture, createUser, sessionOf, signIn, type IdentityFixture } from './support/identity-fixtures.js';

const VIEWER = '{ viewer { id } }';
const SESSIONS = '{ sessions { handle createdAt lastSeenAt expiresAt ip userAgent current } }';
const REVOKE = `mutation($handle: ID!) { revokeSession(handle: $handle) { __typename ... on Done { message } ... on NotFound { message } } }`;

interface ListedSession {
  handle: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

describe('sessions: listing, revocation, expiry', () => {
  let app: TestApp;
  let fixture: IdentityFixture;
  beforeAll(async () => {
    app = await startTestApp();
    fixture = await createIdentityFixture(app.orm);
  });
  afterAll(() => app.close());

  async function viewerId(client: GraphqlClient): Promise<string | null> {
    return (await client.data<{ viewer: { id: string } | null }>(VIEWER)).viewer?.id ?? null;
  }

  /** Moves a session's clock back in the database, as if time had passed. */
  async function age(client: GraphqlClient, column: 'last_seen_at' | 'expires_at', interval: string): Promise<void> {
    const session = await sessionOf(app.orm, client);
    await app.orm.em.getConnection().execute(`update user_session set ${column} = now() - interval '${interval}' where id = ?`, [session!.id]);
  }

  it('lists the viewer’s open sessions, marking the current one', async () => {
    const user = await createUser(app.orm, { email: 'lister@test.pams' });
    const laptop = app.client();
    const phone = app.client();
    await signIn(laptop, user.email);
    await signIn(phone, user.email);
    await signIn(app.client(), fixture.users.MEMBER.email); // someone else's: never listed

    const { sessions } = await laptop.data<{ sessions: ListedSession[] }>(SESSIONS);
    expect(sessions).toHaveLength(2);
    const current = sessions.filter((s) => s.current);
    expect(current).toHaveLength(1);
    expect(current[0].handle).toBe((await sessionOf(app.orm, laptop))!.handle);
    for (const s of sessions) {
      expect(s.ip).toContain('127.0.0.1');
      expect(s.userAgent).toBeTruthy();
      expect(Date.parse(s.expiresAt) - Date.parse(s.createdAt)).toBe(app.config.session.absoluteMs);
    }
    const fromPhone = await phone.data<{ sessions: ListedSession[] }>(SESSIONS);
    expect(fromPhone.sessions.find((s) => s.current)?.handle).toBe((await sessionOf(app.orm, phone))!.handle);
  });

  it('refuses the session list to a signed-out caller with UNAUTHENTICATED', async () => {
    const result = await app.client().query(SESSIONS);
    expect(result.data).toBeNull();
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('revokes one of the viewer’s own sessions by handle, and only their own', async () => {
    const user = await createUser(app.orm, { email: 'revoker@test.pams' });
    const desk = app.client();
    const stolen = app.client();
    await signIn(desk, user.email);
    await signIn(stolen, user.email);
    const stolenHandle = (await sessionOf(app.orm, stolen))!.handle;

    const other = app.client();
    await signIn(other, fixture.users.LEADER.email);
    const othersHandle = (await sessionOf(app.orm, other))!.handle;

    expect((await desk.data(REVOKE, { handle: othersHandle })).revokeSession).toEqual({ __typename: 'NotFound', message: 'No such session.' });
    expect(await viewerId(other)).toBe(fixture.users.LEADER.id);
    expect((await desk.data(REVOKE, { handle: 'not-a-uuid' })).revokeSession.__typename).toBe('NotFound');

    expect((await desk.data(REVOKE, { handle: stolenHandle })).revokeSession).toEqual({ __typename: 'Done', message: 'Session revoked.' });
    expect(await viewerId(stolen)).toBeNull();
    expect(await viewerId(desk)).toBe(user.id);
    // Revoking it again finds nothing open.
    expect((await desk.data(REVOKE, { handle: stolenHandle })).revokeSession.__typename).toBe('NotFound');
  });

  it('revoking the current session signs this browser out', async () => {
    const user = await createUser(app.orm, { email: 'self@test.pams' });
    const client = app.client();
    await signIn(client, user.email);
    const handle = (await sessionOf(app.orm, client))!.handle;
    const result = await client.query(REVOKE, { handle });
    expect(result.data?.revokeSession.__typename).toBe('Done');
    expect(result.headers.getSetCookie()[0]).toMatch(/^pams_session=;/);
    expect(await viewerId(client)).toBeNull();
  });

  it('revokes every other session and keeps this one', async () => {
    const user = await createUser(app.orm, { email: 'others@test.pams' });
    const [here, there, elsewhere] = [app.client(), app.client(), app.client()];
    for (const c of [here, there, elsewhere]) await signIn(c, user.email);
    const result = await here.data('mutation { revokeOtherSessions { message } }');
    expect(result.revokeOtherSessions.message).toBe('2 other sessions revoked.');
    expect(await viewerId(here)).toBe(user.id);
    expect(await viewerId(there)).toBeNull();
    expect(await viewerId(elsewhere)).toBeNull();
    const { sessions } = await here.data<{ sessions: ListedSession[] }>(SESSIONS);
    expect(sessions.map((s) => s.current)).toEqual([true]);
  });

  it('ends a session left idle longer than the idle timeout', async () => {
    const user = await createUser(app.orm, { email: 'idle@test.pams' });
    const idle = app.client();
    const active = app.client();
    await signIn(idle, user.email);
    await signIn(active, user.email);
    const idleMinutes = app.config.session.idleMs / 60_000;

    await age(idle, 'last_seen_at', `${idleMinutes - 1} minutes`);
    expect(await viewerId(idle)).toBe(user.id);
    // Use moved last-seen forward again (it is refreshed at most once a minute).
    const touched = await app.orm.em.fork().findOneOrFail(Session, { id: (await sessionOf(app.orm, idle))!.id });
    expect(Date.now() - touched.lastSeenAt.getTime()).toBeLessThan(60_000);

    await age(idle, 'last_seen_at', `${idleMinutes + 1} minutes`);
    expect(await viewerId(idle)).toBeNull();
    const { sessions } = await active.data<{ sessions: ListedSession[] }>(SESSIONS);
    expect(sessions).toHaveLength(1);
  });

  it('ends a session at its absolute expiry however active it is', async () => {
    const user = await createUser(app.orm, { email: 'absolute@test.pams' });
    const client = app.client();
    await signIn(client, user.email);
    expect(await viewerId(client)).toBe(user.id);
    await age(client, 'expires_at', '1 second');
    expect(await viewerId(client)).toBeNull();
  });
});
