import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Account, Project } from '@pams/server-accounts';
import { User } from '@pams/server-identity';
import { Industry, UseCase } from '@pams/server-reference';
import { MonthlyReportOverride, PresetVisibility, ReportPreset } from '@pams/server-reports';
import { ActivityType, Role, UseCaseBucket } from '@pams/shared-util';
import { createDomainFixture, insertActivities, signedInUser, type DomainFixture, type SignedInUser } from './support/domain-fixtures.js';
import { asSystem } from './support/identity-fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const RECORD = 'id name active version bucket industryId';
const MERGE = 'id version kind baseId mergedIds name undoneAt counts { accounts industryUseCases primaryUseCases secondaryUseCaseProjects secondaryUseCaseLinks monthlyReportOverrides reportPresets }';
const ERRORS = `... on UserError { message }
  ... on ValidationFailed { fields { field code } }
  ... on ReferenceMergeBlocked { blockers { code ids message } }
  ... on ReferenceRecordsVersionConflict { current { ${RECORD} } }`;

const PREVIEW = `query Preview($input: ReferenceMergeInput!) {
  referenceMergePreview(input: $input) {
    __typename
    ... on ReferenceMergePreview {
      kind renamedIds base { ${RECORD} } merged { ${RECORD} }
      counts { accounts industryUseCases primaryUseCases secondaryUseCaseProjects secondaryUseCaseLinks monthlyReportOverrides reportPresets }
      blockers { code ids message }
    }
    ... on ValidationFailed { message fields { field code } }
  }
}`;

const MERGE_REFERENCES = `mutation Merge($input: ReferenceMergeInput!, $expectedVersions: [RecordVersionInput!]!) {
  mergeReferences(input: $input, expectedVersions: $expectedVersions) { __typename ... on ReferenceMerge { ${MERGE} } ${ERRORS} }
}`;

const UNDO = `mutation Undo($id: ID!, $expectedVersion: Int!) {
  undoReferenceMerge(id: $id, expectedVersion: $expectedVersion) {
    __typename
    ... on ReferenceMerge { ${MERGE} }
    ... on UserError { message }
    ... on ReferenceMergeChangedSince { rows { entityType id label versionAfterMerge currentVersion } }
  }
}`;

const REPORT = `query Report($input: ActivityReportInput!) {
  activityReport(input: $input) { source rows { keys { id } activityCount effortDays effortHours } totals { activityCount } }
}`;

let app: TestApp;
let f: DomainFixture;
let admin: SignedInUser;
let manager: SignedInUser;
let leader: SignedInUser;

/** Named rows of the test world. */
const w = {
  ecommerce: '',
  ecommerce2: '',
  shopAccounts: [] as string[],
  retailChatbot: '',
  shopChatbot: '',
  returns: '',
  orderStatus: '',
  trackOrder: '',
  override: '',
  industryPreset: '',
  useCasePreset: '',
};

const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T[]>(query, params);

/** Every column that references an industry or a use case, and the records' own fields: what undo must give back. */
async function dump(): Promise<string[]> {
  const rows = await sql<{ line: string }>(`
    select concat_ws(' ', 'account', id, industry_id) as line from account
    union all select concat_ws(' ', 'project', id, primary_use_case_id) from project
    union all select concat_ws(' ', 'secondary', project_id, use_case_id) from project_secondary_use_case
    union all select concat_ws(' ', 'use_case', id, name, bucket, industry_id, active) from use_case
    union all select concat_ws(' ', 'industry', id, name, active) from industry
    union all select concat_ws(' ', 'override', id, featured_use_case_ids::text) from monthly_report_override
    union all select concat_ws(' ', 'preset', id, definition::text) from report_preset`);
  return rows.map((r) => r.line).sort();
}

async function preview(user: SignedInUser, input: Record<string, unknown>) {
  return (await user.client.data(PREVIEW, { input })).referenceMergePreview;
}

async function merge(input: Record<string, unknown>, expectedVersions: { id: string; version: number }[]) {
  return (await admin.client.data(MERGE_REFERENCES, { input, expectedVersions })).mergeReferences;
}

