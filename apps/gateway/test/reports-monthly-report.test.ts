import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createMonthlyWorld, MONTH, MONTHLY_REPORT, type MonthlyWorld } from './support/monthly-fixtures.js';
import type { SignedInUser } from './support/domain-fixtures.js';

let app: TestApp;
let w: MonthlyWorld;

async function report(user: SignedInUser, from = MONTH, to?: string) {
  return (await user.client.data(MONTHLY_REPORT, { from, to })).monthlyReport;
}

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await app.orm.em.fork().getConnection().execute(text, params)) as T[];
}

/** March 2026's activities straight from the activity table, optionally narrowed (`a` is the activity). */
const MARCH = `a.deleted_at is null and a.date >= '2026-03-01' and a.date < '2026-04-01'`;

beforeAll(async () => {
  app = await startTestApp();
  w = await createMonthlyWorld(app);
});

afterAll(async () => {
  await app?.close();
});

describe('monthlyReport', () => {
  it('equals raw SQL over the activity table for the month', async () => {
    const r = await report(w.leader);
    const [totals] = await sql<Record<string, number>>(`select count(*)::int as n,
        count(*) filter (where category = 'EXTERNAL')::int as ext, count(*) filter (where category = 'INTERNAL')::int as int,
        sum(coalesce(effort_days, 0))::int as days, sum(coalesce(effort_half_hours, 0))::float / 2 as hours,
        count(distinct account_id)::int as accounts
      from activity a where ${MARCH}`);
    expect(totals.n).toBeGreaterThan(100);
    expect(r.summary).toEqual({
      activities: totals.n, external: totals.ext, internal: totals.int, effortDays: totals.days, effortHours: totals.hours,
      accountsTouched: totals.accounts, wins: 8, losses: 1, wonMrr: 44000, winRate: 8 / 9,
    });
    expect(r.scope).toEqual({ allRegions: true, regionNames: [] });

    const byType = await sql<{ type: string; n: number }>(`select type, count(*)::int as n from activity a where ${MARCH} group by type`);
    expect(Object.fromEntries(r.activityByType.map((row: { id: string; activityCount: number }) => [row.id, row.activityCount]))).toEqual(
      Object.fromEntries(byType.map((row) => [row.type, row.n])),
    );
    const calls = await sql<{ call_type: string; n: number }>(`select call_type, count(*)::int as n from activity a where ${MARCH} and type = 'CUSTOMER_CALL' group by call_type`);
    expect(Object.fromEntries(r.callTypes.map((row: { id: string; activityCount: number }) => [row.id, row.activityCount]))).toEqual(
      Object.fromEntries(calls.map((row) => [row.call_type, row.n])),
    );
    const regions = await sql<{ id: string | null; n: number; ext: number }>(
      `select region_id::text as id, count(*)::int as n, count(*) filter (where category = 'EXTERNAL')::int as ext from activity a where ${MARCH} group by region_id`,
    );
    expect(Object.fromEntries(r.regionActivity.map((row: { id: string | null; activityCount: number; external: number }) => [String(row.id), [row.activityCount, row.external]]))).toEqual(
      Object.fromEntries(regions.map((row) => [String(row.id), [row.n, row.ext]])),
    );
    const people = await sql<{ id: string; n: number; days: number }>(`select owner_id::text as id, count(*)::int as n, sum(coalesce(effort_days, 0))::int as days from activity a where ${MARCH} group by owner_id`);
    expect(Object.fromEntries(r.activityByPresalesUser.map((row: { id: string; activityCount: number; effortDays: number }) => [row.id, [row.activityCount, row.effortDays]]))).toEqual(
      Object.fromEntries(people.map((row) => [row.id, [row.n, row.days]])),
    );
    expect(r.activityByPresalesUser.find((row: { id: string }) => row.id === w.memberSouth.id).label).toBe('Sam South');
  });

  it('counts missing CRM links by region and by sales rep as the tables say', async () => {
    const r = await report(w.leader);
    const missing = `from activity a left join project p on p.id = a.project_id left join account acc on acc.id = a.account_id
      where ${MARCH} and a.category = 'EXTERNAL' and coalesce(case when a.project_id is not null then p.crm_link else acc.crm_link end, '') = ''`;
    const byRegion = await sql<{ id: string | null; n: number; records: number }>(
      `select a.region_id::text as id, count(*)::int as n, count(distinct coalesce(a.project_id, a.account_id))::int as records ${missing} group by a.region_id`,
    );
    const byRep = await sql<{ id: string | null; n: number; records: number }>(
      `select acc.sales_rep_id::text as id, count(*)::int as n, count(distinct coalesce(a.project_id, a.account_id))::int as records ${missing} group by acc.sales_rep_id`,
    );
    const shape = (rows: { id: string | null; activities: number; records: number }[]) => Object.fromEntries(rows.map((x) => [String(x.id), [x.activities, x.records]]));
    expect(shape(r.missingCrmLinksByRegion)).toEqual(Object.fromEntries(byRegion.map((x) => [String(x.id), [x.n, x.records]])));
    expect(shape(r.missingCrmLinksBySalesRep)).toEqual(Object.fromEntries(byRep.map((x) => [String(x.id), [x.n, x.records]])));
    // The Chatbot project and the SEA account (without a project) have links: they are never counted.
    const [linked] = await sql<{ n: number }>(`select count(*)::int as n from activity a where ${MARCH} and (a.project_id = ? or (a.account_id = ? and a.project_id is null))`, [
      w.f.multi.projectIds[0], w.seaAccountId,
    ]);
    expect(linked.n).toBeGreaterThan(0);
    const total = r.missingCrmLinksByRegion.reduce((sum: number, x: { activities: number }) => sum + x.activities, 0);
    const [external] = await sql<{ n: number }>(`select count(*)::int as n from activity a where ${MARCH} and category = 'EXTERNAL'`);
    expect(total).toBeLessThan(external.n);
    expect(r.missingCrmLinksBySalesRep.map((x: { label: string }) => x.label)).toContain('Rep One');
  });

  it("holds only a manager's regions: activities by the activity's region, wins by the account's", async () => {
    const r = await report(w.managerSouth);
    const south = w.f.regions.south;
    const [totals] = await sql<{ n: number; accounts: number }>(`select count(*)::int as n, count(distinct account_id)::int as accounts from activity a where ${MARCH} and region_id = ?`, [south]);
    expect(r.scope).toEqual({ allRegions: false, regionNames: ['India South'] });
    expect(r.summary).toMatchObject({ activities: totals.n, accountsTouched: totals.accounts, wins: 5, losses: 1, wonMrr: 26000 });
    expect(r.regionActivity.map((row: { id: string }) => row.id)).toEqual([south]);
    expect(r.missingCrmLinksByRegion.map((row: { id: string }) => row.id)).toEqual([south]);
    expect(r.winsAndLosses.map((o: { regionName: string }) => o.regionName)).toEqual(Array(6).fill('India South'));
    expect(r.winCards.every((c: { manual: boolean; regionName: string }) => c.manual || c.regionName === 'India South')).toBe(true);
    const [people] = await sql<{ ids: string[] }>(`select array_agg(distinct owner_id::text) as ids from activity a where ${MARCH} and region_id = ?`, [south]);
    expect(r.activityByPresalesUser.map((row: { id: string }) => row.id).sort()).toEqual([...people.ids].sort());
    // A member of SEA: their regions' figures (and their own activities).
    const sea = await report(w.memberSea);
    expect(sea.summary).toMatchObject({ wins: 3, losses: 0, wonMrr: 18000 });
  });

  it('covers a range of months and refuses bad months', async () => {
    const r = await report(w.leader, '2026-02', '2026-04');
    const [n] = await sql<{ n: number }>(`select count(*)::int as n from activity a where a.deleted_at is null and a.date >= '2026-02-01' and a.date < '2026-05-01'`);
    expect(r.summary).toMatchObject({ activities: n.n, wins: 9, losses: 1 });
    const bad = await w.leader.client.query(MONTHLY_REPORT, { from: '2026-04', to: '2026-02' });
    expect(bad.errors?.[0]).toMatchObject({ message: '"from" (2026-04) is after "to" (2026-02).', extensions: { code: 'BAD_USER_INPUT' } });
    const unsigned = await app.client().query(MONTHLY_REPORT, { from: MONTH });
    expect(unsigned.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
