import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendWeeklyDigests, watchNotices } from '@pams/server-admin';
import { sequenceCommittedEvents } from '@pams/server-events';
import { SEND_MAIL_TASK } from '@pams/server-mail';
import { Role } from '@pams/shared-util';
import { createDomainFixture, insertActivities, signedInUser, type DomainFixture, type SignedInUser } from './support/domain-fixtures.js';
import { attemptSignIn, createUser, TEST_PASSWORD, type FixtureUser } from './support/identity-fixtures.js';
import { startTestRunner, type TestRunner } from './support/job-runner.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const CHROME_LINUX = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const NOTIFICATIONS = '{ myNotifications { nodes { id kind subject body readAt } } unreadNotificationCount }';
const MAIL_LOG = `query($filter: MailLogFilter, $first: Int, $after: String) {
  mailLog(filter: $filter, first: $first, after: $after) { nodes { id to subject status attempts sentAt } pageInfo { endCursor hasNextPage } } }`;
const MAIL_MESSAGE = 'query($id: ID!) { mailMessage(id: $id) { id source unavailable } }';
const PREFERENCES = '{ notificationPreferences { weeklyDigest } }';
const SET_PREFERENCES = 'mutation($on: Boolean!) { setNotificationPreferences(weeklyDigest: $on) { weeklyDigest } }';

let app: TestApp;
let f: DomainFixture;
let admin: SignedInUser;

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return app.orm.em.fork().getConnection().execute<T[]>(text, params);
}

/** What the every-minute job does: sequence what committed, then raise the notices it calls for. */
async function watch(): Promise<number> {
  await sequenceCommittedEvents(app.orm.em.fork());
  return watchNotices(app.orm.em.fork());
}

async function noticesOf(userId: string): Promise<{ kind: string; subject: string; body: string; dedupe_key: string | null }[]> {
  return sql('select kind, subject, body, dedupe_key from notification where user_id = ? order by created_at, id', [userId]);
}

async function mailsTo(email: string): Promise<{ id: string; subject: string; text: string }[]> {
  return sql('select id, subject, text from outbox_mail where "to" = ? order by created_at, id', [email]);
}

async function signInFrom(user: FixtureUser, agent: string, password = TEST_PASSWORD) {
  const client = app.client();
  const result = await attemptSignIn(client, user.email, password, { 'user-agent': agent });
  return { client, outcome: result.data?.signIn?.__typename as string };
}

async function newMember(): Promise<FixtureUser> {
  return createUser(app.orm, { email: `notice-${randomUUID().slice(0, 8)}@test.pams`, name: 'Nora Notice', role: Role.MEMBER, regionIds: [f.regions.south] });
}

beforeAll(async () => {
  app = await startTestApp();
  f = await createDomainFixture(app.orm);
  admin = await signedInUser(app, { role: Role.ADMIN, name: 'Ada Admin' });
  // The first run starts the watcher at the stream's head: what happened before raises nothing.
  await watch();
});

afterAll(async () => {
  await app?.close();
});

