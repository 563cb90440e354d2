import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onUserAccessEnded } from '@pams/server-admin';
import { Role } from '@pams/shared-util';
import { anotherSession, createDomainFixture, signedInUser, type DomainFixture, type SignedInUser } from './support/domain-fixtures.js';
import type { GraphqlClient } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const USER_FIELDS = 'id version email name role status mustChangePassword regions { id name } defaultRegionId lastSeenAt openSessionCount';
const RESULT = `__typename
  ... on AdminCommandDone { kind message user { ${USER_FIELDS} } }
  ... on ScheduledCommand { id status runAt }
  ... on ValidationFailed { message fields { field code message } }
  ... on Forbidden { message }
  ... on NotFound { message }
  ... on UserVersionConflict { message current { id version status } }`;

const DISABLE = `mutation($userId: ID!, $v: Int!) { disableUser(userId: $userId, expectedVersion: $v) { ${RESULT} } }`;
const ENABLE = `mutation($userId: ID!, $v: Int!) { enableUser(userId: $userId, expectedVersion: $v) { ${RESULT} } }`;
const REVOKE = `mutation($userId: ID!, $v: Int!) { revokeUserAccess(userId: $userId, expectedVersion: $v) { ${RESULT} } }`;
const RESET = `mutation($userId: ID!, $v: Int!) { forcePasswordReset(userId: $userId, expectedVersion: $v) { ${RESULT} } }`;
const NOTIFY = `mutation($userId: ID!, $v: Int!, $input: NotifyUserInput!) { notifyUser(userId: $userId, expectedVersion: $v, input: $input) { ${RESULT} } }`;
const REVIEW = `mutation($userId: ID!, $v: Int!, $input: ReviewTaskInput!) { scheduleUserReview(userId: $userId, expectedVersion: $v, input: $input) { ${RESULT} } }`;
const ROLE = `mutation($userId: ID!, $v: Int!, $role: Role!) { changeUserRole(userId: $userId, expectedVersion: $v, role: $role) { ${RESULT} } }`;
const REGIONS = `mutation($userId: ID!, $v: Int!, $regionIds: [ID!]!, $defaultRegionId: ID) {
  changeUserRegions(userId: $userId, expectedVersion: $v, regionIds: $regionIds, defaultRegionId: $defaultRegionId) { ${RESULT} } }`;
const USERS = `query($filter: AdminUserFilter, $first: Int, $after: String) {
  adminUsers(filter: $filter, first: $first, after: $after) { nodes { ${USER_FIELDS} } pageInfo { endCursor hasNextPage } } }`;
const DETAIL = `query($id: ID!) { adminUser(id: $id) {
  user { ${USER_FIELDS} }
  recentEvents { action actorId entityType entityId changes { field before after } }
  scheduledCommands { id kind status }
  reviewTasks { title description dueDate priority status owner { id } supervisor { id } } } }`;
const VIEWER = '{ viewer { id } }';
const NOTIFICATIONS = '{ myNotifications { nodes { id kind subject body readAt } pageInfo { hasNextPage } } unreadNotificationCount }';

let app: TestApp;
let f: DomainFixture;
let admin: SignedInUser;
let manager: SignedInUser;
let analyst: SignedInUser;
let analystToken: GraphqlClient;
let adminToken: GraphqlClient;

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return app.orm.em.fork().getConnection().execute<T[]>(text, params);
}

async function versionOf(userId: string): Promise<number> {
  const [row] = await sql<{ version: number }>('select version from app_user where id = ?', [userId]);
  return row.version;
}

async function auditCount(): Promise<number> {
  const [row] = await sql<{ n: number }>('select count(*)::int as n from audit_event');
  return row.n;
}

async function tokenClient(user: SignedInUser): Promise<GraphqlClient> {
  const created = await user.client.data(`mutation { createAccessToken(name: "script", expiresInDays: 1) { __typename ... on AccessTokenCreated { token } } }`);
  const client = app.client();
  client.bearer = created.createAccessToken.token;
  return client;
}

/** The events written about `userId` after event id `afterId`, oldest first. */
async function eventsAbout(userId: string, afterId: string): Promise<{ action: string; actor_id: string | null; entity_type: string; changes: Record<string, { before: unknown; after: unknown }> | null }[]> {
  return sql(`select action, actor_id, entity_type, changes from audit_event where id > ? and (entity_id = ? or changes::text like ?) order by id`, [afterId, userId, `%${userId}%`]);
}

