import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '@pams/shared-util';
import { insertActivities, signedInUser, type SignedInUser } from './support/domain-fixtures.js';
import {
  ACTIVITY_EXPORT_FIELDS,
  ACTIVITY_EXPORT_HEADER,
  activityExportRow,
  asCsv,
  csvText,
  exportUrl,
  getFile,
  parseCsv,
  pdfLandscape,
  pdfPageCount,
  pdfText,
  readXlsx,
} from './support/export-files.js';
import { createMonthlyWorld, MONTH, type MonthlyWorld } from './support/monthly-fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let app: TestApp;
let w: MonthlyWorld;
/** A member with 1,500 activities in May 2026: the history export reads two keyset pages. */
let historian: SignedInUser;
const FORMULA_NAME = '=HYPERLINK("http://evil.test","click")';

const ACTIVITY_REPORT = `query R($input: ActivityReportInput!) { activityReport(input: $input) {
  rows { keys { label } activityCount effortDays effortHours accountCount } totals { activityCount effortDays effortHours accountCount } rowCount } }`;
const OUTCOME_REPORT = `query O($input: OutcomeReportInput!) { outcomeReport(input: $input) {
  rows { keys { label } won lost winRate wonMrr lostMrr wonOneTime wonActivities wonEffortDays wonEffortHours activitiesPerWin }
  totals { won lost winRate wonMrr lostMrr wonOneTime wonActivities wonEffortDays wonEffortHours activitiesPerWin }
  outcomes { month result accountName projectName industryName useCaseName regionName wonByName currency mrrAmount mrrReporting oneTimeReporting reason competitors accountKind crmLink } } }`;
const MONTH_VIEW = `query M($month: String!, $filter: ActivityFilter) { activities(month: $month, filter: $filter) { items { ${ACTIVITY_EXPORT_FIELDS} } } }`;
const HISTORY = `query H($after: String, $filter: ActivityFilter) { activityHistory(first: 100, after: $after, filter: $filter) {
  nodes { ${ACTIVITY_EXPORT_FIELDS} } pageInfo { endCursor hasNextPage } } }`;

const DATE_COLUMNS = new Set([0, 18, 19, 21]);
const DATETIME_COLUMNS = new Set([22, 23]);

/** An XLSX activity row as the API's values: dates back to ISO text. */
function xlsxActivityRow(row: unknown[]): unknown[] {
  return row.map((v, i) => (v instanceof Date ? (DATE_COLUMNS.has(i) ? v.toISOString().slice(0, 10) : DATETIME_COLUMNS.has(i) ? v.toISOString() : v) : v));
}

