import type { EntityManager } from '@mikro-orm/postgresql';
import { publicError, type Viewer } from '@pams/server-core';
import { NONE_LABELS, ReportDimension } from '../rollup/report-dimension.js';
import { filterIds, monthSpan } from '../rollup/report-range.js';
import { regionScope } from '../rollup/report-scope.js';
import { OutcomeDimension, type OutcomeItem, type OutcomeKey, type OutcomeMeasures, type OutcomeReport, type OutcomeReportInput } from './outcome-report.types.js';

const MAX_ITEMS = 500;
/** Outcomes are read from their own table (a few per project): bounded tighter than the pool's timeout. */
const RAW_TIMEOUT_MS = 5_000;

const DIMENSIONS: Record<OutcomeDimension, { id: string; label: string; none: string }> = {
  MONTH: { id: `to_char(o.month, 'YYYY-MM')`, label: `to_char(o.month, 'YYYY-MM')`, none: '—' },
  REGION: { id: 'rep.region_id::text', label: 'reg.name', none: NONE_LABELS[ReportDimension.REGION] },
  INDUSTRY: { id: 'acc.industry_id::text', label: 'ind.name', none: NONE_LABELS[ReportDimension.INDUSTRY] },
  USE_CASE: { id: 'p.primary_use_case_id::text', label: 'uc.name', none: NONE_LABELS[ReportDimension.USE_CASE] },
  WON_BY: { id: 'o.won_by_id::text', label: 'wb.name', none: 'Nobody named' },
  ACCOUNT_KIND: { id: 'o.account_kind', label: `initcap(o.account_kind::text)`, none: 'Not said' },
};

const FROM = `outcome o
  join project p on p.id = o.project_id
  join account acc on acc.id = p.account_id
  left join sales_rep rep on rep.id = acc.sales_rep_id
  left join region reg on reg.id = rep.region_id
  left join industry ind on ind.id = acc.industry_id
  left join use_case uc on uc.id = p.primary_use_case_id
  left join app_user wb on wb.id = o.won_by_id`;

/** Effort on the outcome's project from the detailed rollup and its pending deltas (by the project index). */
const PROJECT_EFFORT = `left join lateral (select sum(activity_count) as n, sum(effort_days) as days, sum(effort_half_hours) as half_hours
  from (select activity_count, effort_days, effort_half_hours from activity_rollup where project_id = o.project_id
        union all select activity_count, effort_days, effort_half_hours from activity_rollup_delta where project_id = o.project_id) x) e on true`;

interface MeasureRow {
  won: number;
  lost: number;
  won_mrr: string | null;
  lost_mrr: string | null;
  won_one_time: string | null;
  won_n: number | null;
  won_days: number | null;
  won_half_hours: number | null;
}

/**
 * Wins and losses by month of win, with MRR in the reporting currency (the rate kept on each outcome) and
 * the effort their projects took (P-013, P-023): win rate and activities per win by industry or use case.
 * Managers and members see their regions' (by the account's sales rep); leaders, admins and analysts all.
 */
