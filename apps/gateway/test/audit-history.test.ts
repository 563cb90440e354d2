import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInScope, statementCount } from '@pams/server-core';
import { Region, Session, User, hashPassword, hashSecret, newSecret } from '@pams/server-identity';
import { Role } from '@pams/shared-util';
import type { GraphqlClient } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const PAGE_SIZE_CAP = 5;

const AUDIT_EVENTS = `query Audit($first: Int, $after: String, $filter: AuditEventFilter) {
  auditEvents(first: $first, after: $after, filter: $filter) {
    nodes { id occurredAt actorId actorKind action entityType entityId requestId changes { field before after } }
    pageInfo { endCursor hasNextPage }
  }
}`;

interface AuditNode {
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorKind: string;
  action: string;
  entityType: string;
  entityId: string | null;
  requestId: string | null;
  changes: { field: string; before: unknown; after: unknown }[];
}
interface AuditPage {
  auditEvents: { nodes: AuditNode[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
}

describe('auditEvents (admin audit history)', () => {
  let app: TestApp;
  let admin: GraphqlClient;
  let adminId: string;

  /** A user with a live session, inserted directly: the cookie carries the secret, the row its hash. */
  async function signedIn(role: Role): Promise<{ client: GraphqlClient; userId: string }> {
    const em = app.orm.em.fork();
    const user = em.create(User, {
      email: `${role.toLowerCase()}-${randomUUID()}@test.pams`,
      name: `Test ${role}`,
      role,
      passwordHash: await hashPassword('a long test password'),
    });
    const secret = newSecret();
    em.create(Session, { id: hashSecret(secret), handle: randomUUID(), user, expiresAt: new Date(Date.now() + 3_600_000) });
    await em.flush();
    const client = app.client();
    client.cookies.set('pams_session', secret);
    return { client, userId: user.id };
  }

  async function createRegions(names: string[], requestId = 'seed-regions'): Promise<Region[]> {
    return runInScope({ requestId, actorId: adminId, actorKind: 'session' }, async () => {
      const em = app.orm.em.fork();
      const regions = names.map((name) => em.create(Region, { name }));
      await em.flush();
      return regions;
    });
  }

  beforeAll(async () => {
    app = await startTestApp({ GRAPHQL_MAX_PAGE_SIZE: String(PAGE_SIZE_CAP) });
    ({ client: admin, userId: adminId } = await signedIn(Role.ADMIN));
  });
  afterAll(() => app?.close());

  it('is for admins only', async () => {
    const { client: member } = await signedIn(Role.MEMBER);
    const refused = await member.query(AUDIT_EVENTS, { first: 1 });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(refused.data).toBeNull();

    const anonymous = await app.client().query(AUDIT_EVENTS, { first: 1 });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const allowed = await admin.data<AuditPage>(AUDIT_EVENTS, { first: 1 });
    expect(allowed.auditEvents.nodes).toHaveLength(1);
  });

  it('lists events newest first with their fields and changes', async () => {
    const [region] = await createRegions(['History One'], 'req-history-1');
    const data = await admin.data<AuditPage>(AUDIT_EVENTS, { first: 1 });
    const [node] = data.auditEvents.nodes;
    expect(node).toMatchObject({
      actorId: adminId,
      actorKind: 'session',
      action: 'Region.created',
      entityType: 'Region',
      entityId: region.id,
      requestId: 'req-history-1',
      changes: [
        { field: 'active', before: null, after: true },
        { field: 'name', before: null, after: 'History One' },
      ],
    });
    expect(Number.isNaN(Date.parse(node.occurredAt))).toBe(false);
  });

  it('pages by cursor without skipping or repeating, even while events are added', async () => {
    const names = Array.from({ length: 7 }, (_, i) => `Paged ${i}`);
    await createRegions(names, 'req-paging');
    const filter = { action: 'Region.created', entityType: 'Region' };
    const seen: AuditNode[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const data: AuditPage = await admin.data<AuditPage>(AUDIT_EVENTS, { first: 3, after, filter });
      seen.push(...data.auditEvents.nodes);
      pages += 1;
      // Newer events must not shift the pages still to come.
      if (pages === 1) await createRegions(['Paged late'], 'req-paging-late');
      if (!data.auditEvents.pageInfo.hasNextPage) break;
      after = data.auditEvents.pageInfo.endCursor;
    }
    const ids = seen.map((n) => BigInt(n.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id, i) => i === 0 || id < ids[i - 1])).toBe(true);
    const pagedNames = seen.filter((n) => n.requestId === 'req-paging').map((n) => n.changes.find((c) => c.field === 'name')?.after);
    expect(pagedNames.sort()).toEqual([...names].sort());
    expect(seen.some((n) => n.requestId === 'req-paging-late')).toBe(false);
  });

  it('filters by actor, action, entity and time', async () => {
    const [region] = await createRegions(['Filtered'], 'req-filter');
    const byEntity = await admin.data<AuditPage>(AUDIT_EVENTS, { first: 5, filter: { entityType: 'Region', entityId: region.id } });
    expect(byEntity.auditEvents.nodes.map((n) => n.entityId)).toEqual([region.id]);

    const byActor = await admin.data<AuditPage>(AUDIT_EVENTS, { first: 5, filter: { actorId: adminId, action: 'Region.created' } });
    expect(byActor.auditEvents.nodes.length).toBeGreaterThan(0);
    expect(byActor.auditEvents.nodes.every((n) => n.actorId === adminId && n.action === 'Region.created')).toBe(true);

    const nobody = await admin.data<AuditPage>(AUDIT_EVENTS, { first: 5, filter: { actorId: randomUUID() } });
    expect(nobody.auditEvents.nodes).toEqual([]);
    expect(nobody.auditEvents.pageInfo).toEqual({ endCursor: null, hasNextPage: false });

    const at = Date.parse(byEntity.auditEvents.nodes[0].occurredAt);
    const inside = await admin.data<AuditPage>(AUDIT_EVENTS, {
      first: 5,
      filter: { entityId: region.id, from: new Date(at - 1).toISOString(), to: new Date(at + 1).toISOString() },
    });
    expect(inside.auditEvents.nodes).toHaveLength(1);
    const before = await admin.data<AuditPage>(AUDIT_EVENTS, { first: 5, filter: { entityId: region.id, to: new Date(at).toISOString() } });
    expect(before.auditEvents.nodes).toHaveLength(0);
    const later = await admin.data<AuditPage>(AUDIT_EVENTS, { first: 5, filter: { entityId: region.id, from: new Date(at + 1).toISOString() } });
    expect(later.auditEvents.nodes).toHaveLength(0);
  });

  it('reads a page of any size with one SQL statement beyond authentication', async () => {
    const statementsOf = async (query: string, variables: Record<string, unknown> = {}) => {
      const start = statementCount();
      await admin.data(query, variables);
      return statementCount() - start;
    };
    await statementsOf('{ viewer { id } }'); // the session's last-seen touch happens at most once a minute
    const authentication = await statementsOf('{ viewer { id } }');
    expect(await statementsOf(AUDIT_EVENTS, { first: 1 })).toBe(authentication + 1);
    expect(await statementsOf(AUDIT_EVENTS, { first: PAGE_SIZE_CAP })).toBe(authentication + 1);
  });

  it('a repeated read when nothing was committed since answers notModified and reads no rows; any commit makes it read again', async () => {
    const REPEAT = `query Repeat($unless: String) { auditEvents(first: 2, unlessRevision: $unless) { nodes { id } revision notModified } }`;
    type Repeat = { auditEvents: { nodes: { id: string }[]; revision: string; notModified: boolean } };
    const statementsOf = async (variables: Record<string, unknown>) => {
      const start = statementCount();
      const data = await admin.data<Repeat>(REPEAT, variables);
      return { data: data.auditEvents, statements: statementCount() - start };
    };
    await admin.data('{ viewer { id } }');
    const authStart = statementCount();
    await admin.data('{ viewer { id } }');
    const authentication = statementCount() - authStart;

    const first = await statementsOf({});
    expect(first.data.notModified).toBe(false);
    expect(first.data.nodes.length).toBe(2);
    const same = await statementsOf({ unless: first.data.revision });
    expect(same.data).toEqual({ nodes: [], revision: first.data.revision, notModified: true });
    // One small statement (the head), no page read.
    expect(same.statements).toBe(authentication + 1);

    // A commit that is not sequenced yet still moves the revision (it waits in the unsequenced queue).
    const [region] = await createRegions([`Revision ${randomUUID()}`], 'revision-bump');
    const after = await statementsOf({ unless: first.data.revision });
    expect(after.data.notModified).toBe(false);
    expect(after.data.revision).not.toBe(first.data.revision);
    const events = await admin.data<AuditPage>(AUDIT_EVENTS, { first: 1 });
    expect(events.auditEvents.nodes[0].entityId).toBe(region.id);
    expect(after.data.nodes[0].id).toBe(events.auditEvents.nodes[0].id);
  });

  it('refuses a page larger than the cap, and bad cursors or ids, as user errors', async () => {
    const tooBig = await admin.query(AUDIT_EVENTS, { first: PAGE_SIZE_CAP + 1 });
    expect(tooBig.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooBig.errors?.[0].message).toContain(`between 1 and ${PAGE_SIZE_CAP}`);

    const zero = await admin.query(AUDIT_EVENTS, { first: 0 });
    expect(zero.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const badCursor = await admin.query(AUDIT_EVENTS, { first: 1, after: 'not-a-cursor' });
    expect(badCursor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const forgedCursor = await admin.query(AUDIT_EVENTS, { first: 1, after: Buffer.from(JSON.stringify(["1; drop"])).toString('base64url') });
    expect(forgedCursor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const badActor = await admin.query(AUDIT_EVENTS, { first: 1, filter: { actorId: 'nope' } });
    expect(badActor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
