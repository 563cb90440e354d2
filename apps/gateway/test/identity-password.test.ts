import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Job } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PasswordReset, User, UserStatus } from '@pams/server-identity';
import { createSendMailTask, enqueueMail, MAIL_MAX_ATTEMPTS, MailStatus, OutboxMail, SEND_MAIL_TASK, type MailSender } from '@pams/server-mail';
import { startTestApp, type TestApp } from './support/test-app.js';
import { makeDue, queuedJob, startTestRunner, type TestRunner } from './support/job-runner.js';
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

  /** The n-th run of the `mail.send` job of one outbox row: already finished, or awaited (checked and awaited in one step). */
  function mailRun(runner: TestRunner, mailId: string, attempt = 1) {
    const match = (job: Job) => job.task_identifier === SEND_MAIL_TASK && (job.payload as { mailId?: string }).mailId === mailId && job.attempts === attempt;
    const done = runner.outcomes.find((o) => match(o.job));
    return done ? Promise.resolve(done) : runner.nextOutcome(match);
  }

  it('sends the mail as an .eml file once the request has committed, and marks it sent', async () => {
    const user = await createUser(app.orm, { email: 'mailed@test.pams' });
    await app.client().data(REQUEST_RESET, { email: user.email });
    const [pending] = await mailsTo(user.email);
    // Started after the commit: the job was waiting in the queue with the row.
    const runner = await startTestRunner(app, { config: { ...app.config, mail: { ...app.config.mail, dir: mailDir, smtpUrl: undefined } } });
    try {
      const run = await mailRun(runner, pending.id);
      expect(run.error).toBeNull();
      expect(await queuedJob(app, run.job.id)).toBeUndefined();

      const [mail] = await mailsTo(user.email);
      expect(mail).toMatchObject({ status: MailStatus.SENT, attempts: 1, lastError: null, sentAt: expect.any(Date) });
      const eml = await fs.readFile(path.join(mailDir, `${mail.id}.eml`), 'utf8');
      expect(eml).toContain('To: mailed@test.pams');
      expect(eml).toContain('Subject: Reset your PAMS password');
      expect(eml).toContain(`From: ${app.config.mail.from}`);
      // The link survives the encoding and still resets the password.
      const unfolded = eml.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
      const token = tokenIn(unfolded);
      expect((await app.client().data(RESET, { token, next: NEW_PASSWORD })).resetPassword.__typename).toBe('Done');
    } finally {
      await runner.stop();
    }
    const sent = runner.outcomes.filter((o) => (o.job.payload as { mailId?: string }).mailId === pending.id);
    expect(sent).toHaveLength(1);
  });

  it('queues nothing when the change that sends the mail rolls back', async () => {
    const user = await createUser(app.orm, { email: 'rolled-back@test.pams' });
    const before = await mailJobCount();
    await expect(
      app.orm.em.fork().transactional(async (em) => {
        await enqueueMail(em, { to: user.email, subject: 'Never sent', text: 'This change rolls back.' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await mailsTo(user.email)).toHaveLength(0);
    expect(await mailJobCount()).toBe(before);
  });

  async function mailJobCount(): Promise<number> {
    const [row] = await app.orm.em.fork().getConnection().execute(`select count(*)::int as n from graphile_worker.jobs where task_identifier = ?`, [SEND_MAIL_TASK]);
    return (row as { n: number }).n;
  }

  it('retries a mail that cannot be sent later and later, and gives up after MAIL_MAX_ATTEMPTS (10, ≈ 3.6 h) attempts', async () => {
    const user = await createUser(app.orm, { email: 'unreachable@test.pams' });
    await app.client().data(REQUEST_RESET, { email: user.email });
    const [pending] = await mailsTo(user.email);
    const failing: MailSender = {
      kind: 'smtp',
      send: async () => {
        throw new Error('connection refused');
      },
      close: () => undefined,
    };
    const runner = await startTestRunner(app, { tasks: { [SEND_MAIL_TASK]: createSendMailTask(failing) } });
    try {
      const waits: number[] = [];
      let run = await mailRun(runner, pending.id);
      for (let attempt = 1; attempt < MAIL_MAX_ATTEMPTS; attempt += 1) {
        expect(run.error).toBeInstanceOf(Error);
        const [mail] = await mailsTo(user.email);
        expect(mail).toMatchObject({ status: MailStatus.PENDING, attempts: attempt, lastError: 'connection refused' });
        // graphile-worker's backoff: the next run waits about e^attempt seconds.
        const job = (await queuedJob(app, run.job.id))!;
        expect(job.attempts).toBe(attempt);
        waits.push(Math.round((job.run_at.getTime() - Date.now()) / 1000));
        await makeDue(app, run.job.id);
        run = await mailRun(runner, pending.id, attempt + 1);
      }
      // Never shorter than the wait graphile-worker sets (the test takes less than a second between steps).
      waits.forEach((seconds, i) => expect(seconds).toBeGreaterThanOrEqual(Math.floor(Math.exp(i + 1)) - 1));
      expect(waits[6]).toBeGreaterThan(1000);
      // The retries span hours, as the old outbox's did: a mail server down for an afternoon loses nothing.
      expect(waits.reduce((a, b) => a + b, 0)).toBeGreaterThan(3 * 3600);

      expect(run.error).toBeInstanceOf(Error);
      const [mail] = await mailsTo(user.email);
      expect(mail).toMatchObject({ status: MailStatus.FAILED, attempts: MAIL_MAX_ATTEMPTS, lastError: 'connection refused', sentAt: null });
      const job = (await queuedJob(app, run.job.id))!;
      expect(job).toMatchObject({ attempts: MAIL_MAX_ATTEMPTS, max_attempts: MAIL_MAX_ATTEMPTS });
      // The failures are in the logs with the task, the job and the attempt.
      const failures = runner.lines.filter((line) => line.jobId === run.job.id && String(line.msg).startsWith('job failed'));
      expect(failures.map((line) => [line.task, line.attempt, line.msg])).toEqual([
        ...Array.from({ length: MAIL_MAX_ATTEMPTS - 1 }, (_, i) => [SEND_MAIL_TASK, i + 1, 'job failed; will retry']),
        [SEND_MAIL_TASK, MAIL_MAX_ATTEMPTS, 'job failed; no attempts left'],
      ]);
    } finally {
      await runner.stop();
    }
  });

  it('sends a mail once the mail server is back, at its next attempt', async () => {
    const user = await createUser(app.orm, { email: 'flaky@test.pams' });
    await app.client().data(REQUEST_RESET, { email: user.email });
    const [pending] = await mailsTo(user.email);
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
    const runner = await startTestRunner(app, { tasks: { [SEND_MAIL_TASK]: createSendMailTask(flaky) } });
    try {
      const failed = await mailRun(runner, pending.id);
      expect(failed.error).toBeInstanceOf(Error);
      down = false;
      await makeDue(app, failed.job.id);
      expect((await mailRun(runner, pending.id, 2)).error).toBeNull();
    } finally {
      await runner.stop();
    }
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
