import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@pams/server-core';
import { createGateway, initOrm, loadGatewayConfig, type Gateway } from '@pams/gateway';
import { onUserAccessEnded } from '@pams/server-admin';
import { Role } from '@pams/shared-util';
import { createDomainFixture, signedInUser, type DomainFixture, type SignedInUser } from './support/domain-fixtures.js';
import { GraphqlClient } from './support/graphql-client.js';
import { makeDue, queuedJob, startTestRunner, type TestRunner } from './support/job-runner.js';
import { cloneTestDatabase } from './support/test-database.js';
import type { TestApp } from './support/test-app.js';

const SCHEDULED = `__typename
  ... on ScheduledCommand { id kind status runAt jobKey outcome payload finishedAt target { id } actor { id } }
  ... on ValidationFailed { fields { field code } }
  ... on Forbidden { message }
  ... on AdminCommandDone { message }`;
const DISABLE_AT = `mutation($userId: ID!, $v: Int!, $runAt: DateTimeISO) { disableUser(userId: $userId, expectedVersion: $v, runAt: $runAt) { ${SCHEDULED} } }`;
const ENABLE_AT = `mutation($userId: ID!, $v: Int!, $runAt: DateTimeISO) { enableUser(userId: $userId, expectedVersion: $v, runAt: $runAt) { ${SCHEDULED} } }`;
const NOTIFY_AT = `mutation($userId: ID!, $v: Int!, $runAt: DateTimeISO) {
  notifyUser(userId: $userId, expectedVersion: $v, runAt: $runAt, input: { subject: "Later", message: "A later message" }) { ${SCHEDULED} } }`;
const LIST = `query($filter: ScheduledCommandFilter, $first: Int, $after: String) {
  scheduledCommands(filter: $filter, first: $first, after: $after) { nodes { id kind status outcome } pageInfo { endCursor hasNextPage } } }`;
const CANCEL = `mutation($id: ID!) { cancelScheduledCommand(id: $id) {
  __typename ... on ScheduledCommand { id status outcome } ... on ScheduledCommandNotPending { message current { status } } ... on NotFound { message } } }`;
const VIEWER = '{ viewer { id } }';

/** One gateway process on the test database; several in a row are a restart. */
interface Process {
  orm: MikroORM;
  gateway: Gateway;
  url: string;
}