export async function outcomeReport(em: EntityManager, viewer: Viewer, input: OutcomeReportInput): Promise<OutcomeReport> {
  const { fromDate, toDate } = monthSpan(input.from, input.to);
  const groupBy = [...input.groupBy];
  if (groupBy.length > 2) throw publicError('BAD_USER_INPUT', '"groupBy" takes at most 2 dimensions.');
  if (new Set(groupBy).size !== groupBy.length) throw publicError('BAD_USER_INPUT', '"groupBy" names a dimension twice.');
  const where = ['o.month >= ?::date', 'o.month <= ?::date'];
  const params: unknown[] = [fromDate, toDate];
  // Wins belong to the region of the account's sales rep.
  const scope = regionScope(viewer, filterIds('regionIds', input.regionIds), 'rep.region_id');
  where.push(...scope.clauses);
  params.push(...scope.params);
  const ids = groupBy.map((d) => DIMENSIONS[d].id);
  const measures = `count(*) filter (where o.result = 'WON')::int as won, count(*) filter (where o.result = 'LOST')::int as lost,
      sum(round(o.mrr_amount * o.rate, 2)) filter (where o.result = 'WON') as won_mrr,
      sum(round(o.mrr_amount * o.rate, 2)) filter (where o.result = 'LOST') as lost_mrr,
      sum(round(o.one_time_value * o.rate, 2)) filter (where o.result = 'WON') as won_one_time,
      sum(e.n) filter (where o.result = 'WON')::int as won_n, sum(e.days) filter (where o.result = 'WON')::int as won_days,
      sum(e.half_hours) filter (where o.result = 'WON')::int as won_half_hours`;
  const grouped = `select ${ids.length > 0 ? `grouping(${ids.join(', ')}) > 0` : 'true'} as total, now() as as_of,
      ${[...ids.map((id, i) => `${id} as k${i}`), ...groupBy.map((d, i) => `min(${DIMENSIONS[d].label}) as l${i}`), measures].join(',\n      ')}
    from ${FROM}
    ${PROJECT_EFFORT}
    where ${where.join(' and ')}
    group by grouping sets (${ids.length > 0 ? `(${ids.join(', ')}), ` : ''}())
    order by total desc${ids.map((_, i) => `, l${i} nulls last, k${i}`).join('')}`;
  const items = `select o.id, to_char(o.month, 'YYYY-MM') as month, o.result, p.id as project_id, p.name as project_name, acc.id as account_id,
      acc.name as account_name, ind.name as industry_name, uc.name as use_case_name, reg.name as region_name, wb.name as won_by_name,
      o.currency, o.mrr_amount, round(o.mrr_amount * o.rate, 2) as mrr_reporting, round(o.one_time_value * o.rate, 2) as one_time_reporting,
      o.reason, o.competitors, o.account_kind, o.crm_link
    from ${FROM}
    where ${where.join(' and ')}
    order by round(o.mrr_amount * o.rate, 2) desc nulls last, o.month desc, o.id
    limit ${MAX_ITEMS}`;

  const [groupedRows, itemRows] = await em.transactional(async (tx) => {
    await tx.execute(`set local statement_timeout = ${RAW_TIMEOUT_MS}`);
    return [
      await tx.execute<(MeasureRow & { total: boolean; as_of: Date | string; [k: string]: unknown })[]>(grouped, params),
      await tx.execute<Record<string, unknown>[]>(items, params),
    ] as const;
  });
  const [totalRow, ...rows] = groupedRows;
  return {
    from: input.from,
    to: input.to,
    groupBy,
    totals: toMeasures(totalRow),
    rows: rows.map((row) => ({
      ...toMeasures(row),
      keys: groupBy.map((dimension, i): OutcomeKey => {
        const id = (row[`k${i}`] as string | null) ?? null;
        return { dimension, id, label: (row[`l${i}`] as string | null) ?? DIMENSIONS[dimension].none };
      }),
    })),
    outcomes: itemRows.map(toItem),
    asOf: new Date(totalRow.as_of),
  };
}

function num(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function toMeasures(row: MeasureRow): OutcomeMeasures {
  const decided = row.won + row.lost;
  const wonActivities = row.won_n ?? 0;
  return {
    won: row.won,
    lost: row.lost,
    winRate: decided > 0 ? row.won / decided : null,
    wonMrr: num(row.won_mrr) ?? 0,
    lostMrr: num(row.lost_mrr) ?? 0,
    wonOneTime: num(row.won_one_time) ?? 0,
    wonActivities,
    wonEffortDays: row.won_days ?? 0,
    wonEffortHours: (row.won_half_hours ?? 0) / 2,
    activitiesPerWin: row.won > 0 ? wonActivities / row.won : null,
  };
}

function toItem(row: Record<string, unknown>): OutcomeItem {
  return {
    id: row.id as string,
    month: row.month as string,
    result: row.result as string,
    projectId: row.project_id as string,
    projectName: row.project_name as string,
    accountId: row.account_id as string,
    accountName: row.account_name as string,
    industryName: (row.industry_name as string | null) ?? null,
    useCaseName: (row.use_case_name as string | null) ?? null,
    regionName: (row.region_name as string | null) ?? null,
    wonByName: (row.won_by_name as string | null) ?? null,
    currency: (row.currency as string | null) ?? null,
    mrrAmount: num(row.mrr_amount),
    mrrReporting: num(row.mrr_reporting),
    oneTimeReporting: num(row.one_time_reporting),
    reason: row.reason as string,
    competitors: (row.competitors as string | null) ?? null,
    accountKind: (row.account_kind as string | null) ?? null,
    crmLink: row.crm_link as string,
  };
}