/** The events about the user's sessions (named by their public handle) and access tokens. */
async function credentialEvents(userId: string, afterId: string): Promise<{ action: string; actor_id: string | null; changes: Record<string, { before: unknown; after: unknown }> }[]> {
  return sql(
    `select action, actor_id, changes from audit_event where id > ? and entity_id in (
       select handle::text from user_session where user_id = ? union all select id::text from access_token where user_id = ?) order by id`,
    [afterId, userId, userId],
  );
}

async function lastEventId(): Promise<string> {
  const [row] = await sql<{ id: string }>('select coalesce(max(id), 0)::text as id from audit_event');
  return row.id;
}

async function member(name?: string): Promise<SignedInUser> {
  return signedInUser(app, { role: Role.MEMBER, regionIds: [f.regions.south], defaultRegionId: f.regions.south, name });
}

beforeAll(async () => {
  app = await startTestApp();
  f = await createDomainFixture(app.orm);
  admin = await signedInUser(app, { role: Role.ADMIN, name: 'Ada Admin' });
  manager = await signedInUser(app, { role: Role.MANAGER, regionIds: [f.regions.south], name: 'Manny Manager' });
  analyst = await signedInUser(app, { role: Role.ANALYST, name: 'Ana Analyst' });
  analystToken = await tokenClient(analyst);
  adminToken = await tokenClient(admin);
});

afterAll(async () => {
  await app?.close();
});