let databaseUrl: string;
let dropDatabase: () => Promise<void>;
const config = loadGatewayConfig({ ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0' });
let current: Process;
let runner: TestRunner | undefined;
let f: DomainFixture;
let admin: SignedInUser;

async function boot(): Promise<Process> {
  const orm = await initOrm(databaseUrl, config);
  const gateway = await createGateway({ config, orm, log: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent') });
  return { orm, gateway, url: await gateway.listen(0) };
}

async function stop(p: Process): Promise<void> {
  await p.gateway.close();
  await p.orm.close(true);
}

/** What the fixtures need of a test app, on the process running now. */
function appNow(): TestApp {
  return { url: current.url, orm: current.orm, config, gateway: current.gateway, databaseUrl, client: () => new GraphqlClient(current.url), close: async () => {} };
}

/** The same browser (cookie jar) against the process running now. */
function browser(user: SignedInUser): GraphqlClient {
  const client = new GraphqlClient(current.url);
  for (const [name, value] of user.client.cookies) client.cookies.set(name, value);
  return client;
}

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return current.orm.em.fork().getConnection().execute<T[]>(text, params);
}

async function versionOf(userId: string): Promise<number> {
  const [row] = await sql<{ version: number }>('select version from app_user where id = ?', [userId]);
  return row.version;
}

async function queueJobIdOf(commandId: string): Promise<string> {
  const [row] = await sql<{ queue_job_id: string }>('select queue_job_id from scheduled_command where id = ?', [commandId]);
  return row.queue_job_id;
}

/** Makes the command's job due now and waits for its run. */
async function runNow(commandId: string): Promise<void> {
  runner ??= await startTestRunner(appNow());
  const jobId = await queueJobIdOf(commandId);
  const outcome = runner.nextOutcome((job) => job.id === jobId);
  await makeDue(appNow(), jobId);
  expect((await outcome).error).toBeFalsy();
}

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

beforeAll(async () => {
  const db = await cloneTestDatabase();
  databaseUrl = db.url;
  dropDatabase = db.drop;
  current = await boot();
  f = await createDomainFixture(current.orm);
  admin = await signedInUser(appNow(), { role: Role.ADMIN, name: 'Sched Admin' });
});

afterAll(async () => {
  await runner?.stop();
  if (current) await stop(current);
  await dropDatabase?.();
});

describe('scheduled admin commands', () => {
  it('runs at its time after a gateway restart between scheduling and running, as its admin, and records the outcome', async () => {
    const target = await signedInUser(appNow(), { role: Role.MEMBER, regionIds: [f.regions.south], name: 'Sam Scheduled' });
    const runAt = inAnHour();
    const scheduled = (await browser(admin).data(DISABLE_AT, { userId: target.id, v: await versionOf(target.id), runAt })).disableUser;
    expect(scheduled).toMatchObject({ __typename: 'ScheduledCommand', kind: 'DISABLE', status: 'PENDING', runAt, outcome: null, target: { id: target.id }, actor: { id: admin.id } });
    expect(scheduled.jobKey).toBe(`admin-command:${scheduled.id}`);
    // Queued for its time; nothing done yet.
    const job = await queuedJob(appNow(), await queueJobIdOf(scheduled.id));
    expect(job?.run_at.toISOString()).toBe(runAt);
    expect((await browser(target).data(VIEWER)).viewer.id).toBe(target.id);
    expect((await browser(admin).data(LIST, { filter: { userId: target.id } })).scheduledCommands.nodes).toMatchObject([{ id: scheduled.id, status: 'PENDING' }]);

    // The gateway restarts: the command lives in the database.
    await stop(current);
    current = await boot();
    const streamsEnded: string[] = [];
    const unhook = onUserAccessEnded((userId) => streamsEnded.push(userId));
    await runNow(scheduled.id);
    unhook();
    expect(streamsEnded).toEqual([target.id]);

    const [row] = await sql<{ status: string; outcome: string; finished_at: Date | null }>('select status, outcome, finished_at from scheduled_command where id = ?', [scheduled.id]);
    expect(row.status).toBe('DONE');
    expect(row.outcome).toContain('Sam Scheduled is disabled; 1 session(s) ended.');
    expect(row.finished_at).not.toBeNull();
    expect((await browser(target).data(VIEWER)).viewer).toBeNull();
    // Audited as the admin who scheduled it, in the command's own request id.
    const events = await sql<{ action: string; actor_id: string; request_id: string }>(
      `select action, actor_id, request_id from audit_event where request_id = ? order by id`,
      [`scheduled-command:${scheduled.id}`],
    );
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['User.updated', 'Session.updated', 'admin.user.disable', 'ScheduledCommand.updated']));
    expect(new Set(events.map((e) => e.actor_id))).toEqual(new Set([admin.id]));
    const detail = (await browser(admin).data(`query($id: ID!) { adminUser(id: $id) { user { status } scheduledCommands { id status outcome } } }`, { id: target.id })).adminUser;
    expect(detail.user.status).toBe('DISABLED');
    expect(detail.scheduledCommands).toMatchObject([{ id: scheduled.id, status: 'DONE' }]);
    // Done is done: it can no longer be cancelled.
    const late = (await browser(admin).data(CANCEL, { id: scheduled.id })).cancelScheduledCommand;
    expect(late).toMatchObject({ __typename: 'ScheduledCommandNotPending', current: { status: 'DONE' } });
  });

  it('is cancelled before it runs: the row says so, the job is gone, nothing happens', async () => {
    const target = await signedInUser(appNow(), { role: Role.MEMBER, name: 'Cy Cancelled' });
    const scheduled = (await browser(admin).data(NOTIFY_AT, { userId: target.id, v: await versionOf(target.id), runAt: inAnHour() })).notifyUser;
    expect(scheduled).toMatchObject({ status: 'PENDING', payload: { subject: 'Later', message: 'A later message' } });
    const jobId = await queueJobIdOf(scheduled.id);
    expect(await queuedJob(appNow(), jobId)).toBeTruthy();

    const cancelled = (await browser(admin).data(CANCEL, { id: scheduled.id })).cancelScheduledCommand;
    expect(cancelled).toMatchObject({ __typename: 'ScheduledCommand', status: 'CANCELLED', outcome: 'Cancelled by Sched Admin.' });
    expect(await queuedJob(appNow(), jobId)).toBeUndefined();
    const again = (await browser(admin).data(CANCEL, { id: scheduled.id })).cancelScheduledCommand;
    expect(again).toMatchObject({ __typename: 'ScheduledCommandNotPending', current: { status: 'CANCELLED' } });
    expect((await browser(admin).data(CANCEL, { id: '00000000-0000-4000-8000-000000000000' })).cancelScheduledCommand.__typename).toBe('NotFound');
    expect((await sql('select 1 from notification where user_id = ?', [target.id])).length).toBe(0);
    expect((await browser(admin).data(LIST, { filter: { status: 'CANCELLED' } })).scheduledCommands.nodes.map((n: { id: string }) => n.id)).toContain(scheduled.id);
  });

  it('re-checks rules and the admin\'s rights when it runs: refused then, it fails with the reason and changes nothing', async () => {
    const target = await signedInUser(appNow(), { role: Role.MEMBER, name: 'Ren Rechecked' });
    // Enabling an active user is allowed to be scheduled (a disable may come first) but refused at run time.
    const enable = (await browser(admin).data(ENABLE_AT, { userId: target.id, v: await versionOf(target.id), runAt: inAnHour() })).enableUser;
    expect(enable.status).toBe('PENDING');
    const version = await versionOf(target.id);
    await runNow(enable.id);
    const [row] = await sql<{ status: string; outcome: string }>('select status, outcome from scheduled_command where id = ?', [enable.id]);
    expect(row).toEqual({ status: 'FAILED', outcome: 'Not done: This user is already active.' });
    expect(await versionOf(target.id)).toBe(version);

    // An admin who is no longer one by then: their command is refused.
    const other = await signedInUser(appNow(), { role: Role.ADMIN, name: 'Former Admin' });
    const notify = (await browser(other).data(NOTIFY_AT, { userId: target.id, v: version, runAt: inAnHour() })).notifyUser;
    const demoted = (await browser(admin).data(`mutation($userId: ID!, $v: Int!) { changeUserRole(userId: $userId, expectedVersion: $v, role: MEMBER) { __typename } }`, {
      userId: other.id,
      v: await versionOf(other.id),
    })).changeUserRole;
    expect(demoted.__typename).toBe('AdminCommandDone');
    await runNow(notify.id);
    const [refused] = await sql<{ status: string; outcome: string }>('select status, outcome from scheduled_command where id = ?', [notify.id]);
    expect(refused).toEqual({ status: 'FAILED', outcome: 'Not done: Only an active admin can run this command.' });
    expect((await sql('select 1 from notification where user_id = ?', [target.id])).length).toBe(0);
  });

  it('refuses a time in the past and, at scheduling already, yourself; lists by run time in keyset pages', async () => {
    const target = await signedInUser(appNow(), { role: Role.MEMBER, name: 'Pia Past' });
    const v = await versionOf(target.id);
    const past = (await browser(admin).data(DISABLE_AT, { userId: target.id, v, runAt: new Date(Date.now() - 60_000).toISOString() })).disableUser;
    expect(past).toMatchObject({ __typename: 'ValidationFailed', fields: [{ field: 'runAt', code: 'PAST' }] });
    const far = (await browser(admin).data(DISABLE_AT, { userId: target.id, v, runAt: new Date(Date.now() + 400 * 86_400_000).toISOString() })).disableUser;
    expect(far.fields).toEqual([{ field: 'runAt', code: 'TOO_FAR' }]);
    const self = (await browser(admin).data(DISABLE_AT, { userId: admin.id, v: await versionOf(admin.id), runAt: inAnHour() })).disableUser;
    expect(self).toMatchObject({ __typename: 'Forbidden', message: 'You cannot disable yourself.' });
    expect((await sql('select 1 from scheduled_command where target_id in (?, ?)', [target.id, admin.id])).length).toBe(0);

    const ids: string[] = [];
    for (const hours of [3, 1, 2]) {
      const at = new Date(Date.now() + hours * 3_600_000).toISOString();
      ids[hours] = (await browser(admin).data(NOTIFY_AT, { userId: target.id, v, runAt: at })).notifyUser.id;
    }
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const page: { nodes: { id: string }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } = (await browser(admin).data(LIST, { filter: { userId: target.id, status: 'PENDING' }, first: 2, after })).scheduledCommands;
      seen.push(...page.nodes.map((n) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([ids[1], ids[2], ids[3]]);
  });
});