async function history(user: SignedInUser, filter: Record<string, unknown>): Promise<Record<string, any>[]> {
  const nodes: Record<string, any>[] = [];
  let after: string | null = null;
  do {
    const page: any = (await user.client.data(HISTORY, { after, filter })).activityHistory;
    nodes.push(...page.nodes);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return nodes;
}

async function graphqlError(user: SignedInUser, query: string, variables: Record<string, unknown>): Promise<string> {
  const result = await user.client.query(query, variables);
  expect(result.errors?.length).toBeGreaterThan(0);
  return result.errors![0].message;
}

beforeAll(async () => {
  app = await startTestApp();
  w = await createMonthlyWorld(app);
  historian = await signedInUser(app, { role: Role.MEMBER, regionIds: [w.f.regions.south], name: 'Hana History' });
  await insertActivities(
    app.orm,
    Array.from({ length: 1_500 }, (_, i) => ({
      ownerId: historian.id,
      regionId: w.f.regions.south,
      date: `2026-05-${String(1 + (i % 28)).padStart(2, '0')}`,
      name: i === 0 ? FORMULA_NAME : `History ${i} — café`,
      effortHalfHours: 1 + (i % 5),
    })),
  );
});

afterAll(async () => {
  await app?.close();
});

describe('export downloads: access', () => {
  it('answers 401 without credentials or with bad ones, for every kind and format', async () => {
    for (const path of ['/exports/activity-report.csv', '/exports/outcome-report.xlsx', '/exports/activities.pdf', '/exports/activities.csv?month=2026-03']) {
      const none = await getFile(app, path);
      expect(none.status).toBe(401);
      expect(JSON.parse(none.body.toString())).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'Sign in first.' } });
      expect((await getFile(app, path, undefined, { cookie: 'pams_session=forged' })).status).toBe(401);
      expect((await getFile(app, path, undefined, { authorization: 'Bearer nope' })).status).toBe(401);
    }
  });

  it('serves an analyst holding a read-only access token (Bearer)', async () => {
    const analyst = await signedInUser(app, { role: Role.ANALYST });
    const created = await analyst.client.data(`mutation { createAccessToken(name: "exports", expiresInDays: 1) { ... on AccessTokenCreated { token } } }`);
    const response = await getFile(app, exportUrl('/exports/activities.csv', { month: MONTH, filter: { scope: 'ALL' } }), undefined, {
      authorization: `Bearer ${created.createAccessToken.token}`,
    });
    expect(response.status).toBe(200);
    const expected = (await analyst.client.data(MONTH_VIEW, { month: MONTH, filter: { scope: 'ALL' } })).activities.items;
    expect(parseCsv(csvText(response.body)).length).toBe(expected.length + 1);
  });

  it('answers bad input with 400 and the API\'s own messages', async () => {
    const cases: [string, number, string, string][] = [
      ['/exports/activity-report.csv', 400, 'BAD_USER_INPUT', 'Give "input" as JSON.'],
      ['/exports/activity-report.csv?input=%7B', 400, 'BAD_USER_INPUT', '"input" is not valid JSON.'],
      [exportUrl('/exports/activity-report.xlsx', { input: { from: '2026-03', to: '2026-03', groupBy: ['COLOUR'] } }), 400, 'BAD_USER_INPUT',
        '"input.groupBy[0]" must be one of MONTH, REGION, OWNER, ACCOUNT, INDUSTRY, USE_CASE, SALES_REP, CATEGORY, TYPE, CALL_TYPE (ReportDimension).'],
      [exportUrl('/exports/activity-report.csv', { input: { from: '2026-03', groupBy: [] } }), 400, 'BAD_USER_INPUT', '"input.to" is required.'],
      [exportUrl('/exports/outcome-report.csv', { input: { from: '2026-03', to: '2026-03', groupBy: [] }, table: 'wins' }), 400, 'BAD_USER_INPUT',
        '"table" must be rows or outcomes.'],
      [exportUrl('/exports/activities.csv', { filter: { scope: 'ALL', colour: 'red' } }), 400, 'BAD_USER_INPUT', '"filter.colour" is not a field of ActivityFilter.'],
    ];
    for (const [path, status, code, message] of cases) {
      const response = await getFile(app, path, w.leader);
      expect(response.status, path).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(JSON.parse(response.body.toString())).toEqual({ error: { code, message } });
    }

    // The services' messages, word for word as GraphQL gives them.
    const serviceCases: [string, string, Record<string, unknown>, SignedInUser, number][] = [
      [exportUrl('/exports/activity-report.pdf', { input: { from: '2026-3', to: '2026-03', groupBy: [] } }), ACTIVITY_REPORT,
        { input: { from: '2026-3', to: '2026-03', groupBy: [] } }, w.leader, 400],
      [exportUrl('/exports/activity-report.csv', { input: { from: '2026-03', to: '2026-03', groupBy: ['TYPE', 'TYPE'] } }), ACTIVITY_REPORT,
        { input: { from: '2026-03', to: '2026-03', groupBy: ['TYPE', 'TYPE'] } }, w.leader, 400],
      [exportUrl('/exports/outcome-report.csv', { input: { from: '2026-04', to: '2026-03', groupBy: [] } }), OUTCOME_REPORT,
        { input: { from: '2026-04', to: '2026-03', groupBy: [] } }, w.leader, 400],
      [exportUrl('/exports/activities.csv', { month: '2026-13' }), MONTH_VIEW, { month: '2026-13' }, w.leader, 400],
      [exportUrl('/exports/activities.xlsx', { filter: { dateFrom: '2026-02-30' } }), HISTORY, { filter: { dateFrom: '2026-02-30' } }, w.leader, 400],
      [exportUrl('/exports/activity-report.csv', { input: { from: '2026-03', to: '2026-03', groupBy: [], filter: { regionIds: [w.f.regions.sea] } } }),
        ACTIVITY_REPORT, { input: { from: '2026-03', to: '2026-03', groupBy: [], filter: { regionIds: [w.f.regions.sea] } } }, w.memberSouth, 403],
    ];
    for (const [path, query, variables, user, status] of serviceCases) {
      const message = await graphqlError(user, query, variables);
      const response = await getFile(app, path, user);
      expect(response.status, path).toBe(status);
      expect(JSON.parse(response.body.toString())).toEqual({ error: { code: status === 403 ? 'FORBIDDEN' : 'BAD_USER_INPUT', message } });
    }
  });
});

