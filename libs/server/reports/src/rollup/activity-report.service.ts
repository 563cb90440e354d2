import type { EntityManager } from '@mikro-orm/postgresql';
import { publicError, type Viewer } from '@pams/server-core';
import type { ActivityReportInput } from './activity-report.input.js';
import type { ActivityReport, ActivityReportRow, ReportKey, ReportMeasures } from './activity-report.type.js';
import { CLASS_ROLLUP_BASE, enumLabel, NONE_LABELS, REGION_ROLLUP_DIMENSIONS, ReportDimension, ReportOrder, ReportSource } from './report-dimension.js';
import { filterIds, monthSpan } from './report-range.js';
import { reportScope } from './report-scope.js';

export const DEFAULT_REPORT_LIMIT = 500;
export const MAX_REPORT_LIMIT = 5_000;
const MAX_DIMENSIONS = 3;

type Join = 'acc' | 'proj' | 'reg' | 'usr' | 'ind' | 'uc' | 'rep';

/** The classification rollups (migrations/Migration20261205120000_class_rollups.ts): each keyed by one dimension. */
const CLASS_ROLLUPS: Partial<Record<ReportDimension, { source: ReportSource; table: string; column: string; deltaJoin: string; deltaColumn: string }>> = {
  INDUSTRY: {
    source: ReportSource.INDUSTRY_ROLLUP,
    table: 'activity_rollup_industry',
    column: 'industry_id',
    deltaJoin: 'left join account c on c.id = d.account_id',
    deltaColumn: 'c.industry_id',
  },
  SALES_REP: {
    source: ReportSource.SALES_REP_ROLLUP,
    table: 'activity_rollup_sales_rep',
    column: 'sales_rep_id',
    deltaJoin: 'left join account c on c.id = d.account_id',
    deltaColumn: 'c.sales_rep_id',
  },
  USE_CASE: {
    source: ReportSource.USE_CASE_ROLLUP,
    table: 'activity_rollup_use_case',
    column: 'use_case_id',
    deltaJoin: 'left join project c on c.id = d.project_id',
    deltaColumn: 'c.primary_use_case_id',
  },
};

/**
 * How each dimension reads from the rollup `r` and the tables joined to it. Industry, sales rep and use
 * case come from the account and project joined to the detailed rollup, or from a classification
 * rollup's own column when it answers.
 */
function dimensionSql(dimension: ReportDimension, classDimension: ReportDimension | null): { id: string; label: string | null; joins: Join[] } {
  const own = classDimension === dimension ? CLASS_ROLLUPS[dimension] : undefined;
  switch (dimension) {
    case ReportDimension.MONTH:
      return { id: `to_char(r.month, 'YYYY-MM')`, label: null, joins: [] };
    case ReportDimension.REGION:
      return { id: 'r.region_id::text', label: 'reg.name', joins: ['reg'] };
    case ReportDimension.OWNER:
      return { id: 'r.owner_id::text', label: 'usr.name', joins: ['usr'] };
    case ReportDimension.ACCOUNT:
      return { id: 'r.account_id::text', label: 'acc.name', joins: ['acc'] };
    case ReportDimension.INDUSTRY:
      return own ? { id: `r.${own.column}::text`, label: 'ind.name', joins: ['ind'] } : { id: 'acc.industry_id::text', label: 'ind.name', joins: ['acc', 'ind'] };
    case ReportDimension.USE_CASE:
      return own ? { id: `r.${own.column}::text`, label: 'uc.name', joins: ['uc'] } : { id: 'proj.primary_use_case_id::text', label: 'uc.name', joins: ['proj', 'uc'] };
    case ReportDimension.SALES_REP:
      return own ? { id: `r.${own.column}::text`, label: 'rep.name', joins: ['rep'] } : { id: 'acc.sales_rep_id::text', label: 'rep.name', joins: ['acc', 'rep'] };
    case ReportDimension.CATEGORY:
      return { id: 'r.category', label: null, joins: [] };
    case ReportDimension.TYPE:
      return { id: 'r.type', label: null, joins: [] };
    case ReportDimension.CALL_TYPE:
      return { id: 'r.call_type', label: null, joins: [] };
  }
}

