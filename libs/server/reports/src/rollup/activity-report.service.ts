import type { EntityManager } from '@mikro-orm/postgresql';
import { publicError, type Viewer } from '@pams/server-core';
import type { ActivityReportInput } from './activity-report.input.js';
import type { ActivityReport, ActivityReportRow, ReportKey, ReportMeasures } from './activity-report.type.js';
import { enumLabel, NONE_LABELS, REGION_ROLLUP_DIMENSIONS, ReportDimension, ReportOrder, ReportSource } from './report-dimension.js';
import { filterIds, monthSpan } from './report-range.js';
import { reportScope } from './report-scope.js';

export const DEFAULT_REPORT_LIMIT = 500;
export const MAX_REPORT_LIMIT = 5_000;
const MAX_DIMENSIONS = 3;

type Join = 'acc' | 'proj' | 'reg' | 'usr' | 'ind' | 'uc' | 'rep';

/** How each dimension reads from the rollup `r` and the tables joined to it. */
const DIMENSIONS: Record<ReportDimension, { id: string; label: string | null; joins: Join[] }> = {
  MONTH: { id: `to_char(r.month, 'YYYY-MM')`, label: null, joins: [] },
  REGION: { id: 'r.region_id::text', label: 'reg.name', joins: ['reg'] },
  OWNER: { id: 'r.owner_id::text', label: 'usr.name', joins: ['usr'] },
  ACCOUNT: { id: 'r.account_id::text', label: 'acc.name', joins: ['acc'] },
  INDUSTRY: { id: 'acc.industry_id::text', label: 'ind.name', joins: ['acc', 'ind'] },
  USE_CASE: { id: 'proj.primary_use_case_id::text', label: 'uc.name', joins: ['proj', 'uc'] },
  SALES_REP: { id: 'acc.sales_rep_id::text', label: 'rep.name', joins: ['acc', 'rep'] },
  CATEGORY: { id: 'r.category', label: null, joins: [] },
  TYPE: { id: 'r.type', label: null, joins: [] },
  CALL_TYPE: { id: 'r.call_type', label: null, joins: [] },
};

/** In dependency order: `ind`, `rep` read `acc`; `uc` reads `proj`. */
const JOIN_SQL: [Join, string][] = [
  ['acc', 'left join account acc on acc.id = r.account_id'],
  ['proj', 'left join project proj on proj.id = r.project_id'],
  ['reg', 'left join region reg on reg.id = r.region_id'],
  ['usr', 'left join app_user usr on usr.id = r.owner_id'],
  ['ind', 'left join industry ind on ind.id = acc.industry_id'],
  ['uc', 'left join use_case uc on uc.id = proj.primary_use_case_id'],
  ['rep', 'left join sales_rep rep on rep.id = acc.sales_rep_id'],
];

interface ReportRow {
  total: boolean;
  row_count: number;
  n: number | null;
  days: number | null;
  half_hours: number | null;
  accounts: number | null;
  as_of: Date | string;
  [key: `k${number}` | `l${number}`]: string | null;
}

/**
 * A report over activities from the rollups (docs/adr/0013-report-rollups.md): the region rollup when
 * every dimension, filter and access rule is one it holds, else the detailed one. One statement; the
 * totals come from the same statement (a grouping set), so they always add up with the rows.
 */
export async function activityReport(em: EntityManager, viewer: Viewer, input: ActivityReportInput): Promise<ActivityReport> {
  const { sql, params, groupBy, source } = activityReportQuery(viewer, input);
  // The empty grouping set always yields the totals row, first, even when nothing matches.
  const [totalRow, ...groupRows] = await em.execute<ReportRow[]>(sql, params);
  return {
    from: input.from,
    to: input.to,
    groupBy,
    rows: groupRows.map((row) => ({ ...measures(row), keys: keysOf(groupBy, row) }) satisfies ActivityReportRow),
    totals: measures(totalRow!),
    rowCount: Number(totalRow!.row_count) - 1,
    source,
    asOf: new Date(totalRow!.as_of),
  };
}

