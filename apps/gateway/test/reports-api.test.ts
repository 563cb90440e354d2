import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outcome, Project } from '@pams/server-accounts';
import { User } from '@pams/server-identity';
import { ActivityType, Currency, OutcomeResult, ProjectStatus, Role } from '@pams/shared-util';
import { createDomainFixture, insertActivities, signedInUser, type DomainFixture, type SignedInUser } from './support/domain-fixtures.js';
import { asSystem } from './support/identity-fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const REPORT = `query Report($input: ActivityReportInput!) {
  activityReport(input: $input) {
    from to groupBy rowCount source asOf
    rows { keys { dimension id label } activityCount effortDays effortHours accountCount }
    totals { activityCount effortDays effortHours accountCount }
  }
}`;

interface Report {
  rowCount: number;
  source: string;
  asOf: string;
  rows: { keys: { dimension: string; id: string | null; label: string }[]; activityCount: number; effortDays: number; effortHours: number; accountCount: number | null }[];
  totals: { activityCount: number; effortDays: number; effortHours: number; accountCount: number | null };
}

let app: TestApp;
let f: DomainFixture;
let leader: SignedInUser;
let managerSouth: SignedInUser;
let memberSouth: SignedInUser;
let memberSea: SignedInUser;
let analystToken: string;

async function report(user: SignedInUser, input: Record<string, unknown>): Promise<Report> {
  return (await user.client.data<{ activityReport: Report }>(REPORT, { input })).activityReport;
}

/** The same figures straight from the activity table: what every report must equal. */
async function raw(groupSql: string, where = 'true'): Promise<{ key: string | null; n: number; days: number; hours: number }[]> {
  const rows = (await app.orm.em.fork().getConnection().execute(
    `select ${groupSql} as key, count(*)::int as n, sum(coalesce(a.effort_days, 0))::int as days, sum(coalesce(a.effort_half_hours, 0))::float / 2 as hours
       from activity a left join account acc on acc.id = a.account_id left join project p on p.id = a.project_id
      where a.deleted_at is null and a.date >= '2026-01-01' and a.date < '2026-04-01' and ${where}
      group by 1`,
  )) as { key: string | null; n: number; days: number; hours: number }[];
  return rows.sort((x, y) => String(x.key).localeCompare(String(y.key)));
}

function byKey(r: Report): { key: string | null; n: number; days: number; hours: number }[] {
  return r.rows
    .map((row) => ({ key: row.keys[0].id, n: row.activityCount, days: row.effortDays, hours: row.effortHours }))
    .sort((x, y) => String(x.key).localeCompare(String(y.key)));
}

beforeAll(async () => {
  app = await startTestApp();
  f = await createDomainFixture(app.orm);
  leader = await signedInUser(app, { role: Role.LEADER, name: 'Lea Leader' });
  managerSouth = await signedInUser(app, { role: Role.MANAGER, regionIds: [f.regions.south], name: 'Mona Manager' });
  memberSouth = await signedInUser(app, { role: Role.MEMBER, regionIds: [f.regions.south], name: 'Sam South' });
  memberSea = await signedInUser(app, { role: Role.MEMBER, regionIds: [f.regions.sea], name: 'Sid Sea' });
  const analyst = await signedInUser(app, { role: Role.ANALYST });
  const created = await analyst.client.data(`mutation { createAccessToken(name: "nb", expiresInDays: 7) { ... on AccessTokenCreated { token } } }`);
  analystToken = created.createAccessToken.token;

  const rows = [];
  for (let i = 0; i < 60; i++) {
    const owner = [memberSouth, memberSea, managerSouth][i % 3];
    const regionId = owner === memberSea ? f.regions.sea : f.regions.south;
    const external = i % 2 === 0;
    const target = [f.solo, { accountId: f.multi.accountId, projectId: f.multi.projectIds[i % 2] }][i % 4 === 0 ? 0 : 1];
    rows.push({
      ownerId: owner.id,
      regionId,
      date: `2026-0${1 + (i % 3)}-${String(1 + (i % 27)).padStart(2, '0')}`,
      type: external ? [ActivityType.SOW, ActivityType.PRICING, ActivityType.EXTERNAL_OTHER][i % 3] : [ActivityType.TRAINING, ActivityType.INTERNAL_MEETING][Math.floor(i / 2) % 2],
      accountId: external ? target.accountId : null,
      projectId: external ? target.projectId : null,
      effortDays: i % 5 === 0 ? 1 : null,
      effortHalfHours: i % 5 === 0 ? null : 1 + (i % 6),
    });
  }
  // One outside the range, one in another year: never counted below.
  rows.push({ ownerId: memberSouth.id, regionId: f.regions.south, date: '2025-12-31' }, { ownerId: memberSouth.id, regionId: f.regions.south, date: '2026-04-01' });
  await insertActivities(app.orm, rows);
});

afterAll(async () => {
  await app?.close();
});

describe('activityReport', () => {
  const range = { from: '2026-01', to: '2026-03' };

  it('answers by type from the small region rollup, equal to the activity table', async () => {
    const r = await report(leader, { ...range, groupBy: ['TYPE'] });
    expect(r.source).toBe('REGION_ROLLUP');
    expect(byKey(r)).toEqual(await raw('a.type'));
    expect(r.totals.activityCount).toBe(60);
    expect(r.rows.find((row) => row.keys[0].id === 'SOW')?.keys[0].label).toBe('SOW');
    expect(Date.parse(r.asOf)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('groups by industry, sales rep and use case from their classification rollups, anything finer from the detailed one', async () => {
    const industry = await report(leader, { ...range, groupBy: ['INDUSTRY'] });
    expect(industry.source).toBe('INDUSTRY_ROLLUP');
    expect(byKey(industry)).toEqual(await raw('acc.industry_id::text'));
    expect(industry.rows.map((row) => row.keys[0].label).sort()).toEqual(['Banking', 'No industry', 'Retail']);
    const reps = await report(leader, { ...range, groupBy: ['SALES_REP'], filter: { categories: ['EXTERNAL'] } });
    expect(reps.source).toBe('SALES_REP_ROLLUP');
    expect(byKey(reps)).toEqual(await raw('acc.sales_rep_id::text', `a.category = 'EXTERNAL'`));
    const useCases = await report(managerSouth, { ...range, groupBy: ['USE_CASE'], orderBy: 'KEY' });
    expect(useCases.source).toBe('USE_CASE_ROLLUP');
    expect(byKey(useCases)).toEqual(await raw('p.primary_use_case_id::text', `a.region_id = '${f.regions.south}'`));
    // Filtering by one classification and grouping by month or region stays on its rollup.
    const banking = await report(leader, { ...range, groupBy: ['MONTH'], filter: { industryIds: [f.industries.banking] } });
    expect(banking.source).toBe('INDUSTRY_ROLLUP');
    expect(byKey(banking)).toEqual(await raw(`to_char(a.date, 'YYYY-MM')`, `acc.industry_id = '${f.industries.banking}'`));
    // Industry by type, or industry by sales rep, needs the detailed rollup; the answer is the same table's.
    const byType = await report(leader, { ...range, groupBy: ['INDUSTRY'], filter: { types: ['SOW'] } });
    expect(byType.source).toBe('DETAIL_ROLLUP');
    expect(byKey(byType)).toEqual(await raw('acc.industry_id::text', `a.type = 'SOW'`));
    expect((await report(leader, { ...range, groupBy: ['INDUSTRY', 'SALES_REP'] })).source).toBe('DETAIL_ROLLUP');
    // A member's scope reads owners: the detailed rollup.
    expect((await report(memberSouth, { ...range, groupBy: ['INDUSTRY'] })).source).toBe('DETAIL_ROLLUP');
    expect(byKey(await report(leader, { ...range, groupBy: ['OWNER'] }))).toEqual(await raw('a.owner_id::text'));
    const accounts = await report(leader, { ...range, groupBy: ['REGION'], countAccounts: true });
    expect(accounts.totals.accountCount).toBe(2);
  });

  it('groups by two dimensions with totals over every row, and limits rows', async () => {
    const r = await report(leader, { ...range, groupBy: ['MONTH', 'CATEGORY'], orderBy: 'KEY' });
    expect(r.rows.map((row) => row.keys.map((k) => k.id).join(' '))).toEqual([
      '2026-01 EXTERNAL', '2026-01 INTERNAL', '2026-02 EXTERNAL', '2026-02 INTERNAL', '2026-03 EXTERNAL', '2026-03 INTERNAL',
    ]);
    const top = await report(leader, { ...range, groupBy: ['TYPE'], limit: 2 });
    expect(top.rows).toHaveLength(2);
    expect(top.rowCount).toBe(5);
    expect(top.rows[0].activityCount).toBeGreaterThanOrEqual(top.rows[1].activityCount);
    expect(top.totals.activityCount).toBe(60);
  });

  it('shows a manager only their regions and refuses another region by name', async () => {
    const r = await report(managerSouth, { ...range, groupBy: ['REGION'] });
    expect(r.rows.map((row) => row.keys[0].id)).toEqual([f.regions.south]);
    const refused = await managerSouth.client.query(REPORT, { input: { ...range, groupBy: ['REGION'], filter: { regionIds: [f.regions.sea] } } });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0].message).toContain(f.regions.sea);
  });

  it("shows a member their regions' totals but per-person rows only for themselves", async () => {
    const totals = await report(memberSouth, { ...range, groupBy: [] });
    expect(totals.totals.activityCount).toBe((await raw('1', `a.region_id = '${f.regions.south}'`))[0].n);
    const people = await report(memberSouth, { ...range, groupBy: ['OWNER'] });
    expect(people.rows.map((row) => row.keys[0].id)).toEqual([memberSouth.id]);
    expect(people.rows[0].keys[0].label).toBe('Sam South');
  });

  it('reads with an analyst token, which may not save presets', async () => {
    const client = app.client();
    client.bearer = analystToken;
    const r = await client.data<{ activityReport: Report }>(REPORT, { input: { ...range, groupBy: ['CATEGORY'] } });
    expect(r.activityReport.totals.activityCount).toBe(60);
    const write = await client.query(`mutation { saveReportPreset(input: { name: "x", visibility: PERSONAL, definition: { lastMonths: 3, groupBy: [TYPE] } }) { __typename } }`);
    expect(write.errors?.[0].extensions?.code).toBe('READ_ONLY_TOKEN');
  });

  it.each([
    [{ from: '2026-13', to: '2026-03', groupBy: [] }, '"from" must be a month as YYYY-MM, not "2026-13".'],
    [{ from: '2026-04', to: '2026-03', groupBy: [] }, '"from" (2026-04) is after "to" (2026-03).'],
    [{ from: '2019-01', to: '2026-03', groupBy: [] }, '"from" must be between 2020-01 and 2050-12.'],
    [{ ...range, groupBy: ['TYPE', 'MONTH', 'REGION', 'OWNER'] }, '"groupBy" takes at most 3 dimensions.'],
    [{ ...range, groupBy: ['TYPE', 'TYPE'] }, '"groupBy" names a dimension twice.'],
    [{ ...range, groupBy: [], limit: 0 }, '"limit" must be between 1 and 5000.'],
    [{ ...range, groupBy: [], filter: { ownerIds: ['nope'] } }, '"filter.ownerIds" holds "nope", which is not an id.'],
  ])('refuses bad input with a clear message: %j', async (input, message) => {
    const result = await leader.client.query(REPORT, { input });
    expect(result.errors?.[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
    expect(result.data).toBeNull();
  });
});

const PRESET_FIELDS = `id version name visibility regionId ownerName editable definition { lastMonths from to groupBy chart limit filter { types } }`;
const SAVE = `mutation Save($input: SaveReportPresetInput!) {
  saveReportPreset(input: $input) {
    __typename
    ... on ReportPreset { ${PRESET_FIELDS} }
    ... on PresetVersionConflict { message current { id version name } }
    ... on ValidationFailed { fields { field code message } }
    ... on UserError { message }
  }
}`;
const LIST = `{ reportPresets { ${PRESET_FIELDS} } }`;
const DELETE = `mutation($id: ID!, $v: Int!) { deleteReportPreset(id: $id, expectedVersion: $v) { __typename ... on UserError { message } } }`;

describe('report presets', () => {
  const definition = { lastMonths: 3, groupBy: ['TYPE'], chart: 'BAR', filter: { types: ['SOW'] } };

  it('saves a personal preset, refuses a stale change, and keeps it to its owner', async () => {
    const saved = (await memberSouth.client.data(SAVE, { input: { name: 'My calls', visibility: 'PERSONAL', definition } })).saveReportPreset;
    expect(saved).toMatchObject({ __typename: 'ReportPreset', name: 'My calls', editable: true, definition: { lastMonths: 3, chart: 'BAR', filter: { types: ['SOW'] } } });
    const renamed = (await memberSouth.client.data(SAVE, { input: { id: saved.id, expectedVersion: saved.version, name: 'Calls', visibility: 'PERSONAL', definition } })).saveReportPreset;
    expect(renamed).toMatchObject({ name: 'Calls', version: saved.version + 1 });
    const stale = (await memberSouth.client.data(SAVE, { input: { id: saved.id, expectedVersion: saved.version, name: 'Lost?', visibility: 'PERSONAL', definition } })).saveReportPreset;
    expect(stale).toMatchObject({ __typename: 'PresetVersionConflict', current: { name: 'Calls' } });
    expect((await memberSea.client.data(LIST)).reportPresets).toEqual([]);
    const foreign = (await memberSea.client.data(DELETE, { id: saved.id, v: renamed.version })).deleteReportPreset;
    expect(foreign.__typename).toBe('NotFound');
    const audit = (await app.orm.em.fork().getConnection().execute(`select action from audit_event where entity_type = 'ReportPreset' and entity_id = ? order by id`, [saved.id])) as { action: string }[];
    expect(audit.map((e) => e.action)).toEqual(['ReportPreset.created', 'ReportPreset.updated']);
  });

  it('shares with a region: managers their own regions only; members of that region see it read-only', async () => {
    const shared = (await managerSouth.client.data(SAVE, { input: { name: 'South monthly', visibility: 'REGION', regionId: f.regions.south, definition } })).saveReportPreset;
    expect(shared.__typename).toBe('ReportPreset');
    const elsewhere = (await managerSouth.client.data(SAVE, { input: { name: 'SEA', visibility: 'REGION', regionId: f.regions.sea, definition } })).saveReportPreset;
    expect(elsewhere.__typename).toBe('Forbidden');
    const memberShare = (await memberSouth.client.data(SAVE, { input: { name: 'Mine to all', visibility: 'REGION', regionId: f.regions.south, definition } })).saveReportPreset;
    expect(memberShare.__typename).toBe('Forbidden');
    const seen = (await memberSouth.client.data(LIST)).reportPresets.find((p: { id: string }) => p.id === shared.id);
    expect(seen).toMatchObject({ editable: false, ownerName: 'Mona Manager' });
    expect((await memberSea.client.data(LIST)).reportPresets.map((p: { id: string }) => p.id)).not.toContain(shared.id);
    expect((await memberSouth.client.data(DELETE, { id: shared.id, v: shared.version })).deleteReportPreset.__typename).toBe('Forbidden');
    expect((await managerSouth.client.data(DELETE, { id: shared.id, v: shared.version })).deleteReportPreset.__typename).toBe('Done');
  });

  it('names every field that is wrong', async () => {
    const result = (await memberSouth.client.data(SAVE, {
      input: { name: ' ', visibility: 'REGION', definition: { from: '2026-05', to: '2026-01', groupBy: ['TYPE', 'TYPE'], filter: { ownerIds: ['x'] }, limit: 0 } },
    })).saveReportPreset;
    expect(result.__typename).toBe('ValidationFailed');
    expect(result.fields.map((e: { field: string }) => e.field).sort()).toEqual(['definition.filter.ownerIds', 'definition.from', 'definition.groupBy', 'definition.limit', 'name', 'regionId']);
  });

  it('keeps a top N: the limit is stored with the definition, and a preset without one reads null', async () => {
    const top = (await memberSouth.client.data(SAVE, { input: { name: 'Top 10 reps', visibility: 'PERSONAL', definition: { lastMonths: 1, groupBy: ['SALES_REP'], limit: 10 } } })).saveReportPreset;
    expect(top).toMatchObject({ __typename: 'ReportPreset', definition: { groupBy: ['SALES_REP'], limit: 10 } });
    const plain = (await memberSouth.client.data(SAVE, { input: { name: 'Plain', visibility: 'PERSONAL', definition: { lastMonths: 1, groupBy: ['TYPE'] } } })).saveReportPreset;
    expect(plain.definition.limit).toBeNull();
    const tooMany = (await memberSouth.client.data(SAVE, { input: { name: 'All', visibility: 'PERSONAL', definition: { lastMonths: 1, groupBy: ['TYPE'], limit: 5001 } } })).saveReportPreset;
    expect(tooMany.fields).toEqual([{ field: 'definition.limit', code: 'INVALID', message: '"limit" must be between 1 and 5,000.' }]);
  });
});

describe('outcomeReport', () => {
  it('counts wins and losses by month of win with MRR in the reporting currency and effort per win', async () => {
    await asSystem(async () => {
      const em = app.orm.em.fork();
      const solo = await em.findOneOrFail(Project, f.solo.projectId);
      const lost = await em.findOneOrFail(Project, f.multi.projectIds[0]);
      solo.status = ProjectStatus.WON;
      lost.status = ProjectStatus.LOST;
      em.create(Outcome, { project: solo, result: OutcomeResult.WON, month: '2026-02-01', crmLink: 'https://crm.test/1', reason: 'Fit', mrrAmount: '1000.00', currency: Currency.USD, rate: '1.00000000', oneTimeValue: '500.00', wonBy: em.getReference(User, memberSouth.id) });
      em.create(Outcome, { project: lost, result: OutcomeResult.LOST, month: '2026-03-01', crmLink: 'https://crm.test/2', reason: 'Price', mrrAmount: '83000.00', currency: Currency.INR, rate: '0.01200000' });
      await em.flush();
    });
    const result = await leader.client.data(`query($input: OutcomeReportInput!) { outcomeReport(input: $input) {
      totals { won lost winRate wonMrr lostMrr wonOneTime wonActivities activitiesPerWin }
      rows { keys { dimension id label } won lost winRate }
      outcomes { result projectName mrrReporting wonByName }
    } }`, { input: { from: '2026-01', to: '2026-03', groupBy: ['INDUSTRY'] } });
    const soloActivities = (await raw('1', `a.project_id = '${f.solo.projectId}'`))[0].n;
    expect(result.outcomeReport.totals).toEqual({ won: 1, lost: 1, winRate: 0.5, wonMrr: 1000, lostMrr: 996, wonOneTime: 500, wonActivities: soloActivities, activitiesPerWin: soloActivities });
    expect(result.outcomeReport.rows).toEqual([
      { keys: [{ dimension: 'INDUSTRY', id: f.industries.banking, label: 'Banking' }], won: 0, lost: 1, winRate: 0 },
      { keys: [{ dimension: 'INDUSTRY', id: f.industries.retail, label: 'Retail' }], won: 1, lost: 0, winRate: 1 },
    ]);
    expect(result.outcomeReport.outcomes[0]).toEqual({ result: 'WON', projectName: 'Solo rollout', mrrReporting: 1000, wonByName: 'Sam South' });
    // The sales rep of both accounts is in India South: nothing for SEA's member.
    const sea = await memberSea.client.data(`query { outcomeReport(input: { from: "2026-01", to: "2026-03", groupBy: [] }) { totals { won lost } } }`);
    expect(sea.outcomeReport.totals).toEqual({ won: 0, lost: 0 });
  });
});
