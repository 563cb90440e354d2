import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@pams/server-core';
import { PasswordReset, User, UserStatus } from '@pams/server-identity';
import { createMailDispatcher, MailStatus, OutboxMail, type MailSender } from '@pams/server-mail';
import { startTestApp, type TestApp } from './support/test-app.js';
import type { GraphqlClient } from './support/graphql-client.js';
import { attemptSignIn, createIdentityFixture, createUser, signIn, TEST_PASSWORD, updateUser } from './support/identity-fixtures.js';

const VIEWER = '{ viewer { id mustChangePassword } }';
const CHANGE = `mutation($current: String!, $next: String!) {
  changePassword(currentPassword: $current, newPassword: $next) {
    __typename
    ... on PasswordChanged { viewer { id mustChangePassword } }
    ... on ValidationFailed { fields { field code } }
    ... on RateLimited { retryAfterSeconds }
  }
}`;
const REQUEST_RESET = `mutation($email: String!) {
  requestPasswordReset(email: $email) { __typename ... on Done { message } ... on UserError { message } }
}`;
const RESET = `mutation($token: String!, $next: String!) {
  resetPassword(token: $token, newPassword: $next) {
    __typename
    ... on Done { message }
    ... on InvalidResetToken { message }
    ... on ValidationFailed { fields { field code } }
  }
}`;

const NEW_PASSWORD = 'a brand new passphrase';

