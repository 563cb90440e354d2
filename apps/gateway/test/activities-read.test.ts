import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementCount } from '@pams/server-core';
import { ActivityType, Role } from '@pams/shared-util';
import { startTestApp, type TestApp } from './support/test-app.js';
import {
  ACTIVITIES,
  ACTIVITY_HISTORY,
  createActivity,
  createDomainFixture,
  insertActivities,
  internalInput,
  monthOf,
  signedInUser,
  updateActivity,
  type DomainFixture,
  type SeedActivity,
  type SignedInUser,
} from './support/domain-fixtures.js';

interface HistoryPage {
  activityHistory: { nodes: { id: string; date: string; createdAt: string }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
}

const BOOTSTRAP = `query Bootstrap {
  bootstrap {
    viewer { id email name role regionIds defaultRegionId }
    today lastLoggedDate defaultActivityDate
    regions { id name } industries { id name } useCases { id name bucket industryId } products { id name }
    presets { id label scope } defaultPresetId
  }
}`;

describe('activity reads: month view, filters, history, bootstrap', () => {
  let app: TestApp;
  let domain: DomainFixture;
  let south: SignedInUser;
  let sea: SignedInUser;
  let mena: SignedInUser;
  let manager: SignedInUser;
  const at = (iso: string) => new Date(iso);

  beforeAll(async () => {
    app = await startTestApp();
    domain = await createDomainFixture(app.orm);
    south = await signedInUser(app, { role: Role.MEMBER, name: 'Sam South', regionIds: [domain.regions.south], defaultRegionId: domain.regions.south, lastLoggedDate: '2025-01-20' });
    sea = await signedInUser(app, { role: Role.MEMBER, name: 'Sia Sea', regionIds: [domain.regions.sea], defaultRegionId: domain.regions.sea });
    mena = await signedInUser(app, { role: Role.MEMBER, name: 'Mo Mena', regionIds: [domain.regions.mena], defaultRegionId: domain.regions.mena });
    manager = await signedInUser(app, { role: Role.MANAGER, regionIds: [domain.regions.south, domain.regions.sea], defaultRegionId: domain.regions.south });
  });
  afterAll(() => app?.close());

  describe('activities(month, filter)', () => {
    let ids: Record<string, string>;

    beforeAll(async () => {
      const rows: Record<string, SeedActivity> = {
        early: { ownerId: south.id, regionId: domain.regions.south, date: '2025-01-05', effortDays: 2, createdAt: at('2025-01-05T09:00:00Z') },
        sameDayFirst: { ownerId: south.id, regionId: domain.regions.south, date: '2025-01-20', effortHalfHours: 3, createdAt: at('2025-01-20T08:00:00Z') },
        sameDayLater: { ownerId: south.id, regionId: domain.regions.south, date: '2025-01-20', effortHalfHours: 4, createdAt: at('2025-01-20T10:00:00Z') },
        lastDay: {
          ownerId: south.id, regionId: domain.regions.south, date: '2025-01-31', type: ActivityType.CUSTOMER_CALL,
          accountId: domain.multi.accountId, projectId: domain.multi.projectIds[1], effortDays: 1, createdAt: at('2025-01-31T12:00:00Z'),
        },
        december: { ownerId: south.id, regionId: domain.regions.south, date: '2024-12-31', effortDays: 5 },
        february: { ownerId: south.id, regionId: domain.regions.south, date: '2025-02-01', effortDays: 5 },
        seaJanuary: {
          ownerId: sea.id, regionId: domain.regions.sea, date: '2025-01-10', type: ActivityType.PRICING,
          accountId: domain.solo.accountId, projectId: domain.solo.projectId, effortDays: 1,
        },
        menaJanuary: { ownerId: mena.id, regionId: domain.regions.mena, date: '2025-01-11', name: 'Booth at GITEX', description: 'Stand duty' },
      };
      const names = Object.keys(rows);
      const created = await insertActivities(app.orm, Object.values(rows));
      ids = Object.fromEntries(names.map((name, i) => [name, created[i]]));
    });

    it("lists the viewer's own activities of the month, newest first, with totals", async () => {
      const month = await monthOf(south.client, '2025-01');
      expect(month.month).toBe('2025-01');
      expect(month.items.map((i) => i.id)).toEqual([ids.lastDay, ids.sameDayLater, ids.sameDayFirst, ids.early]);
      expect(month.totals).toEqual({ count: 4, days: 3, hours: 3.5 });
      const call = month.items[0];
      expect(call).toMatchObject({
        date: '2025-01-31',
        category: 'EXTERNAL',
        type: 'CUSTOMER_CALL',
        owner: { id: south.id, name: 'Sam South', email: south.email },
        region: { id: domain.regions.south, name: 'India South' },
        account: { id: domain.multi.accountId, name: 'Multi Bank plc' },
        project: { id: domain.multi.projectIds[1], name: 'Voice' },
      });
      expect((await monthOf(south.client, '2024-12')).items.map((i) => i.id)).toEqual([ids.december]);
    });

    it('widens to regions or everyone, and narrows by each filter', async () => {
      const idsOf = async (filter: Record<string, unknown>, user = south) => (await monthOf(user.client, '2025-01', filter)).items.map((i) => i.id).sort();
      const sorted = (...names: string[]) => names.map((n) => ids[n]).sort();

      expect(await idsOf({ scope: 'ALL' })).toEqual(sorted('lastDay', 'sameDayLater', 'sameDayFirst', 'early', 'seaJanuary', 'menaJanuary'));
      expect(await idsOf({ scope: 'REGION' }, manager)).toEqual(sorted('lastDay', 'sameDayLater', 'sameDayFirst', 'early', 'seaJanuary'));
      expect(await idsOf({ scope: 'ALL', ownerIds: [sea.id, mena.id] })).toEqual(sorted('seaJanuary', 'menaJanuary'));
      expect(await idsOf({ scope: 'ALL', regionIds: [domain.regions.mena] })).toEqual(sorted('menaJanuary'));
      expect(await idsOf({ scope: 'ALL', accountIds: [domain.solo.accountId] })).toEqual(sorted('seaJanuary'));
      expect(await idsOf({ scope: 'ALL', projectIds: [domain.multi.projectIds[1]] })).toEqual(sorted('lastDay'));
      expect(await idsOf({ scope: 'ALL', category: 'EXTERNAL' })).toEqual(sorted('lastDay', 'seaJanuary'));
      expect(await idsOf({ scope: 'ALL', types: ['PRICING', 'CUSTOMER_CALL'] })).toEqual(sorted('lastDay', 'seaJanuary'));
      expect(await idsOf({ scope: 'ALL', industryIds: [domain.industries.banking] })).toEqual(sorted('lastDay'));
      expect(await idsOf({ scope: 'ALL', text: 'multi bank' })).toEqual(sorted('lastDay'));
      expect(await idsOf({ scope: 'ALL', text: 'VOICE' })).toEqual(sorted('lastDay'));
      expect(await idsOf({ scope: 'ALL', text: 'stand' })).toEqual(sorted('menaJanuary'));
      expect(await idsOf({ scope: 'ALL', text: '100%_' })).toEqual([]);
      expect(await idsOf({ dateFrom: '2025-01-06', dateTo: '2025-01-20' })).toEqual(sorted('sameDayLater', 'sameDayFirst'));
      // Filters narrow the scope: another owner is not "mine".
      expect(await idsOf({ ownerIds: [sea.id] })).toEqual([]);
    });

    it('refuses a malformed month or filter as a bad request', async () => {
      for (const [month, filter] of [['2025-13', undefined], ['2025-1', undefined], ['2025-01', { ownerIds: ['nope'] }], ['2025-01', { dateFrom: '2025-02-30' }]] as const) {
        const result = await south.client.query(ACTIVITIES, { month, filter });
        expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      }
      expect((await app.client().query(ACTIVITIES, { month: '2025-01' })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('returns long texts whenever asked, through fields, fragments or inline fragments', async () => {
      const call = await createActivity(south.client, {
        type: 'CUSTOMER_CALL', date: '2025-09-09', accountId: domain.solo.accountId, effortHours: 1, callType: 'QA', minutesOfMeeting: 'Answered 12 questions.',
      });
      const direct = await south.client.data<any>(`{ activities(month: "2025-09") { items { id minutesOfMeeting } } }`);
      expect(direct.activities.items).toEqual([{ id: call.id, minutesOfMeeting: 'Answered 12 questions.' }]);
      const nested = await south.client.data<any>(`query { activities(month: "2025-09") { ...M } }
        fragment M on ActivityMonth { items { ... on Activity { ...T } } }
        fragment T on Activity { id minutesOfMeeting description }`);
      expect(nested.activities.items).toEqual([{ id: call.id, minutesOfMeeting: 'Answered 12 questions.', description: null }]);
      const history = await south.client.data<any>(`{ activityHistory(first: 1, filter: { dateFrom: "2025-09-01", dateTo: "2025-09-30" }) { nodes { id minutesOfMeeting } } }`);
      expect(history.activityHistory.nodes).toEqual([{ id: call.id, minutesOfMeeting: 'Answered 12 questions.' }]);
      const single = await south.client.data<any>(`query One($id: ID!) { activity(id: $id) { id minutesOfMeeting owner { id } } }`, { id: call.id });
      expect(single.activity).toEqual({ id: call.id, minutesOfMeeting: 'Answered 12 questions.', owner: { id: south.id } });
      const unknown = await south.client.data<any>(`query One($id: ID!) { activity(id: $id) { id } }`, { id: randomUUID() });
      expect(unknown.activity).toBeNull();
    });

    it("moves an activity to another month when its date changes (B-002)", async () => {
      const created = await createActivity(south.client, internalInput({ date: '2025-03-31', name: 'Month end' }));
      expect((await monthOf(south.client, '2025-03')).items.map((i) => i.id)).toContain(created.id);
      const moved = await updateActivity(south.client, created.id!, created.version!, internalInput({ date: '2025-04-01', name: 'Month end' }));
      expect(moved).toMatchObject({ __typename: 'Activity', date: '2025-04-01' });
      expect((await monthOf(south.client, '2025-03')).items.map((i) => i.id)).not.toContain(created.id);
      expect((await monthOf(south.client, '2025-04')).items.map((i) => i.id)).toContain(created.id);
    });
  });

  it('reads a month in the same number of SQL statements for 10 rows as for 500', async () => {
    const few = await signedInUser(app, { role: Role.MEMBER, defaultRegionId: domain.regions.sea });
    const many = await signedInUser(app, { role: Role.MEMBER, defaultRegionId: domain.regions.sea });
    const rows = (ownerId: string, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        ownerId,
        regionId: domain.regions.sea,
        date: `2025-07-${String((i % 28) + 1).padStart(2, '0')}`,
        type: i % 2 === 0 ? ActivityType.PRICING : ActivityType.TRAINING,
        accountId: i % 2 === 0 ? domain.multi.accountId : null,
        projectId: i % 2 === 0 ? domain.multi.projectIds[i % 4 === 0 ? 0 : 1] : null,
        effortDays: 1,
      }));
    await insertActivities(app.orm, rows(few.id, 10));
    await insertActivities(app.orm, rows(many.id, 500));
    // Warm up: the first request of a session may record its use.
    await monthOf(few.client, '2025-06');
    await monthOf(many.client, '2025-06');

    const measure = async (user: SignedInUser) => {
      const before = statementCount();
      const month = await monthOf(user.client, '2025-07');
      return { rows: month.items.length, statements: statementCount() - before };
    };
    const small = await measure(few);
    const large = await measure(many);
    expect(small.rows).toBe(10);
    expect(large.rows).toBe(500);
    expect(large.statements).toBe(small.statements);
    // The session lookup and the one list query.
    expect(small.statements).toBe(2);
  });

  it('pages the history by keyset, without duplicates or gaps while newer activities arrive', async () => {
    const owner = await signedInUser(app, { role: Role.MEMBER, defaultRegionId: domain.regions.south });
    const base = Date.parse('2025-05-01T00:00:00Z');
    // 25 activities over 5 days, five a day; some share a creation time, so the id breaks ties.
    await insertActivities(app.orm, Array.from({ length: 25 }, (_, i) => ({
      ownerId: owner.id,
      regionId: domain.regions.south,
      date: `2025-05-0${1 + (i % 5)}`,
      createdAt: new Date(base + Math.floor(i / 2) * 1000),
    })));
    const [{ ids: expected }] = await app.orm.em.fork().execute<{ ids: string[] }[]>(
      `select array_agg(id::text order by date desc, created_at desc, id desc) as ids from activity where owner_id = ?`,
      [owner.id],
    );
    const page = async (after: string | null) => (await owner.client.data<HistoryPage>(ACTIVITY_HISTORY, { first: 10, after })).activityHistory;

    const seen: string[] = [];
    let current = await page(null);
    seen.push(...current.nodes.map((n) => n.id));
    let round = 0;
    while (current.pageInfo.hasNextPage) {
      // Between pages: activities newer than the cursor (later days, and later on the cursor's own day).
      const cursorDay = current.nodes[current.nodes.length - 1].date;
      await insertActivities(app.orm, [
        { ownerId: owner.id, regionId: domain.regions.south, date: '2025-05-28', name: `Newer ${round}` },
        { ownerId: owner.id, regionId: domain.regions.south, date: cursorDay, name: `Same day, later ${round}` },
      ]);
      current = await page(current.pageInfo.endCursor);
      seen.push(...current.nodes.map((n) => n.id));
      round += 1;
    }
    expect(round).toBe(2);
    expect(seen).toEqual(expected);
    expect(current.pageInfo.hasNextPage).toBe(false);

    const fresh = await page(null);
    expect(fresh.nodes).toHaveLength(10);
    expect(fresh.nodes[0].date).toBe('2025-05-28');
  });

  it('refuses an invalid cursor and a page over the cap', async () => {
    const bad = await south.client.query(ACTIVITY_HISTORY, { first: 10, after: 'not-a-cursor' });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const forged = Buffer.from(JSON.stringify(['2025-01-01', 'yesterday', randomUUID()])).toString('base64url');
    expect((await south.client.query(ACTIVITY_HISTORY, { after: forged })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const big = await south.client.query(ACTIVITY_HISTORY, { first: app.config.graphql.maxPageSize + 1 });
    expect(big.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('bootstraps the first paint in one query and two statements (B-004)', async () => {
    const before = statementCount();
    const { bootstrap } = await south.client.data<{ bootstrap: any }>(BOOTSTRAP);
    expect(statementCount() - before).toBe(2);
    expect(bootstrap.viewer).toEqual({
      id: south.id,
      email: south.email,
      name: 'Sam South',
      role: 'MEMBER',
      regionIds: [domain.regions.south],
      defaultRegionId: domain.regions.south,
    });
    expect(bootstrap.today).toBe(new Date().toISOString().slice(0, 10));
    expect(bootstrap.regions.map((r: { name: string }) => r.name)).toEqual(['India South', 'MENA', 'SEA']);
    expect(bootstrap.industries.map((r: { name: string }) => r.name)).toEqual(['Banking', 'Retail']);
    expect(bootstrap.products.map((r: { name: string }) => r.name)).toEqual(['Agent Assist', 'Voice Bot']);
    expect(bootstrap.useCases).toEqual([
      { id: domain.useCaseIds[1], name: 'Card activation', bucket: 'SUPPORT', industryId: domain.industries.banking },
      { id: domain.useCaseIds[0], name: 'Order tracking', bucket: 'SUPPORT', industryId: null },
    ]);
    expect(bootstrap.presets.map((p: { scope: string }) => p.scope)).toEqual(['MINE', 'REGION', 'ALL']);
    expect(bootstrap.defaultPresetId).toBe('mine');

    // The last logged date follows the user's saves (B-003).
    const lastLogged = (await south.client.data<{ bootstrap: any }>(BOOTSTRAP)).bootstrap;
    expect(lastLogged.defaultActivityDate).toBe(lastLogged.lastLoggedDate ?? lastLogged.today);
    await createActivity(south.client, internalInput({ date: '2025-08-08' }));
    const after = (await south.client.data<{ bootstrap: any }>(BOOTSTRAP)).bootstrap;
    expect(after).toMatchObject({ lastLoggedDate: '2025-08-08', defaultActivityDate: '2025-08-08' });

    const leader = await signedInUser(app, { role: Role.LEADER });
    const leaderView = (await leader.client.data<{ bootstrap: any }>(BOOTSTRAP)).bootstrap;
    expect(leaderView).toMatchObject({ lastLoggedDate: null, defaultActivityDate: leaderView.today, defaultPresetId: 'all' });
    expect(leaderView.presets.map((p: { id: string }) => p.id)).toEqual(['mine', 'all']);
  });
});