describe('admin user command center: reads', () => {
  it('lists users by name with search, filters, keyset pages and a capped page size; the drilldown', async () => {
    const zed = await member('Zed Searchable');
    const yan = await member('Yan Searchable');
    await signedInUser(app, { role: Role.MANAGER, regionIds: [f.regions.sea], name: 'Xia Searchable' });

    const found = (await admin.client.data(USERS, { filter: { search: 'searchable' } })).adminUsers;
    expect(found.nodes.map((u: { name: string }) => u.name)).toEqual(['Xia Searchable', 'Yan Searchable', 'Zed Searchable']);
    expect(found.nodes[1]).toMatchObject({ id: yan.id, role: 'MEMBER', status: 'ACTIVE', openSessionCount: 1, regions: [{ id: f.regions.south, name: 'India South' }], defaultRegionId: f.regions.south });
    // By email too, case-insensitively.
    expect((await admin.client.data(USERS, { filter: { search: zed.email.toUpperCase() } })).adminUsers.nodes.map((u: { id: string }) => u.id)).toEqual([zed.id]);

    const members = (await admin.client.data(USERS, { filter: { search: 'searchable', roles: ['MEMBER'], regionId: f.regions.south, status: 'ACTIVE' } })).adminUsers;
    expect(members.nodes.map((u: { id: string }) => u.id)).toEqual([yan.id, zed.id]);
    expect((await admin.client.data(USERS, { filter: { search: 'searchable', regionId: f.regions.sea } })).adminUsers.nodes.map((u: { name: string }) => u.name)).toEqual(['Xia Searchable']);

    // Last seen: a session seen a week ago counts as not seen since yesterday.
    await sql(`update user_session set last_seen_at = now() - interval '7 days' where user_id = ?`, [zed.id]);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    expect((await admin.client.data(USERS, { filter: { search: 'searchable', lastSeenBefore: yesterday } })).adminUsers.nodes.map((u: { id: string }) => u.id)).toEqual([zed.id]);
    expect((await admin.client.data(USERS, { filter: { search: 'searchable', lastSeenAfter: yesterday } })).adminUsers.nodes.map((u: { id: string }) => u.id)).not.toContain(zed.id);

    // Keyset pages: two at a time, no row twice, none skipped.
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: { nodes: { name: string }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } = (await admin.client.data(USERS, { filter: { search: 'searchable' }, first: 2, after })).adminUsers;
      seen.push(...page.nodes.map((u) => u.name));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(['Xia Searchable', 'Yan Searchable', 'Zed Searchable']);
    const tooMany = await admin.client.query(USERS, { first: 201 });
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await admin.client.query(USERS, { after: 'not-a-cursor' })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const detail = (await admin.client.data(DETAIL, { id: yan.id })).adminUser;
    expect(detail.user).toMatchObject({ id: yan.id, name: 'Yan Searchable', openSessionCount: 1 });
    expect(detail.user.lastSeenAt).not.toBeNull();
    expect(detail.recentEvents.map((e: { action: string }) => e.action)).toContain('User.created');
    expect(detail.scheduledCommands).toEqual([]);
    expect((await admin.client.data(DETAIL, { id: '00000000-0000-4000-8000-000000000000' })).adminUser).toBeNull();
  });

  it('is for admins only: other roles and analysts\' tokens are refused; an admin\'s token reads but never commands', async () => {
    for (const client of [manager.client, analyst.client, analystToken]) {
      expect((await client.query(USERS)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await client.query(DETAIL, { id: admin.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await app.client().query(USERS)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await adminToken.data(USERS, { first: 1 })).adminUsers.nodes).toHaveLength(1);

    const target = await member();
    const v = await versionOf(target.id);
    const before = await auditCount();
    const commands: [string, Record<string, unknown>][] = [
      [DISABLE, {}],
      [ENABLE, {}],
      [REVOKE, {}],
      [RESET, {}],
      [NOTIFY, { input: { subject: 'Hello', message: 'A message' } }],
      [REVIEW, { input: { title: 'Quarterly', dueDate: '2050-01-01', priority: 3 } }],
      [ROLE, { role: 'MANAGER' }],
      [REGIONS, { regionIds: [f.regions.sea] }],
    ];
    for (const [mutation, extra] of commands) {
      const variables = { userId: target.id, v, ...extra };
      expect((await manager.client.query(mutation, variables)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await target.client.query(mutation, variables)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await analyst.client.query(mutation, variables)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await analystToken.query(mutation, variables)).errors?.[0].extensions?.code).toBe('READ_ONLY_TOKEN');
      expect((await adminToken.query(mutation, variables)).errors?.[0].extensions?.code).toBe('READ_ONLY_TOKEN');
    }
    expect((await manager.client.query('mutation { cancelScheduledCommand(id: "00000000-0000-4000-8000-000000000000") { __typename } }')).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await manager.client.query('{ scheduledCommands { nodes { id } } }')).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Nothing happened: same version, no audit event, the user still signed in.
    expect(await versionOf(target.id)).toBe(v);
    expect(await auditCount()).toBe(before);
    expect((await target.client.data(VIEWER)).viewer.id).toBe(target.id);
  });
});

describe('admin user command center: commands', () => {
  it('disable ends the user\'s sessions at once, audited with before/after; enable lets them back', async () => {
    const target = await member('Dana Disabled');
    const second = await anotherSession(app, target.id);
    expect((await target.client.data(VIEWER)).viewer.id).toBe(target.id);
    const mark = await lastEventId();
    // The hook that ends the user's live streams in this process runs after the commit.
    const streamsEnded: string[] = [];
    const unhook = onUserAccessEnded((userId) => streamsEnded.push(userId));

    const done = (await admin.client.data(DISABLE, { userId: target.id, v: await versionOf(target.id) })).disableUser;
    expect(done).toMatchObject({ __typename: 'AdminCommandDone', kind: 'DISABLE', user: { id: target.id, status: 'DISABLED', openSessionCount: 0 } });
    expect(done.message).toContain('2 session(s) ended');
    expect(streamsEnded).toEqual([target.id]);
    // Both open sessions stop working on their next request.
    expect((await target.client.data(VIEWER)).viewer).toBeNull();
    expect((await second.data(VIEWER)).viewer).toBeNull();
    const sessions = await sql<{ revoked_reason: string }>('select revoked_reason from user_session where user_id = ?', [target.id]);
    expect(sessions.map((s) => s.revoked_reason)).toEqual(['USER_DISABLED', 'USER_DISABLED']);

    const events = await eventsAbout(target.id, mark);
    const userUpdated = events.find((e) => e.action === 'User.updated');
    expect(userUpdated).toMatchObject({ actor_id: admin.id, changes: { status: { before: 'ACTIVE', after: 'DISABLED' } } });
    const ended = (await credentialEvents(target.id, mark)).filter((e) => e.action === 'Session.updated');
    expect(ended).toHaveLength(2);
    expect(ended[0]).toMatchObject({ actor_id: admin.id, changes: { revokedAt: { before: null }, revokedReason: { before: null, after: 'USER_DISABLED' } } });
    expect(events.find((e) => e.action === 'admin.user.disable')).toMatchObject({ actor_id: admin.id, entity_type: 'User', changes: { status: { before: 'ACTIVE', after: 'DISABLED' }, sessionsEnded: { after: 2 } } });

    // Disabling again is refused by name, and changes nothing.
    const again = (await admin.client.data(DISABLE, { userId: target.id, v: done.user.version })).disableUser;
    expect(again).toMatchObject({ __typename: 'ValidationFailed', fields: [{ field: 'userId', code: 'ALREADY_DISABLED' }] });

    const enabled = (await admin.client.data(ENABLE, { userId: target.id, v: done.user.version })).enableUser;
    expect(enabled).toMatchObject({ __typename: 'AdminCommandDone', user: { status: 'ACTIVE' } });
    // Enabling ends nothing; the refused second disable ended nothing either.
    expect(streamsEnded).toEqual([target.id]);
    unhook();
    // The ended sessions stay ended: the user signs in afresh.
    expect((await target.client.data(VIEWER)).viewer).toBeNull();
    expect((await eventsAbout(target.id, mark)).find((e) => e.action === 'admin.user.enable')).toMatchObject({ actor_id: admin.id });
  });

  it('never yourself; never the last active admin, even when two admins disable each other at once', async () => {
    const selfDisable = (await admin.client.data(DISABLE, { userId: admin.id, v: await versionOf(admin.id) })).disableUser;
    expect(selfDisable).toMatchObject({ __typename: 'Forbidden', message: 'You cannot disable yourself.' });
    const selfDemote = (await admin.client.data(ROLE, { userId: admin.id, v: await versionOf(admin.id), role: 'MEMBER' })).changeUserRole;
    expect(selfDemote).toMatchObject({ __typename: 'Forbidden', message: 'You cannot take the admin role from yourself.' });

    // Two admins, A and B, each disabling the other at the same moment: one wins, the other is refused.
    const a = await signedInUser(app, { role: Role.ADMIN, name: 'Admin A' });
    const b = await signedInUser(app, { role: Role.ADMIN, name: 'Admin B' });
    const [va, vb] = [await versionOf(a.id), await versionOf(b.id)];
    const [byA, byB] = await Promise.all([
      a.client.query(DISABLE, { userId: b.id, v: vb }),
      b.client.query(DISABLE, { userId: a.id, v: va }),
    ]);
    const outcomes = [byA, byB].map((r) => r.data?.disableUser?.__typename ?? r.errors?.[0].extensions?.code).sort();
    // The loser lost its rights first: refused inside its transaction, or (if it came later) no longer signed in.
    expect(outcomes[0]).toBe('AdminCommandDone');
    expect(['Forbidden', 'UNAUTHENTICATED']).toContain(outcomes[1]);
    const [{ n }] = await sql<{ n: number }>(`select count(*)::int as n from app_user where id in (?, ?) and status = 'ACTIVE'`, [a.id, b.id]);
    expect(n).toBe(1);
  });

  it('revoke access ends every session and access token of the user', async () => {
    const target = await signedInUser(app, { role: Role.ANALYST, name: 'Rex Revoked' });
    const other = await anotherSession(app, target.id);
    const token = await tokenClient(target);
    expect((await token.data(VIEWER)).viewer.id).toBe(target.id);
    const mark = await lastEventId();

    const done = (await admin.client.data(REVOKE, { userId: target.id, v: await versionOf(target.id) })).revokeUserAccess;
    expect(done).toMatchObject({ __typename: 'AdminCommandDone', kind: 'REVOKE_ACCESS', user: { status: 'ACTIVE', openSessionCount: 0 } });
    expect(done.message).toContain('2 session(s) ended, 1 access token(s) revoked');
    for (const client of [target.client, other, token]) expect((await client.data(VIEWER)).viewer).toBeNull();
    const events = await eventsAbout(target.id, mark);
    expect(events.find((e) => e.action === 'admin.user.revokeAccess')).toMatchObject({ actor_id: admin.id, changes: { sessionsEnded: { after: 2 }, tokensRevoked: { after: 1 } } });
    const credentials = await credentialEvents(target.id, mark);
    expect(credentials.filter((e) => e.action === 'Session.updated')).toHaveLength(2);
    expect(credentials.find((e) => e.action === 'AccessToken.updated')).toMatchObject({ actor_id: admin.id, changes: { revokedAt: { before: null } } });
  });

  it('force password reset: must change at next sign-in, sessions end, a reset mail is in the outbox', async () => {
    const target = await member('Pat Reset');
    const mark = await lastEventId();
    const done = (await admin.client.data(RESET, { userId: target.id, v: await versionOf(target.id) })).forcePasswordReset;
    expect(done).toMatchObject({ __typename: 'AdminCommandDone', user: { mustChangePassword: true, openSessionCount: 0 } });
    expect((await target.client.data(VIEWER)).viewer).toBeNull();
    const mails = await sql<{ subject: string; text: string; status: string }>(`select subject, text, status from outbox_mail where "to" = ?`, [target.email]);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Reset your PAMS password');
    expect(mails[0].text).toContain('/reset-password?token=');
    const [{ n }] = await sql<{ n: number }>('select count(*)::int as n from password_reset where user_id = ? and used_at is null', [target.id]);
    expect(n).toBe(1);
    const events = await eventsAbout(target.id, mark);
    expect(events.find((e) => e.action === 'User.updated')).toMatchObject({ actor_id: admin.id, changes: { mustChangePassword: { before: false, after: true } } });
    expect(events.find((e) => e.action === 'admin.user.forcePasswordReset')).toBeTruthy();
  });

  it('notify writes an in-app notification and a mail; bad input names the field and writes nothing', async () => {
    const target = await member('Nia Notified');
    const v = await versionOf(target.id);
    const before = await auditCount();
    const bad = (await admin.client.data(NOTIFY, { userId: target.id, v, input: { subject: ' hi ', message: 'x'.repeat(5_001) } })).notifyUser;
    expect(bad).toMatchObject({
      __typename: 'ValidationFailed',
      fields: [
        { field: 'subject', code: 'TOO_SHORT' },
        { field: 'message', code: 'TOO_LONG', message: 'Use at most 5,000 characters.' },
      ],
    });
    const longSubject = (await admin.client.data(NOTIFY, { userId: target.id, v, input: { subject: 's'.repeat(161), message: 'ok!' } })).notifyUser;
    expect(longSubject.fields).toEqual([{ field: 'subject', code: 'TOO_LONG', message: 'Use at most 160 characters.' }]);
    expect(await auditCount()).toBe(before);
    expect((await sql('select 1 from outbox_mail where "to" = ?', [target.email])).length).toBe(0);
    expect((await target.client.data(NOTIFICATIONS)).unreadNotificationCount).toBe(0);

    const done = (await admin.client.data(NOTIFY, { userId: target.id, v, input: { subject: 'Timesheets', message: 'Please log last week.' } })).notifyUser;
    expect(done).toMatchObject({ __typename: 'AdminCommandDone', kind: 'NOTIFY' });
    const mine = await target.client.data(NOTIFICATIONS);
    expect(mine.unreadNotificationCount).toBe(1);
    expect(mine.myNotifications.nodes).toMatchObject([{ kind: 'ADMIN_MESSAGE', subject: 'Timesheets', body: 'Please log last week.', readAt: null }]);
    const mails = await sql<{ subject: string; text: string }>('select subject, text from outbox_mail where "to" = ?', [target.email]);
    expect(mails).toMatchObject([{ subject: '[PAMS] Timesheets' }]);
    expect(mails[0].text).toContain('Please log last week.');
    // Another user does not see it; the user marks it read.
    expect((await manager.client.data(NOTIFICATIONS)).myNotifications.nodes).toEqual([]);
    const marked = (await target.client.data('mutation { markNotificationsRead { marked unreadCount } }')).markNotificationsRead;
    expect(marked).toEqual({ marked: 1, unreadCount: 0 });
    expect((await target.client.data(NOTIFICATIONS)).myNotifications.nodes[0].readAt).not.toBeNull();
    const events = await eventsAbout(target.id, '0');
    expect(events.find((e) => e.action === 'Notification.created')).toBeTruthy();
    expect(events.find((e) => e.action === 'admin.user.notify')).toMatchObject({ actor_id: admin.id, changes: { subject: { after: 'Timesheets' } } });
  });

  it('schedule a review: a task owned by the user, supervised by the admin; bad input names each field', async () => {
    const target = await member('Rae Reviewed');
    const v = await versionOf(target.id);
    const bad = (await admin.client.data(REVIEW, { userId: target.id, v, input: { title: 'Q', dueDate: '2020-02-30', priority: 6 } })).scheduleUserReview;
    expect(bad.fields.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['title', 'TOO_SHORT'],
      ['dueDate', 'INVALID'],
      ['priority', 'OUT_OF_RANGE'],
    ]);
    const past = (await admin.client.data(REVIEW, { userId: target.id, v, input: { title: 'Quarterly review', dueDate: '2021-01-01', priority: 2 } })).scheduleUserReview;
    expect(past.fields).toMatchObject([{ field: 'dueDate', code: 'PAST' }]);
    expect((await sql('select 1 from review_task where owner_id = ?', [target.id])).length).toBe(0);

    const done = (await admin.client.data(REVIEW, { userId: target.id, v, input: { title: 'Quarterly review', description: 'Bring your numbers.', dueDate: '2049-06-30', priority: 2 } })).scheduleUserReview;
    expect(done.__typename).toBe('AdminCommandDone');
    const detail = (await admin.client.data(DETAIL, { id: target.id })).adminUser;
    expect(detail.reviewTasks).toEqual([
      { title: 'Quarterly review', description: 'Bring your numbers.', dueDate: '2049-06-30', priority: 2, status: 'OPEN', owner: { id: target.id }, supervisor: { id: admin.id } },
    ]);
    expect(detail.recentEvents.map((e: { action: string }) => e.action)).toContain('admin.user.scheduleReview');
    expect((await target.client.data(NOTIFICATIONS)).myNotifications.nodes).toMatchObject([{ kind: 'REVIEW_ASSIGNED', subject: 'Review: Quarterly review' }]);
  });

  it('change role and regions, audited; bad regions name the field; a stale version is a conflict that changes nothing', async () => {
    const target = await member('Cam Changed');
    const v = await versionOf(target.id);
    const mark = await lastEventId();
    const role = (await admin.client.data(ROLE, { userId: target.id, v, role: 'MANAGER' })).changeUserRole;
    expect(role).toMatchObject({ __typename: 'AdminCommandDone', user: { role: 'MANAGER', version: v + 1 } });
    expect((await eventsAbout(target.id, mark)).find((e) => e.action === 'User.updated')).toMatchObject({ actor_id: admin.id, changes: { role: { before: 'MEMBER', after: 'MANAGER' } } });
    const same = (await admin.client.data(ROLE, { userId: target.id, v: v + 1, role: 'MANAGER' })).changeUserRole;
    expect(same.fields).toMatchObject([{ field: 'role', code: 'UNCHANGED' }]);

    // The admin read the user before the role change: refused with the current copy.
    const stale = (await admin.client.data(REGIONS, { userId: target.id, v, regionIds: [f.regions.sea] })).changeUserRegions;
    expect(stale).toMatchObject({ __typename: 'UserVersionConflict', current: { id: target.id, version: v + 1 } });

    const badDefault = (await admin.client.data(REGIONS, { userId: target.id, v: v + 1, regionIds: [f.regions.sea], defaultRegionId: f.regions.mena })).changeUserRegions;
    expect(badDefault.fields).toMatchObject([{ field: 'defaultRegionId', code: 'NOT_IN_REGIONS' }]);
    const unknown = (await admin.client.data(REGIONS, { userId: target.id, v: v + 1, regionIds: ['00000000-0000-4000-8000-000000000000'] })).changeUserRegions;
    expect(unknown.fields).toMatchObject([{ field: 'regionIds', code: 'UNKNOWN' }]);
    expect((await admin.client.data(DETAIL, { id: target.id })).adminUser.user.regions).toEqual([{ id: f.regions.south, name: 'India South' }]);

    const regions = (await admin.client.data(REGIONS, { userId: target.id, v: v + 1, regionIds: [f.regions.sea, f.regions.mena], defaultRegionId: f.regions.sea })).changeUserRegions;
    expect(regions).toMatchObject({ __typename: 'AdminCommandDone', user: { defaultRegionId: f.regions.sea } });
    expect(regions.user.regions.map((r: { name: string }) => r.name)).toEqual(['MENA', 'SEA']);
    const event = (await eventsAbout(target.id, mark)).find((e) => e.action === 'admin.user.changeRegions');
    expect(event?.changes?.regionIds).toEqual({ before: [f.regions.south], after: [f.regions.sea, f.regions.mena].sort() });
    // The user's own session sees the new role at once.
    expect((await target.client.data('{ viewer { role regionIds } }')).viewer.role).toBe('MANAGER');

    const missing = (await admin.client.data(DISABLE, { userId: '00000000-0000-4000-8000-000000000000', v: 1 })).disableUser;
    expect(missing.__typename).toBe('NotFound');
  });
});