describe('changing a password', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await createIdentityFixture(app.orm);
  });
  afterAll(() => app.close());

  async function viewerOf(client: GraphqlClient) {
    return (await client.data<{ viewer: { id: string; mustChangePassword: boolean } | null }>(VIEWER)).viewer;
  }

  it('reports every field that needs attention', async () => {
    const user = await createUser(app.orm, { email: 'picky@test.pams' });
    const client = app.client();
    await signIn(client, user.email);
    const cases: [string, string, { field: string; code: string }[]][] = [
      ['wrong current password', NEW_PASSWORD, [{ field: 'currentPassword', code: 'INCORRECT' }]],
      [TEST_PASSWORD, 'short', [{ field: 'newPassword', code: 'TOO_SHORT' }]],
      [TEST_PASSWORD, 'x'.repeat(257), [{ field: 'newPassword', code: 'TOO_LONG' }]],
      [TEST_PASSWORD, 'Picky@Test.pams', [{ field: 'newPassword', code: 'SAME_AS_EMAIL' }]],
      [
        'wrong current password',
        'short',
        [
          { field: 'currentPassword', code: 'INCORRECT' },
          { field: 'newPassword', code: 'TOO_SHORT' },
        ],
      ],
    ];
    for (const [current, next, fields] of cases) {
      const result = await client.data(CHANGE, { current, next });
      expect(result.changePassword).toEqual({ __typename: 'ValidationFailed', fields });
    }
    // Nothing changed: the old password still signs in.
    await signIn(app.client(), user.email, TEST_PASSWORD);
  });

  it('stores the new password, ends every session and rotates this browser’s cookie', async () => {
    const user = await createUser(app.orm, { email: 'changer@test.pams' });
    const client = app.client();
    const otherBrowser = app.client();
    await signIn(client, user.email);
    await signIn(otherBrowser, user.email);
    const oldCookie = client.cookies.get('pams_session')!;

    const result = await client.query(CHANGE, { current: TEST_PASSWORD, next: NEW_PASSWORD });
    expect(result.data?.changePassword).toEqual({ __typename: 'PasswordChanged', viewer: { id: user.id, mustChangePassword: false } });
    expect(result.headers.getSetCookie()[0]).toMatch(/^pams_session=[\w-]{43};.*HttpOnly/);
    expect(client.cookies.get('pams_session')).not.toBe(oldCookie);

    expect((await viewerOf(client))?.id).toBe(user.id);
    expect(await viewerOf(otherBrowser)).toBeNull();
    const replay = app.client();
    replay.cookies.set('pams_session', oldCookie);
    expect(await viewerOf(replay)).toBeNull();

    expect((await attemptSignIn(app.client(), user.email, TEST_PASSWORD)).data?.signIn.__typename).toBe('InvalidCredentials');
    await signIn(app.client(), user.email, NEW_PASSWORD);
    const stored = await app.orm.em.fork().findOneOrFail(User, { id: user.id });
    expect(stored).toMatchObject({ passwordChangedAt: expect.any(Date), mustChangePassword: false });
  });

  it('lets a user who must change their password do only that (and read who they are, and sign out)', async () => {
    const user = await createUser(app.orm, { email: 'forced@test.pams', mustChangePassword: true });
    const client = app.client();
    const viewer = await signIn(client, user.email);
    expect(viewer.mustChangePassword).toBe(true);
    expect((await viewerOf(client))?.mustChangePassword).toBe(true);

    const sessions = await client.query('{ sessions { handle } }');
    expect(sessions.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const others = await client.query('mutation { revokeOtherSessions { message } }');
    expect(others.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const changed = await client.data(CHANGE, { current: TEST_PASSWORD, next: NEW_PASSWORD });
    expect(changed.changePassword).toEqual({ __typename: 'PasswordChanged', viewer: { id: user.id, mustChangePassword: false } });
    expect((await client.query('{ sessions { handle } }')).data?.sessions).toHaveLength(1);
    expect((await client.data('mutation { signOut { message } }')).signOut.message).toBe('Signed out.');
  });

  it('is refused to a signed-out caller', async () => {
    const result = await app.client().query(CHANGE, { current: TEST_PASSWORD, next: NEW_PASSWORD });
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('password reset by mail', () => {
  let app: TestApp;
  let mailDir: string;
  beforeAll(async () => {
    app = await startTestApp();
    await createIdentityFixture(app.orm);
    mailDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pams-mail-'));
  });
  afterAll(async () => {
    await app.close();
    await fs.rm(mailDir, { recursive: true, force: true });
  });

  async function mailsTo(email: string): Promise<OutboxMail[]> {
    return app.orm.em.fork().find(OutboxMail, { to: email }, { orderBy: { createdAt: 'asc' } });
  }

  function tokenIn(text: string): string {
    const match = /\/reset-password\?token=([\w-]+)/.exec(text);
    if (!match) throw new Error(`no reset link in: ${text}`);
    return match[1];
  }

  async function requestToken(email: string): Promise<string> {
    const result = await app.client().data(REQUEST_RESET, { email });
    expect(result.requestPasswordReset.__typename).toBe('Done');
    const mails = await mailsTo(email);
    return tokenIn(mails[mails.length - 1].text);
  }

  it('answers the same whether or not the account exists, and mails a link only to a real, active one', async () => {
    const user = await createUser(app.orm, { email: 'forgetful@test.pams' });
    await createUser(app.orm, { email: 'disabled@test.pams', status: UserStatus.DISABLED });
    const answers = [];
    for (const email of [' Forgetful@test.pams ', 'nobody@test.pams', 'disabled@test.pams']) {
      const response = await app.client().query(REQUEST_RESET, { email });
      answers.push({ status: response.status, body: response.data });
    }
    expect(answers[0]).toEqual({
      status: 200,
      body: { requestPasswordReset: { __typename: 'Done', message: 'If an account exists for this address, a link to reset its password is on its way.' } },
    });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);

    expect(await mailsTo('nobody@test.pams')).toHaveLength(0);
    expect(await mailsTo('disabled@test.pams')).toHaveLength(0);
    const [mail] = await mailsTo(user.email);
    expect(mail).toMatchObject({ subject: 'Reset your PAMS password', status: MailStatus.PENDING });
    expect(mail.text).toContain(`${app.config.publicUrl}/reset-password?token=`);
    // Only the hash of the token is stored.
    const token = tokenIn(mail.text);
    const reset = await app.orm.em.fork().findOneOrFail(PasswordReset, { user: user.id });
    expect(reset.tokenHash).not.toContain(token);
    expect(reset.expiresAt.getTime() - reset.createdAt.getTime()).toBe(30 * 60_000);
  });

  it('sets the new password with a single-use token and ends every session of the user', async () => {
    const user = await createUser(app.orm, { email: 'resetter@test.pams' });
    const browser = app.client();
    await signIn(browser, user.email);
    const token = await requestToken(user.email);

    const done = await app.client().data(RESET, { token, next: NEW_PASSWORD });
    expect(done.resetPassword).toEqual({ __typename: 'Done', message: 'Your password has been changed. Sign in with the new one.' });
    expect((await browser.data(VIEWER)).viewer).toBeNull();
    expect((await attemptSignIn(app.client(), user.email, TEST_PASSWORD)).data?.signIn.__typename).toBe('InvalidCredentials');
    await signIn(app.client(), user.email, NEW_PASSWORD);

    const again = await app.client().data(RESET, { token, next: 'yet another passphrase' });
    expect(again.resetPassword).toEqual({ __typename: 'InvalidResetToken', message: 'This reset link is invalid or has expired. Ask for a new one.' });
    await signIn(app.client(), user.email, NEW_PASSWORD);
  });

  it('refuses an expired or unknown token with the same answer, and keeps a token through a refused password', async () => {
    const user = await createUser(app.orm, { email: 'late@test.pams' });
    const token = await requestToken(user.email);

    const weak = await app.client().data(RESET, { token, next: 'late@test.pams' });
    expect(weak.resetPassword).toEqual({ __typename: 'ValidationFailed', fields: [{ field: 'newPassword', code: 'SAME_AS_EMAIL' }] });

    await app.orm.em.getConnection().execute(`update password_reset set expires_at = now() - interval '1 second' where user_id = ?`, [user.id]);
    const expired = await app.client().data(RESET, { token, next: NEW_PASSWORD });
    const unknown = await app.client().data(RESET, { token: 'made-up-token', next: NEW_PASSWORD });
    expect(expired.resetPassword.__typename).toBe('InvalidResetToken');
    expect(unknown.resetPassword).toEqual(expired.resetPassword);
    await signIn(app.client(), user.email, TEST_PASSWORD);
  });

  it('a newer link does not revive an older one once either is used', async () => {
    const user = await createUser(app.orm, { email: 'twice@test.pams' });
    const first = await requestToken(user.email);
    const second = await requestToken(user.email);
    expect((await app.client().data(RESET, { token: second, next: NEW_PASSWORD })).resetPassword.__typename).toBe('Done');
    expect((await app.client().data(RESET, { token: first, next: 'one more passphrase' })).resetPassword.__typename).toBe('InvalidResetToken');
  });

  it('sends the outbox as .eml files and marks the mails sent', async () => {
    const user = await createUser(app.orm, { email: 'mailed@test.pams' });
    await app.client().data(REQUEST_RESET, { email: user.email });
    const dispatcher = createMailDispatcher({
      em: app.orm.em,
      config: { mail: { ...app.config.mail, dir: mailDir, smtpUrl: undefined } },
      log: createLogger('silent'),
    });
    const result = await dispatcher.drain();
    expect(result.sent).toBeGreaterThanOrEqual(1);
    expect(result).toMatchObject({ retrying: 0, failed: 0 });

    const [mail] = await mailsTo(user.email);
    expect(mail).toMatchObject({ status: MailStatus.SENT, attempts: 1, sentAt: expect.any(Date) });
    const eml = await fs.readFile(path.join(mailDir, `${mail.id}.eml`), 'utf8');
    expect(eml).toContain('To: mailed@test.pams');
    expect(eml).toContain('Subject: Reset your PAMS password');
    expect(eml).toContain(`From: ${app.config.mail.from}`);
    // The link survives the encoding and still resets the password.
    const unfolded = eml.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    const token = tokenIn(unfolded);
    expect((await app.client().data(RESET, { token, next: NEW_PASSWORD })).resetPassword.__typename).toBe('Done');

    expect(await dispatcher.drain()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    await dispatcher.stop();
  });

  it('retries a mail that cannot be sent later and later, and gives up after eight attempts', async () => {
    const user = await createUser(app.orm, { email: 'unreachable@test.pams' });
    await app.client().data(REQUEST_RESET, { email: user.email });
    const failing: MailSender = {
      kind: 'smtp',
      send: async () => {
        throw new Error('connection refused');
      },
      close: () => undefined,
    };
    let clock = Date.now();
    const dispatcher = createMailDispatcher({ em: app.orm.em, config: app.config, log: createLogger('silent'), sender: failing, now: () => new Date(clock) });
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 7; attempt += 1) {
      expect(await dispatcher.drain()).toEqual({ sent: 0, retrying: 1, failed: 0 });
      // Not due yet: nothing is tried until the wait is over.
      expect(await dispatcher.drain()).toEqual({ sent: 0, retrying: 0, failed: 0 });
      const [mail] = await mailsTo(user.email);
      waits.push(mail.nextAttemptAt.getTime() - clock);
      clock = mail.nextAttemptAt.getTime();
    }
    expect(waits).toEqual([30_000, 120_000, 480_000, 1_920_000, 3_600_000, 3_600_000, 3_600_000]);
    expect(await dispatcher.drain()).toEqual({ sent: 0, retrying: 0, failed: 1 });
    clock += 3_600_000;
    expect(await dispatcher.drain()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    const [mail] = await mailsTo(user.email);
    expect(mail).toMatchObject({ status: MailStatus.FAILED, attempts: 8, lastError: 'connection refused', sentAt: null });
  });

  it('sends a mail once the mail server is back, at its next attempt', async () => {
    const user = await createUser(app.orm, { email: 'flaky@test.pams' });
    await app.client().data(REQUEST_RESET, { email: user.email });
    let down = true;
    const sent: string[] = [];
    const flaky: MailSender = {
      kind: 'smtp',
      send: async (id) => {
        if (down) throw new Error('connection refused');
        sent.push(id);
      },
      close: () => undefined,
    };
    let clock = Date.now();
    const dispatcher = createMailDispatcher({ em: app.orm.em, config: app.config, log: createLogger('silent'), sender: flaky, now: () => new Date(clock) });
    expect(await dispatcher.drain()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    down = false;
    expect(await dispatcher.drain()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    clock += 30_000;
    expect(await dispatcher.drain()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const [mail] = await mailsTo(user.email);
    expect(mail).toMatchObject({ status: MailStatus.SENT, attempts: 2, lastError: null });
    expect(sent).toEqual([mail.id]);
  });

  it('refuses the link of a user disabled since asking for it', async () => {
    const user = await createUser(app.orm, { email: 'soon-gone@test.pams' });
    const token = await requestToken(user.email);
    await updateUser(app.orm, user.id, (u) => {
      u.status = UserStatus.DISABLED;
    });
    expect((await app.client().data(RESET, { token, next: NEW_PASSWORD })).resetPassword.__typename).toBe('InvalidResetToken');
  });
});