/** In dependency order: `ind`, `rep` read `acc` (or the classification rollup's column); `uc` reads `proj`. */
function joinSql(classDimension: ReportDimension | null): [Join, string][] {
  const classified = (dimension: ReportDimension, viaDetail: string) => (classDimension === dimension ? `r.${CLASS_ROLLUPS[dimension]!.column}` : viaDetail);
  return [
    ['acc', 'left join account acc on acc.id = r.account_id'],
    ['proj', 'left join project proj on proj.id = r.project_id'],
    ['reg', 'left join region reg on reg.id = r.region_id'],
    ['usr', 'left join app_user usr on usr.id = r.owner_id'],
    ['ind', `left join industry ind on ind.id = ${classified(ReportDimension.INDUSTRY, 'acc.industry_id')}`],
    ['uc', `left join use_case uc on uc.id = ${classified(ReportDimension.USE_CASE, 'proj.primary_use_case_id')}`],
    ['rep', `left join sales_rep rep on rep.id = ${classified(ReportDimension.SALES_REP, 'acc.sales_rep_id')}`],
  ];
}

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
 * every dimension, filter and access rule is one it holds, else the classification rollup of industry,
 * sales rep or use case when that is the one further dimension, else the detailed one. One statement; the
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
  const idFilters = [
    ['filter.ownerIds', f.ownerIds, ReportDimension.OWNER],
    ['filter.accountIds', f.accountIds, ReportDimension.ACCOUNT],
    ['filter.industryIds', f.industryIds, ReportDimension.INDUSTRY],
    ['filter.useCaseIds', f.useCaseIds, ReportDimension.USE_CASE],
    ['filter.salesRepIds', f.salesRepIds, ReportDimension.SALES_REP],
  ] as const;
  const valueFilters = [
    [f.categories, ReportDimension.CATEGORY],
    [f.types, ReportDimension.TYPE],
    [f.callTypes, ReportDimension.CALL_TYPE],
  ] as const;

  // Which table answers: the narrowest holding every dimension the report groups or filters by.
  const used = new Set<ReportDimension>(groupBy);
  if (regionIds) used.add(ReportDimension.REGION);
  const checkedIds = idFilters.map(([field, ids, dimension]) => {
    const checked = filterIds(field, ids);
    if (checked) used.add(dimension);
    return checked;
  });
  for (const [values, dimension] of valueFilters) if (values && values.length > 0) used.add(dimension);
  const { source, classDimension } = chooseSource(used, scope.needsOwner || Boolean(input.countAccounts));

  const where: string[] = ['r.month >= ?::date', 'r.month <= ?::date', ...scope.clauses];
  const params: unknown[] = [fromDate, toDate, ...scope.params];
  const joins = new Set<Join>(groupBy.flatMap((d) => dimensionSql(d, classDimension).joins));
  if (regionIds) {
    where.push('r.region_id in (?)');
    params.push(regionIds);
  }
  idFilters.forEach(([, , dimension], i) => {
    const checked = checkedIds[i];
    if (!checked) return;
    const sql = dimensionSql(dimension, classDimension);
    // The key's own column, not its text form, so an index can serve the filter.
    where.push(`${sql.id.replace(/::text$/, '')} in (?)`);
    params.push(checked);
    // Only the tables the filtered column lives in; the label joins are the grouping's business.
    for (const join of sql.joins) if (join === 'acc' || join === 'proj') joins.add(join);
  });
  for (const [values, dimension] of valueFilters) {
    if (!values || values.length === 0) continue;
    where.push(`${dimensionSql(dimension, classDimension).id} in (?)`);
    params.push([...new Set<string>(values)]);
  }

  const ids = groupBy.map((d) => dimensionSql(d, classDimension).id);
  const labels = groupBy.map((d) => dimensionSql(d, classDimension).label);
  const select = groupBy.flatMap((_, i) => [`${ids[i]} as k${i}`, `${labels[i] ? `min(${labels[i]})` : 'null'} as l${i}`]);
  const order =
    input.orderBy === ReportOrder.KEY
      ? groupBy.flatMap((_, i) => (labels[i] ? [`l${i} nulls last`, `k${i}`] : [`k${i} nulls last`]))
      : ['n desc', ...groupBy.map((_, i) => `k${i} nulls last`)];
  const sql = `select ${ids.length > 0 ? `grouping(${ids.join(', ')}) > 0` : 'true'} as total, count(*) over () as row_count, now() as as_of,
      ${[...select, 'sum(r.activity_count)::int as n', 'sum(r.effort_days)::int as days', 'sum(r.effort_half_hours)::int as half_hours',
        input.countAccounts ? 'count(distinct r.account_id)::int as accounts' : 'null::int as accounts'].join(',\n      ')}
    from ${rollupSource(source, classDimension, Boolean(input.countAccounts))} r
    ${joinSql(classDimension).filter(([name]) => joins.has(name)).map(([, join]) => join).join('\n    ')}
    where ${where.join(' and ')}
    group by grouping sets (${ids.length > 0 ? `(${ids.join(', ')}), ` : ''}())
    having sum(r.activity_count) <> 0${ids.length > 0 ? ` or grouping(${ids.join(', ')}) > 0` : ' or true'}
    order by total desc${order.length > 0 ? `, ${order.join(', ')}` : ''}
    limit ?`;
  params.push(limit + 1);
  return { sql, params, groupBy, source };
}