async function undo(id: string, expectedVersion: number) {
  return (await admin.client.data(UNDO, { id, expectedVersion })).undoReferenceMerge;
}

async function versionsOf(kind: 'INDUSTRY' | 'USE_CASE', ids: string[]) {
  const table = kind === 'INDUSTRY' ? 'industry' : 'use_case';
  return sql<{ id: string; version: number }>(`select id::text, version from ${table} where id = any(?::uuid[])`, [`{${ids.join(',')}}`]);
}

/** The report by `dimension` as the API answers it, beside the same sums from the activity table. */
async function reportAndRaw(dimension: 'INDUSTRY' | 'USE_CASE') {
  const input = { from: '2026-10', to: '2026-11', groupBy: [dimension] };
  const { activityReport } = await leader.client.data(REPORT, { input });
  const api = activityReport.rows
    .map((r: { keys: { id: string | null }[]; activityCount: number; effortDays: number; effortHours: number }) => `${r.keys[0].id} ${r.activityCount} ${r.effortDays} ${r.effortHours}`)
    .sort();
  const join = dimension === 'INDUSTRY' ? 'left join account c on c.id = a.account_id' : 'left join project c on c.id = a.project_id';
  const key = dimension === 'INDUSTRY' ? 'c.industry_id' : 'c.primary_use_case_id';
  const raw = (
    await sql<{ line: string }>(
      `select concat_ws(' ', coalesce(${key}::text, 'null'), count(*), sum(coalesce(a.effort_days, 0)), (sum(coalesce(a.effort_half_hours, 0))::float / 2)::text) as line
         from activity a ${join} where a.deleted_at is null and a.date between '2026-10-01' and '2026-11-30' group by ${key}`,
    )
  ).map((r) => r.line).sort();
  return { api, raw, source: activityReport.source as string };
}