describe('activity report exports', () => {
  const input = { from: '2026-02', to: '2026-04', groupBy: ['REGION', 'TYPE'], orderBy: 'KEY', filter: { categories: ['EXTERNAL'] }, countAccounts: true };
  let expected: (string | number | null)[][];

  beforeAll(async () => {
    const report = (await w.leader.client.data(ACTIVITY_REPORT, { input })).activityReport;
    expect(report.rows.length).toBeGreaterThan(3);
    const line = (labels: (string | null)[], m: Record<string, number>) => [...labels, m.activityCount, m.effortDays, m.effortHours, m.accountCount];
    expected = [...report.rows.map((r: any) => line(r.keys.map((k: any) => k.label), r)), line(['Total', null], report.totals)];
  });

  it('CSV: a BOM, the header, exactly the API\'s rows and its totals line', async () => {
    const response = await getFile(app, exportUrl('/exports/activity-report.csv', { input }), w.leader);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="pams-activity-report-2026-02_2026-04.csv"');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const rows = parseCsv(csvText(response.body));
    expect(rows[0]).toEqual(['Region', 'Type', 'Activities', 'Effort (days)', 'Effort (hours)', 'Accounts']);
    expect(rows.slice(1)).toEqual(expected.map(asCsv));
  });

  it('XLSX: bold header, numbers as numbers, the same rows', async () => {
    const response = await getFile(app, exportUrl('/exports/activity-report.xlsx', { input }), w.leader);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="pams-activity-report-2026-02_2026-04.xlsx"');
    const [sheet, ...others] = await readXlsx(response.body);
    expect(others).toEqual([]);
    expect(sheet.boldHeader).toBe(true);
    expect(sheet.rows[0]).toEqual(['Region', 'Type', 'Activities', 'Effort (days)', 'Effort (hours)', 'Accounts']);
    expect(sheet.rows.slice(1)).toEqual(expected);
  });

  it('PDF: title, filters line, every row, page numbers; portrait for a narrow table', async () => {
    const response = await getFile(app, exportUrl('/exports/activity-report.pdf', { input }), w.leader);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(response.body);
    expect(text).toContain('Activity report — February 2026 – April 2026');
    expect(text).toContain('By Region, Type');
    expect(text).toContain('Filter: categories: EXTERNAL');
    for (const row of expected) for (const cell of row) if (typeof cell === 'string') expect(text).toContain(cell);
    expect(text).toContain(expected[expected.length - 1][2]!.toLocaleString('en-US'));
    const pages = pdfPageCount(response.body);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(pdfLandscape(response.body)).toBe(false);
  });

  it('a member\'s per-person export holds only their own row, as the API answers them', async () => {
    const mine = { from: '2026-02', to: '2026-04', groupBy: ['OWNER'] };
    const report = (await w.memberSouth.client.data(ACTIVITY_REPORT, { input: mine })).activityReport;
    expect(report.rows.map((r: any) => r.keys[0].label)).toEqual(['Sam South']);
    const rows = parseCsv(csvText((await getFile(app, exportUrl('/exports/activity-report.csv', { input: mine }), w.memberSouth)).body));
    expect(rows.slice(1).map((r) => r[0])).toEqual(['Sam South', 'Total']);
    expect(rows[1]).toEqual(asCsv([report.rows[0].keys[0].label, report.rows[0].activityCount, report.rows[0].effortDays, report.rows[0].effortHours]));
    const everyone = parseCsv(csvText((await getFile(app, exportUrl('/exports/activity-report.csv', { input: mine }), w.leader)).body));
    expect(everyone.length).toBeGreaterThan(rows.length);
  });
});