/** The one statement of a report (`?` placeholders, knex style), checked; the benchmark replays it through raw pg. */
export function activityReportQuery(
  viewer: Viewer,
  input: ActivityReportInput,
): { sql: string; params: unknown[]; groupBy: ReportDimension[]; source: ReportSource } {
  const { fromDate, toDate } = monthSpan(input.from, input.to);
  const groupBy = [...input.groupBy];
  if (groupBy.length > MAX_DIMENSIONS) throw publicError('BAD_USER_INPUT', `"groupBy" takes at most ${MAX_DIMENSIONS} dimensions.`);
  if (new Set(groupBy).size !== groupBy.length) throw publicError('BAD_USER_INPUT', '"groupBy" names a dimension twice.');
  const limit = input.limit ?? DEFAULT_REPORT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_REPORT_LIMIT) {
    throw publicError('BAD_USER_INPUT', `"limit" must be between 1 and ${MAX_REPORT_LIMIT}.`);
  }

  const f = input.filter ?? {};
  const regionIds = filterIds('filter.regionIds', f.regionIds);
  const scope = reportScope(viewer, groupBy, regionIds);
  const where: string[] = ['r.month >= ?::date', 'r.month <= ?::date', ...scope.clauses];
  const params: unknown[] = [fromDate, toDate, ...scope.params];
  const joins = new Set<Join>(groupBy.flatMap((d) => DIMENSIONS[d].joins));
  const used = new Set<ReportDimension>(groupBy);
  const idFilter = (field: string, ids: readonly string[] | null | undefined, column: string, dimension: ReportDimension, join?: Join): void => {
    const checked = filterIds(field, ids);
    if (!checked) return;
    where.push(`${column} in (?)`);
    params.push(checked);
    used.add(dimension);
    if (join) joins.add(join);
  };
  if (regionIds) {
    where.push('r.region_id in (?)');
    params.push(regionIds);
    used.add(ReportDimension.REGION);
  }
  idFilter('filter.ownerIds', f.ownerIds, 'r.owner_id', ReportDimension.OWNER);
  idFilter('filter.accountIds', f.accountIds, 'r.account_id', ReportDimension.ACCOUNT);
  idFilter('filter.industryIds', f.industryIds, 'acc.industry_id', ReportDimension.INDUSTRY, 'acc');
  idFilter('filter.useCaseIds', f.useCaseIds, 'proj.primary_use_case_id', ReportDimension.USE_CASE, 'proj');
  idFilter('filter.salesRepIds', f.salesRepIds, 'acc.sales_rep_id', ReportDimension.SALES_REP, 'acc');
  for (const [values, column, dimension] of [
    [f.categories, 'r.category', ReportDimension.CATEGORY],
    [f.types, 'r.type', ReportDimension.TYPE],
    [f.callTypes, 'r.call_type', ReportDimension.CALL_TYPE],
  ] as const) {
    if (!values || values.length === 0) continue;
    where.push(`${column} in (?)`);
    params.push([...new Set<string>(values)]);
    used.add(dimension);
  }

  const detail = scope.needsOwner || Boolean(input.countAccounts) || [...used].some((d) => !REGION_ROLLUP_DIMENSIONS.has(d));
  const source = detail ? ReportSource.DETAIL_ROLLUP : ReportSource.REGION_ROLLUP;
  const ids = groupBy.map((d) => DIMENSIONS[d].id);
  const select = groupBy.flatMap((d, i) => [`${ids[i]} as k${i}`, `${DIMENSIONS[d].label ? `min(${DIMENSIONS[d].label})` : 'null'} as l${i}`]);
  const order =
    input.orderBy === ReportOrder.KEY
      ? groupBy.flatMap((d, i) => (DIMENSIONS[d].label ? [`l${i} nulls last`, `k${i}`] : [`k${i} nulls last`]))
      : ['n desc', ...groupBy.map((_, i) => `k${i} nulls last`)];
  const sql = `select ${ids.length > 0 ? `grouping(${ids.join(', ')}) > 0` : 'true'} as total, count(*) over () as row_count, now() as as_of,
      ${[...select, 'sum(r.activity_count)::int as n', 'sum(r.effort_days)::int as days', 'sum(r.effort_half_hours)::int as half_hours',
        input.countAccounts ? 'count(distinct r.account_id)::int as accounts' : 'null::int as accounts'].join(',\n      ')}
    from ${rollupSource(detail, Boolean(input.countAccounts))} r
    ${JOIN_SQL.filter(([name]) => joins.has(name)).map(([, join]) => join).join('\n    ')}
    where ${where.join(' and ')}
    group by grouping sets (${ids.length > 0 ? `(${ids.join(', ')}), ` : ''}())
    having sum(r.activity_count) <> 0${ids.length > 0 ? ` or grouping(${ids.join(', ')}) > 0` : ' or true'}
    order by total desc${order.length > 0 ? `, ${order.join(', ')}` : ''}
    limit ?`;
  params.push(limit + 1);
  return { sql, params, groupBy, source };
}

const DETAIL_COLUMNS = 'month, region_id, owner_id, account_id, project_id, category, type, call_type';
const REGION_COLUMNS = 'month, region_id, category, type, call_type';
const MEASURE_COLUMNS = 'activity_count, effort_days, effort_half_hours';

/**
 * The rollup plus the deltas not yet folded into it: exact as of the statement's snapshot. Counting
 * distinct accounts needs each key's net figures first (a moved activity leaves a -1 delta beside its +1).
 */
function rollupSource(detail: boolean, netPerKey: boolean): string {
  const columns = detail ? DETAIL_COLUMNS : REGION_COLUMNS;
  const union = `select ${columns}, ${MEASURE_COLUMNS} from ${detail ? 'activity_rollup' : 'activity_rollup_region'}
      union all select ${columns}, ${MEASURE_COLUMNS} from activity_rollup_delta`;
  if (!netPerKey) return `(${union})`;
  return `(select ${columns}, sum(activity_count) as activity_count, sum(effort_days) as effort_days, sum(effort_half_hours) as effort_half_hours
      from (${union}) u group by ${columns} having sum(activity_count) <> 0)`;
}

/** Folds committed deltas into the rollups (one compactor at a time); returns the delta rows moved. */
export async function compactActivityRollups(em: EntityManager): Promise<number> {
  const [{ moved }] = await em.execute<{ moved: number }[]>('select pams_activity_rollup_compact() as moved');
  return moved;
}

function measures(row: ReportRow): ReportMeasures {
  return {
    activityCount: row.n ?? 0,
    effortDays: row.days ?? 0,
    effortHours: (row.half_hours ?? 0) / 2,
    accountCount: row.accounts,
  };
}

function keysOf(groupBy: readonly ReportDimension[], row: ReportRow): ReportKey[] {
  return groupBy.map((dimension, i) => {
    const id = row[`k${i}`] ?? null;
    const label = dimension === ReportDimension.MONTH ? id : (row[`l${i}`] ?? enumLabel(dimension, id));
    return { dimension, id, label: label ?? NONE_LABELS[dimension] };
  });
}