beforeAll(async () => {
  app = await startTestApp();
  f = await createDomainFixture(app.orm);
  admin = await signedInUser(app, { role: Role.ADMIN });
  manager = await signedInUser(app, { role: Role.MANAGER, regionIds: [f.regions.south] });
  leader = await signedInUser(app, { role: Role.LEADER });
  const owner = await signedInUser(app, { role: Role.MEMBER, regionIds: [f.regions.south], defaultRegionId: f.regions.south });
  await asSystem(async () => {
    const em = app.orm.em.fork();
    const retail = em.getReference(Industry, f.industries.retail);
    const ecommerce = em.create(Industry, { name: 'E-commerce' });
    const ecommerce2 = em.create(Industry, { name: 'Ecommerce' });
    const shops = [
      em.create(Account, { name: 'Shop A', industry: ecommerce }),
      em.create(Account, { name: 'Shop B', industry: ecommerce }),
      em.create(Account, { name: 'Shop C', industry: ecommerce2 }),
    ];
    const retailChatbot = em.create(UseCase, { name: 'Chatbot', bucket: UseCaseBucket.SUPPORT, industry: retail });
    const shopChatbot = em.create(UseCase, { name: 'Chatbot', bucket: UseCaseBucket.COMMERCE, industry: ecommerce });
    const returns = em.create(UseCase, { name: 'Returns', bucket: UseCaseBucket.SUPPORT, industry: ecommerce2 });
    const orderTracking = em.getReference(UseCase, f.useCaseIds[0]);
    const cardActivation = em.getReference(UseCase, f.useCaseIds[1]);
    const orderStatus = em.create(UseCase, { name: 'Order status', bucket: UseCaseBucket.SUPPORT });
    const trackOrder = em.create(UseCase, { name: 'Track order', bucket: UseCaseBucket.OTHER, industry: retail });

    const solo = await em.findOneOrFail(Project, f.solo.projectId, { populate: ['secondaryUseCases'] });
    solo.primaryUseCase = orderStatus;
    solo.secondaryUseCases.set([orderTracking, orderStatus]);
    const [chat, voice] = await em.find(Project, { id: { $in: f.multi.projectIds } }, { orderBy: { name: 'asc' }, populate: ['secondaryUseCases'] });
    chat.primaryUseCase = trackOrder;
    chat.secondaryUseCases.set([trackOrder, cardActivation]);
    voice.primaryUseCase = orderTracking;
    const shopProject = em.create(Project, { account: shops[0], name: 'Shop bot', primaryUseCase: returns });

    const override = em.create(MonthlyReportOverride, { month: '2026-11-01', featuredUseCaseIds: [trackOrder.id, orderTracking.id, cardActivation.id] });
    const definition = (filter: Record<string, unknown>) => ({ from: '2026-10', to: '2026-11', lastMonths: null, groupBy: ['INDUSTRY'], filter, orderBy: null, countAccounts: false, chart: 'TABLE', limit: null });
    const industryPreset = em.create(ReportPreset, {
      owner: em.getReference(User, admin.id),
      name: 'Shops',
      visibility: PresetVisibility.PERSONAL,
      definition: definition({ industryIds: [ecommerce2.id, f.industries.banking], useCaseIds: null }),
    });
    const useCasePreset = em.create(ReportPreset, {
      owner: em.getReference(User, admin.id),
      name: 'Tracking',
      visibility: PresetVisibility.PERSONAL,
      definition: definition({ industryIds: null, useCaseIds: [orderStatus.id, trackOrder.id, orderTracking.id] }),
    });
    await em.flush();
    Object.assign(w, {
      ecommerce: ecommerce.id,
      ecommerce2: ecommerce2.id,
      shopAccounts: shops.map((s) => s.id),
      retailChatbot: retailChatbot.id,
      shopChatbot: shopChatbot.id,
      returns: returns.id,
      orderStatus: orderStatus.id,
      trackOrder: trackOrder.id,
      override: override.id,
      industryPreset: industryPreset.id,
      useCasePreset: useCasePreset.id,
    });
    const targets = [
      { accountId: f.solo.accountId, projectId: f.solo.projectId },
      { accountId: f.multi.accountId, projectId: chat.id },
      { accountId: f.multi.accountId, projectId: voice.id },
      { accountId: shops[0].id, projectId: shopProject.id },
      { accountId: shops[1].id, projectId: null },
      { accountId: shops[2].id, projectId: null },
      { accountId: f.bare.accountId, projectId: null },
    ];
    await insertActivities(
      app.orm,
      targets.flatMap((t, i) =>
        ['2026-10-05', '2026-11-12', '2026-11-20'].slice(0, 1 + (i % 3)).map((date, j) => ({
          ownerId: owner.id,
          regionId: f.regions.south,
          date,
          type: ActivityType.PRICING,
          ...t,
          effortDays: j === 0 ? 1 + i : null,
          effortHalfHours: j === 0 ? null : 3 + i,
        })),
      ),
    );
  });
  // Fold the deltas in: the merge must move figures already in the rollups, not only the delta.
  await sql('select pams_activity_rollup_compact()');
});
afterAll(() => app?.close());

const industryMerge = () => ({ kind: 'INDUSTRY', ids: [f.industries.retail, w.ecommerce, w.ecommerce2], baseId: f.industries.retail, name: 'Retail & E-commerce' });