describe('outcome report exports', () => {
  const input = { from: MONTH, to: MONTH, groupBy: ['REGION'] };
  let report: Record<string, any>;

  beforeAll(async () => {
    report = (await w.leader.client.data(OUTCOME_REPORT, { input })).outcomeReport;
  });

  const measures = (m: Record<string, number | null>) =>
    [m.won, m.lost, m.winRate, m.wonMrr, m.lostMrr, m.wonOneTime, m.wonActivities, m.wonEffortDays, m.wonEffortHours, m.activitiesPerWin];

  it('grouped rows and totals as CSV and XLSX', async () => {
    const expected = [...report.rows.map((r: any) => [r.keys[0].label, ...measures(r)]), ['Total', ...measures(report.totals)]];
    const csv = await getFile(app, exportUrl('/exports/outcome-report.csv', { input, table: 'rows' }), w.leader);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="pams-outcome-report-2026-03.csv"');
    const rows = parseCsv(csvText(csv.body));
    expect(rows[0].slice(0, 4)).toEqual(['Region', 'Won', 'Lost', 'Win rate']);
    expect(rows.slice(1)).toEqual(expected.map(asCsv));
    const [sheet] = await readXlsx((await getFile(app, exportUrl('/exports/outcome-report.xlsx', { input }), w.leader)).body);
    expect(sheet.rows.slice(1)).toEqual(expected);
  });

  it('the outcomes list as XLSX and PDF (landscape: it is wide)', async () => {
    expect(report.outcomes.length).toBe(9);
    const keys = ['month', 'result', 'accountName', 'projectName', 'industryName', 'useCaseName', 'regionName', 'wonByName', 'currency', 'mrrAmount', 'mrrReporting',
      'oneTimeReporting', 'reason', 'competitors', 'accountKind', 'crmLink'];
    const xlsx = await getFile(app, exportUrl('/exports/outcome-report.xlsx', { input, table: 'outcomes' }), w.leader);
    expect(xlsx.headers.get('content-disposition')).toBe('attachment; filename="pams-outcomes-2026-03.xlsx"');
    const [sheet] = await readXlsx(xlsx.body);
    expect(sheet.rows.slice(1)).toEqual(report.outcomes.map((o: any) => keys.map((k) => o[k])));
    const pdf = await getFile(app, exportUrl('/exports/outcome-report.pdf', { input, table: 'outcomes' }), w.leader);
    const text = pdfText(pdf.body);
    expect(text).toContain('Wins and losses — March 2026');
    for (const o of report.outcomes) expect(text).toContain(o.projectName);
    expect(text).toContain('9,000');
    expect(pdfLandscape(pdf.body)).toBe(true);
  });

  it('limits a member to their regions, as the API does', async () => {
    const mine = (await w.memberSouth.client.data(OUTCOME_REPORT, { input })).outcomeReport;
    const rows = parseCsv(csvText((await getFile(app, exportUrl('/exports/outcome-report.csv', { input, table: 'outcomes' }), w.memberSouth)).body));
    expect(rows.slice(1).map((r) => r[3])).toEqual(mine.outcomes.map((o: any) => o.projectName));
    expect(rows.length - 1).toBeLessThan(report.outcomes.length);
    expect(rows.some((r) => r[2] === 'Sea Traders')).toBe(false);
  });
});