/**
 * The narrowest table holding every used dimension: the region rollup, else a classification rollup
 * (month, region, category and one of industry, sales rep, use case), else the detailed rollup, which
 * is also the only one holding owners and accounts (a member's scope, distinct account counts).
 */
function chooseSource(used: ReadonlySet<ReportDimension>, needsDetail: boolean): { source: ReportSource; classDimension: ReportDimension | null } {
  if (needsDetail) return { source: ReportSource.DETAIL_ROLLUP, classDimension: null };
  if ([...used].every((d) => REGION_ROLLUP_DIMENSIONS.has(d))) return { source: ReportSource.REGION_ROLLUP, classDimension: null };
  const beyond = [...used].filter((d) => !CLASS_ROLLUP_BASE.has(d));
  const classRollup = beyond.length === 1 ? CLASS_ROLLUPS[beyond[0]] : undefined;
  if (classRollup) return { source: classRollup.source, classDimension: beyond[0] };
  return { source: ReportSource.DETAIL_ROLLUP, classDimension: null };
}

const DETAIL_COLUMNS = 'month, region_id, owner_id, account_id, project_id, category, type, call_type';
const REGION_COLUMNS = 'month, region_id, category, type, call_type';
const MEASURE_COLUMNS = 'activity_count, effort_days, effort_half_hours';

/**
 * The rollup plus the deltas not yet folded into it: exact as of the statement's snapshot. A
 * classification rollup's deltas take the account's (project's) current classification, as the
 * compactor will when it folds them. Counting distinct accounts needs each key's net figures first (a
 * moved activity leaves a -1 delta beside its +1).
 */
function rollupSource(source: ReportSource, classDimension: ReportDimension | null, netPerKey: boolean): string {
  const classRollup = classDimension ? CLASS_ROLLUPS[classDimension] : undefined;
  if (classRollup) {
    return `(select month, region_id, category, ${classRollup.column}, ${MEASURE_COLUMNS} from ${classRollup.table}
      union all select d.month, d.region_id, d.category, ${classRollup.deltaColumn}, d.activity_count, d.effort_days, d.effort_half_hours
        from activity_rollup_delta d ${classRollup.deltaJoin})`;
  }
  const detail = source === ReportSource.DETAIL_ROLLUP;
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