describe('login anomaly notices', () => {
  it('tells a user once about a sign-in from a new device, never about their first device or a known one', async () => {
    const member = await newMember();
    expect((await signInFrom(member, CHROME_LINUX)).outcome).toBe('SignInSuccess');
    await signInFrom(member, CHROME_LINUX);
    expect(await watch()).toBe(0);
    expect(await noticesOf(member.id)).toEqual([]);

    const fromNew = await signInFrom(member, FIREFOX_WINDOWS);
    expect(fromNew.outcome).toBe('SignInSuccess');
    expect(await watch()).toBe(1);
    const [notice] = await noticesOf(member.id);
    expect(notice).toMatchObject({ kind: 'SIGN_IN_NEW_DEVICE', subject: 'New sign-in to your PAMS account' });
    expect(notice.body).toContain('Firefox on Windows');
    expect(notice.dedupe_key).toMatch(/^new-device:/);
    const mails = await mailsTo(member.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('[PAMS] New sign-in to your PAMS account');
    expect(mails[0].text).toContain('change your password');

    // The user's own view: it counts as unread.
    const mine = await fromNew.client.data(NOTIFICATIONS);
    expect(mine.unreadNotificationCount).toBe(1);
    expect(mine.myNotifications.nodes[0].kind).toBe('SIGN_IN_NEW_DEVICE');

    // The same device again raises nothing; a watcher that lost its position (a crash, a restore) does not repeat it.
    await signInFrom(member, FIREFOX_WINDOWS);
    expect(await watch()).toBe(0);
    await sql(`update notice_watch set seq = seq - 50 where name = 'notices'`);
    expect(await watch()).toBe(0);
    expect(await noticesOf(member.id)).toHaveLength(1);
    expect(await mailsTo(member.email)).toHaveLength(1);
  });

  it('tells the user and every admin about a burst of failed sign-ins, once per window', async () => {
    const member = await newMember();
    await signInFrom(member, CHROME_LINUX);
    for (let i = 0; i < 4; i++) expect((await signInFrom(member, CHROME_LINUX, 'wrong password')).outcome).toBe('InvalidCredentials');
    expect(await watch()).toBe(0);
    expect(await noticesOf(member.id)).toEqual([]);

    expect((await signInFrom(member, CHROME_LINUX, 'wrong password')).outcome).toBe('InvalidCredentials');
    // The account is rate limited now; the refused attempts raise nothing more.
    expect((await signInFrom(member, CHROME_LINUX, 'wrong password')).outcome).toBe('RateLimited');
    const raised = await watch();
    expect(raised).toBeGreaterThanOrEqual(2);
    const [mine] = await noticesOf(member.id);
    expect(mine).toMatchObject({ kind: 'SIGN_IN_FAILURES', subject: 'Failed sign-ins to your PAMS account' });
    expect(mine.body).toContain('5 sign-ins with a wrong password');
    const forAdmin = (await noticesOf(admin.id)).filter((n) => n.kind === 'SIGN_IN_FAILURES' && n.subject === 'Failed sign-ins: Nora Notice');
    expect(forAdmin.length).toBeGreaterThanOrEqual(1);
    expect(forAdmin.at(-1)!.body).toContain(member.email);
    expect((await mailsTo(member.email)).map((m) => m.subject)).toEqual(['[PAMS] Failed sign-ins to your PAMS account']);
    expect(await watch()).toBe(0);
  });
});

describe('failed job notices', () => {
  let runner: TestRunner;
  beforeAll(async () => {
    runner = await startTestRunner(app, {
      tasks: {
        'test:alwaysFails': async () => {
          throw new Error('the report server answered 503');
        },
      },
    });
  });
  afterAll(async () => {
    await runner?.stop();
  });

  it('records a job that failed for good as an audit event, and every admin is told in the portal and by mail', async () => {
    const [job] = await sql<{ id: string }>(`select (graphile_worker.add_job('test:alwaysFails', '{}'::json, max_attempts => 1)).id::text as id`);
    const outcome = await runner.nextOutcome((j) => j.id === job.id);
    expect(outcome.error).toBeTruthy();
    const [event] = await sql<{ action: string; entity_type: string; changes: Record<string, { after: unknown }> }>(
      `select action, entity_type, changes from audit_event where action = 'job.failed' and entity_id = ?`,
      [job.id],
    );
    expect(event).toMatchObject({ action: 'job.failed', entity_type: 'Job' });
    expect(event.changes.task.after).toBe('test:alwaysFails');
    expect(event.changes.error.after).toBe('the report server answered 503');

    expect(await watch()).toBeGreaterThanOrEqual(1);
    const notice = (await noticesOf(admin.id)).find((n) => n.dedupe_key === `job-failed:${job.id}`);
    expect(notice).toMatchObject({ kind: 'JOB_FAILED', subject: 'Job failed: test:alwaysFails' });
    expect(notice!.body).toContain('the report server answered 503');
    expect((await mailsTo(admin.email)).some((m) => m.subject === '[PAMS] Job failed: test:alwaysFails')).toBe(true);
    // The queue keeps the failed job, and the overview counts it.
    const stats = (await admin.client.data('{ jobQueueStats { waiting running failed } }')).jobQueueStats;
    expect(stats.failed).toBeGreaterThanOrEqual(1);
    const member = await signedInUser(app, { role: Role.MEMBER, regionIds: [f.regions.south] });
    expect((await member.client.query('{ jobQueueStats { failed } }')).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // The admin's unread count includes it.
    expect((await admin.client.data(NOTIFICATIONS)).myNotifications.nodes.map((n: { kind: string }) => n.kind)).toContain('JOB_FAILED');
  });

  it('shows admins the mail log and, with the file transport, the .eml the sender wrote', async () => {
    const mails = (await admin.client.data(MAIL_LOG, { filter: { to: admin.email.toUpperCase() } })).mailLog.nodes;
    const failedJob = mails.find((m: { subject: string }) => m.subject === '[PAMS] Job failed: test:alwaysFails');
    expect(failedJob).toMatchObject({ to: admin.email });
    // The runner sends it (the real mail.send task, to the development transport's directory).
    if (failedJob.status !== 'SENT') await runner.nextOutcome((j) => j.task_identifier === SEND_MAIL_TASK);
    await expect.poll(async () => (await admin.client.data(MAIL_LOG, { filter: { to: admin.email, status: 'SENT' } })).mailLog.nodes.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const sent = (await admin.client.data(MAIL_LOG, { filter: { to: admin.email, status: 'SENT' } })).mailLog.nodes[0];
    const message = (await admin.client.data(MAIL_MESSAGE, { id: sent.id })).mailMessage;
    expect(message.unavailable).toBeNull();
    expect(message.source).toContain(`To: ${admin.email}`);
    expect(message.source).toMatch(/Subject: \[PAMS\]/);

    // Keyset pages of the log, newest first, and the usual refusals.
    const firstPage = (await admin.client.data(MAIL_LOG, { first: 1 })).mailLog;
    expect(firstPage.nodes).toHaveLength(1);
    const second = (await admin.client.data(MAIL_LOG, { first: 1, after: firstPage.pageInfo.endCursor })).mailLog;
    expect(second.nodes[0].id).not.toBe(firstPage.nodes[0].id);
    expect((await admin.client.query(MAIL_LOG, { first: 201 })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await admin.client.query(MAIL_LOG, { filter: { status: 'LOST' } })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await admin.client.data(MAIL_MESSAGE, { id: randomUUID() })).mailMessage).toBeNull();
    expect((await admin.client.data(MAIL_MESSAGE, { id: 'not-an-id' })).mailMessage).toBeNull();
    const member = await signedInUser(app, { role: Role.MEMBER, regionIds: [f.regions.south] });
    expect((await member.client.query(MAIL_LOG)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await member.client.query(MAIL_MESSAGE, { id: sent.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('weekly digest', () => {
  it('mails last week to those who asked for it, once a week, and is audited when switched on', async () => {
    const member = await signedInUser(app, { role: Role.MEMBER, regionIds: [f.regions.south], name: 'Dora Digest' });
    const quiet = await signedInUser(app, { role: Role.MEMBER, regionIds: [f.regions.south], name: 'Quinn Quiet' });
    expect((await member.client.data(PREFERENCES)).notificationPreferences.weeklyDigest).toBe(false);
    expect((await member.client.data(SET_PREFERENCES, { on: true })).setNotificationPreferences.weeklyDigest).toBe(true);
    expect((await member.client.data(PREFERENCES)).notificationPreferences.weeklyDigest).toBe(true);
    const [audited] = await sql<{ action: string; actor_id: string }>(`select action, actor_id from audit_event where entity_type = 'NotificationPreference' and entity_id = ?`, [member.id]);
    expect(audited).toMatchObject({ action: 'NotificationPreference.created', actor_id: member.id });
    // Bad input names the problem and changes nothing.
    const bad = await member.client.query(SET_PREFERENCES, { on: 'yes' });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0].message).toContain('$on');

    // Monday 2026-12-07: last week is 2026-11-30 … 2026-12-06 (ISO week 49).
    const monday = new Date('2026-12-07T07:00:00Z');
    await insertActivities(app.orm, [
      { ownerId: member.id, regionId: f.regions.south, date: '2026-11-30', effortDays: 1 },
      { ownerId: member.id, regionId: f.regions.south, date: '2026-12-06', effortHalfHours: 3 },
      { ownerId: member.id, regionId: f.regions.south, date: '2026-12-07', effortDays: 2 },
      { ownerId: quiet.id, regionId: f.regions.south, date: '2026-12-01', effortDays: 1 },
    ]);
    expect(await sendWeeklyDigests(app.orm.em.fork(), monday)).toBe(1);
    const [digest] = await mailsTo(member.email);
    expect(digest.subject).toBe('[PAMS] Your week 2026-W49');
    expect(digest.text).toContain('2026-11-30 to 2026-12-06');
    expect(digest.text).toContain('2 activities logged, 1 days and 1.5 hours');
    expect(await mailsTo(quiet.email)).toEqual([]);
    // A second run that week sends nothing more; the next week sends again.
    expect(await sendWeeklyDigests(app.orm.em.fork(), new Date('2026-12-09T10:00:00Z'))).toBe(0);
    expect(await sendWeeklyDigests(app.orm.em.fork(), new Date('2026-12-14T07:00:00Z'))).toBe(1);
    // Switched off: no more.
    await member.client.data(SET_PREFERENCES, { on: false });
    expect(await sendWeeklyDigests(app.orm.em.fork(), new Date('2026-12-21T07:00:00Z'))).toBe(0);
    expect(await mailsTo(member.email)).toHaveLength(2);
  });
});