describe('activities exports', () => {
  const filter = { scope: 'ALL' };
  let month: Record<string, any>[];

  beforeAll(async () => {
    month = (await w.leader.client.data(MONTH_VIEW, { month: MONTH, filter })).activities.items;
    expect(month.length).toBeGreaterThan(50);
  });

  it('a month as CSV: the month view\'s rows, in its order', async () => {
    const response = await getFile(app, exportUrl('/exports/activities.csv', { month: MONTH, filter }), w.leader);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="pams-activities-2026-03.csv"');
    const rows = parseCsv(csvText(response.body));
    expect(rows[0]).toEqual(ACTIVITY_EXPORT_HEADER);
    expect(rows.slice(1)).toEqual(month.map((a) => asCsv(activityExportRow(a))));
  });

  it('a month as XLSX: dates as dates, numbers as numbers', async () => {
    const response = await getFile(app, exportUrl('/exports/activities.xlsx', { month: MONTH, filter }), w.leader);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="pams-activities-2026-03.xlsx"');
    const [sheet] = await readXlsx(response.body);
    expect(sheet.rows[0]).toEqual(ACTIVITY_EXPORT_HEADER);
    expect(sheet.rows[1][0]).toBeInstanceOf(Date);
    expect(sheet.rows.slice(1).map(xlsxActivityRow)).toEqual(month.map(activityExportRow));
  });

  it('a month as PDF: landscape, page n of m on every page, every owner shown', async () => {
    const response = await getFile(app, exportUrl('/exports/activities.pdf', { month: MONTH, filter }), w.leader);
    const text = pdfText(response.body);
    const pages = pdfPageCount(response.body);
    expect(pages).toBeGreaterThan(1);
    expect(pdfLandscape(response.body)).toBe(true);
    expect(text).toContain('Activities — March 2026');
    for (let page = 1; page <= pages; page++) expect(text).toContain(`Page ${page} of ${pages}`);
    // The header row repeats on every page.
    expect(text.split('\n').filter((line) => line === 'Date').length).toBe(pages);
    for (const name of new Set(month.map((a) => a.owner.name))) expect(text).toContain(name);
  });

  it('a member\'s default export holds their own activities only (scope MINE, as the month view)', async () => {
    const mine = (await w.memberSouth.client.data(MONTH_VIEW, { month: MONTH })).activities.items;
    const rows = parseCsv(csvText((await getFile(app, exportUrl('/exports/activities.csv', { month: MONTH }), w.memberSouth)).body));
    expect(rows.slice(1)).toEqual(mine.map((a: any) => asCsv(activityExportRow(a))));
    expect(new Set(rows.slice(1).map((r) => r[1]))).toEqual(new Set(['Sam South']));
  });

  it('every activity of a filter, over several cursor batches, as activityHistory pages them', async () => {
    const mine = { scope: 'ALL', ownerIds: [historian.id] };
    const all = await history(w.leader, mine);
    expect(all.length).toBe(1_500);
    const csv = await getFile(app, exportUrl('/exports/activities.csv', { filter: mine }), w.leader);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="pams-activities-all-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = parseCsv(csvText(csv.body));
    // A spreadsheet would run the formula: CSV keeps it as text behind an apostrophe.
    const expected = all.map((a) => asCsv(activityExportRow(a)).map((cell, i) => (i === 11 && cell === FORMULA_NAME ? `'${cell}` : cell)));
    expect(rows.slice(1)).toEqual(expected);
    expect(rows.slice(1).some((r) => r[11] === `'${FORMULA_NAME}`)).toBe(true);
    expect(rows[2][11]).toMatch(/café$/);

    const [sheet] = await readXlsx((await getFile(app, exportUrl('/exports/activities.xlsx', { filter: mine }), w.leader)).body);
    expect(sheet.rows.slice(1).map(xlsxActivityRow)).toEqual(all.map(activityExportRow));

    const pdf = await getFile(app, exportUrl('/exports/activities.pdf', { filter: mine }), w.leader);
    const pages = pdfPageCount(pdf.body);
    expect(pages).toBeGreaterThan(30);
    const text = pdfText(pdf.body);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text).toContain('1,500 activities, newest first');
  });

  it('a month narrows the filter\'s own dates, as the month view does', async () => {
    const narrowed = { scope: 'ALL', dateFrom: '2026-03-10', dateTo: '2026-04-20' };
    const expected = (await w.leader.client.data(MONTH_VIEW, { month: MONTH, filter: narrowed })).activities.items;
    const rows = parseCsv(csvText((await getFile(app, exportUrl('/exports/activities.csv', { month: MONTH, filter: narrowed }), w.leader)).body));
    expect(rows.slice(1).map((r) => r[24])).toEqual(expected.map((a: any) => a.id));
    expect(expected.length).toBeLessThan(month.length);
  });
});

describe('a failure after streaming started', () => {
  it('aborts the download instead of ending it as if complete', async () => {
    const big = await signedInUser(app, { role: Role.MEMBER, regionIds: [w.f.regions.south], name: 'Big Bob' });
    const client = new pg.Client({ connectionString: app.databaseUrl });
    await client.connect();
    try {
      // 3,000 rows of 10 kB: more than the sockets buffer, so the export waits on the reader mid-way.
      await client.query(
        `insert into activity (id, version, created_at, updated_at, owner_id, region_id, date, category, type, effort_half_hours, name, description)
         select gen_random_uuid(), 1, now(), now(), $1, $2, date '2026-06-01' + (g % 28), 'INTERNAL', 'INTERNAL_MEETING', 2, 'Big ' || g, repeat('x', 10000)
           from generate_series(1, 3000) g`,
        [big.id, w.f.regions.south],
      );
      const response = await fetch(app.url + exportUrl('/exports/activities.csv', { filter: { scope: 'MINE' } }), {
        headers: { cookie: [...big.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      expect(response.status).toBe(200);
      // The export's transaction waits between batches of its cursor while the body is not read: end its connection.
      let killed = 0;
      for (let i = 0; i < 200 && killed === 0; i++) {
        const { rows } = await client.query(
          `select pg_terminate_backend(pid) as done from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid() and state = 'idle in transaction' and query ilike 'fetch forward % from activity_history_%'`,
        );
        killed = rows.length;
        if (killed === 0) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(killed).toBe(1);
      await expect(response.arrayBuffer()).rejects.toThrow();
    } finally {
      await client.end();
    }
    // The gateway goes on serving.
    const after = await getFile(app, exportUrl('/exports/activities.csv', { month: MONTH }), w.memberSouth);
    expect(after.status).toBe(200);
  });
});