describe('reference merge: who and what input', () => {
  it('refuses non-admins (preview, merge and undo)', async () => {
    for (const user of [manager, leader]) {
      const previewed = await user.client.query(PREVIEW, { input: industryMerge() });
      expect(previewed.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const merged = await user.client.query(MERGE_REFERENCES, { input: industryMerge(), expectedVersions: [] });
      expect(merged.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const undone = await user.client.query(UNDO, { id: f.industries.retail, expectedVersion: 1 });
      expect(undone.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('answers bad input with typed errors and changes nothing', async () => {
    const before = await dump();
    const versions = (await versionsOf('INDUSTRY', industryMerge().ids)).map((v) => ({ id: v.id, version: v.version }));
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...industryMerge(), ids: [f.industries.retail] }, 'ids', 'TOO_FEW'],
      [{ ...industryMerge(), baseId: f.industries.banking }, 'baseId', 'NOT_IN_MERGE'],
      [{ ...industryMerge(), ids: [f.industries.retail, '00000000-0000-4000-8000-000000000000'] }, 'ids', 'NOT_FOUND'],
      [{ ...industryMerge(), ids: [f.industries.retail, 'not-a-uuid'] }, 'ids', 'NOT_FOUND'],
      [{ ...industryMerge(), name: '   ' }, 'name', 'REQUIRED'],
      [{ ...industryMerge(), name: 'x'.repeat(121) }, 'name', 'TOO_LONG'],
      [{ ...industryMerge(), bucket: 'SUPPORT' }, 'bucket', 'NOT_APPLICABLE'],
    ];
    for (const [input, field, code] of cases) {
      const previewed = await preview(admin, input);
      expect(previewed.__typename).toBe('ValidationFailed');
      expect(previewed.fields).toContainEqual({ field, code });
      const merged = await merge(input, versions);
      expect(merged.__typename).toBe('ValidationFailed');
      expect(merged.fields).toContainEqual({ field, code });
    }
    const stale = await merge(industryMerge(), versions.map((v) => (v.id === w.ecommerce ? { ...v, version: v.version - 1 } : v)));
    expect(stale.__typename).toBe('ReferenceRecordsVersionConflict');
    expect(stale.current.map((r: { id: string }) => r.id).sort()).toEqual(industryMerge().ids.sort());
    const missing = await merge(industryMerge(), versions.slice(1));
    expect(missing).toMatchObject({ __typename: 'ValidationFailed', fields: [{ field: 'expectedVersions', code: 'REQUIRED' }] });
    const unknownUndo = await undo('00000000-0000-4000-8000-000000000000', 1);
    expect(unknownUndo.__typename).toBe('NotFound');
    expect(await dump()).toEqual(before);
  });
});

describe('industry merge', () => {
  it('previews exact counts and names the use cases that would collide; the merge is refused until resolved', async () => {
    const p = await preview(admin, industryMerge());
    expect(p.__typename).toBe('ReferenceMergePreview');
    expect(p.counts).toEqual({ accounts: 3, industryUseCases: 2, primaryUseCases: 0, secondaryUseCaseProjects: 0, secondaryUseCaseLinks: 0, monthlyReportOverrides: 0, reportPresets: 1 });
    expect(p.base).toMatchObject({ id: f.industries.retail, name: 'Retail & E-commerce', active: true });
    expect(p.blockers).toHaveLength(1);
    expect(p.blockers[0].code).toBe('USE_CASE_NAME_CLASH');
    expect(p.blockers[0].ids.sort()).toEqual([w.retailChatbot, w.shopChatbot].sort());
    expect(p.blockers[0].message).toContain('"Chatbot"');
    const before = await dump();
    const refused = await merge(industryMerge(), [p.base, ...p.merged].map((r: { id: string; version: number }) => ({ id: r.id, version: r.version })));
    expect(refused.__typename).toBe('ReferenceMergeBlocked');
    expect(refused.blockers[0].ids.sort()).toEqual([w.retailChatbot, w.shopChatbot].sort());
    expect(await dump()).toEqual(before);
  });

  it('moves every reference in one transaction, audits each row, keeps the reports right; undo gives back everything', async () => {
    await asSystem(async () => {
      const em = app.orm.em.fork();
      (await em.findOneOrFail(UseCase, w.shopChatbot)).name = 'Shop chatbot';
      await em.flush();
    });
    const before = await dump();
    const reportBefore = await reportAndRaw('INDUSTRY');
    expect(reportBefore.api).toEqual(reportBefore.raw);

    const p = await preview(admin, industryMerge());
    expect(p.blockers).toEqual([]);
    const merged = await merge(industryMerge(), [p.base, ...p.merged].map((r: { id: string; version: number }) => ({ id: r.id, version: r.version })));
    expect(merged.__typename).toBe('ReferenceMerge');
    expect(merged.counts).toEqual(p.counts);
    expect(merged).toMatchObject({ kind: 'INDUSTRY', baseId: f.industries.retail, name: 'Retail & E-commerce', undoneAt: null });
    expect(merged.mergedIds.sort()).toEqual([w.ecommerce, w.ecommerce2].sort());

    const industries = await sql<{ id: string; name: string; active: boolean }>('select id::text, name, active from industry where id = any(?::uuid[])', [
      `{${industryMerge().ids.join(',')}}`,
    ]);
    expect(Object.fromEntries(industries.map((i) => [i.id, [i.name, i.active]]))).toEqual({
      [f.industries.retail]: ['Retail & E-commerce', true],
      [w.ecommerce]: ['E-commerce', false],
      [w.ecommerce2]: ['Ecommerce', false],
    });
    const left = await sql<{ n: number }>(
      `select (select count(*) from account where industry_id = any(?::uuid[]))::int + (select count(*) from use_case where industry_id = any(?::uuid[]))::int as n`,
      [`{${w.ecommerce},${w.ecommerce2}}`, `{${w.ecommerce},${w.ecommerce2}}`],
    );
    expect(left[0].n).toBe(0);
    const [preset] = await sql<{ definition: { filter: { industryIds: string[] } } }>('select definition from report_preset where id = ?', [w.industryPreset]);
    expect(preset.definition.filter.industryIds).toEqual([f.industries.retail, f.industries.banking]);

    const after = await reportAndRaw('INDUSTRY');
    expect(after.source).toBe('INDUSTRY_ROLLUP');
    expect(after.api).toEqual(after.raw);
    const total = (lines: string[]) => lines.reduce((n, line) => n + Number(line.split(' ')[1]), 0);
    expect(total(after.api)).toBe(total(reportBefore.api));

    const audited = await sql<{ entity_id: string; changes: { industry: { before: string; after: string } } }>(
      `select entity_id, changes from audit_event where action = 'Account.updated' and entity_id = any(?)`,
      [`{${w.shopAccounts.join(',')}}`],
    );
    expect(audited.map((e) => e.entity_id).sort()).toEqual([...w.shopAccounts].sort());
    expect(audited.every((e) => e.changes.industry.after === f.industries.retail)).toBe(true);
    const journalEvents = await sql<{ n: number }>(`select count(*)::int as n from audit_event where action = 'ReferenceMerge.created' and entity_id = ?`, [merged.id]);
    expect(journalEvents[0].n).toBe(1);

    const undone = await undo(merged.id, merged.version);
    expect(undone.__typename).toBe('ReferenceMerge');
    expect(undone.undoneAt).not.toBeNull();
    expect(await dump()).toEqual(before);
    const afterUndo = await reportAndRaw('INDUSTRY');
    expect(afterUndo.api).toEqual(afterUndo.raw);
    expect(afterUndo.api).toEqual(reportBefore.api);

    const again = await undo(merged.id, undone.version);
    expect(again.__typename).toBe('ReferenceMergeAlreadyUndone');
    expect(await dump()).toEqual(before);
  });
});

describe('use-case merge', () => {
  const useCaseMerge = () => ({
    kind: 'USE_CASE',
    ids: [f.useCaseIds[0], w.orderStatus, w.trackOrder],
    baseId: f.useCaseIds[0],
    name: 'Order status',
    bucket: 'COMMERCE',
  });

  async function mergeUseCases() {
    const p = await preview(admin, useCaseMerge());
    expect(p.blockers).toEqual([]);
    const merged = await merge(useCaseMerge(), [p.base, ...p.merged].map((r: { id: string; version: number }) => ({ id: r.id, version: r.version })));
    expect(merged.__typename).toBe('ReferenceMerge');
    return { p, merged };
  }

  it('previews primary, secondary (deduplicated), override and preset moves, and frees the merged name', async () => {
    const p = await preview(admin, useCaseMerge());
    expect(p.counts).toEqual({ accounts: 0, industryUseCases: 0, primaryUseCases: 2, secondaryUseCaseProjects: 2, secondaryUseCaseLinks: 2, monthlyReportOverrides: 1, reportPresets: 1 });
    expect(p.renamedIds).toEqual([w.orderStatus]);
    expect(p.base).toMatchObject({ id: f.useCaseIds[0], name: 'Order status', bucket: 'COMMERCE', industryId: null });

    const taken = await preview(admin, { ...useCaseMerge(), name: 'card activation', industryId: f.industries.banking });
    expect(taken.blockers).toEqual([expect.objectContaining({ code: 'NAME_TAKEN', ids: [f.useCaseIds[1]] })]);
    const badIndustry = await preview(admin, { ...useCaseMerge(), industryId: '00000000-0000-4000-8000-000000000000' });
    expect(badIndustry.fields).toContainEqual({ field: 'industryId', code: 'NOT_FOUND' });
  });

  it('moves every reference, keeps the use-case report right, and undo leaves every reference exactly as before', async () => {
    const before = await dump();
    const reportBefore = await reportAndRaw('USE_CASE');
    expect(reportBefore.api).toEqual(reportBefore.raw);
    const { merged } = await mergeUseCases();
    expect(merged.counts).toMatchObject({ primaryUseCases: 2, secondaryUseCaseProjects: 2, secondaryUseCaseLinks: 2, monthlyReportOverrides: 1, reportPresets: 1 });

    const useCases = await sql<{ id: string; name: string; bucket: string; active: boolean }>('select id::text, name, bucket, active from use_case where id = any(?::uuid[])', [
      `{${useCaseMerge().ids.join(',')}}`,
    ]);
    const byId = Object.fromEntries(useCases.map((u) => [u.id, u]));
    expect(byId[f.useCaseIds[0]]).toMatchObject({ name: 'Order status', bucket: 'COMMERCE', active: true });
    expect(byId[w.orderStatus]).toMatchObject({ name: `Order status (merged ${w.orderStatus.slice(0, 8)})`, active: false });
    expect(byId[w.trackOrder]).toMatchObject({ name: 'Track order', active: false });

    const links = await sql<{ project_id: string; ids: string[] }>(
      'select project_id::text, array_agg(use_case_id::text order by use_case_id) as ids from project_secondary_use_case group by project_id',
    );
    const linksOf = Object.fromEntries(links.map((l) => [l.project_id, l.ids]));
    expect(linksOf[f.solo.projectId]).toEqual([f.useCaseIds[0]]);
    const [chat] = (await sql<{ id: string }>(`select id::text from project where name = 'Chatbot'`)).map((r) => r.id);
    expect(linksOf[chat]).toEqual([f.useCaseIds[0], f.useCaseIds[1]].sort());
    const primaries = await sql<{ n: number }>('select count(*)::int as n from project where primary_use_case_id = any(?::uuid[])', [`{${w.orderStatus},${w.trackOrder}}`]);
    expect(primaries[0].n).toBe(0);
    const [override] = await sql<{ featured_use_case_ids: string[] }>('select featured_use_case_ids from monthly_report_override where id = ?', [w.override]);
    expect(override.featured_use_case_ids).toEqual([f.useCaseIds[0], f.useCaseIds[1]]);
    const [preset] = await sql<{ definition: { filter: { useCaseIds: string[] } } }>('select definition from report_preset where id = ?', [w.useCasePreset]);
    expect(preset.definition.filter.useCaseIds).toEqual([f.useCaseIds[0]]);

    const after = await reportAndRaw('USE_CASE');
    expect(after.source).toBe('USE_CASE_ROLLUP');
    expect(after.api).toEqual(after.raw);

    const undone = await undo(merged.id, merged.version);
    expect(undone.__typename).toBe('ReferenceMerge');
    expect(await dump()).toEqual(before);
    const afterUndo = await reportAndRaw('USE_CASE');
    expect(afterUndo.api).toEqual(reportBefore.api);
  });

  it('refuses undo when a moved row was edited since the merge, naming it, and changes nothing', async () => {
    const { merged } = await mergeUseCases();
    const stale = await undo(merged.id, merged.version + 1);
    expect(stale.__typename).toBe('ReferenceMergeVersionConflict');
    await asSystem(async () => {
      const em = app.orm.em.fork();
      (await em.findOneOrFail(Project, f.solo.projectId)).name = 'Solo rollout, phase 2';
      await em.flush();
    });
    const afterEdit = await dump();
    const refused = await undo(merged.id, merged.version);
    expect(refused.__typename).toBe('ReferenceMergeChangedSince');
    expect(refused.rows).toEqual([expect.objectContaining({ entityType: 'Project', id: f.solo.projectId, label: 'Solo rollout, phase 2' })]);
    expect(refused.message).toContain('Solo rollout, phase 2');
    expect(await dump()).toEqual(afterEdit);
  });
});
