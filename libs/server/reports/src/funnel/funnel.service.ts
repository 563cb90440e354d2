import type { EntityManager } from '@mikro-orm/postgresql';
import { publicError, type Viewer } from '@pams/server-core';
import { filterIds, monthSpan } from '../rollup/report-range.js';
import { regionScope } from '../rollup/report-scope.js';
import type { Cohorts, Funnel, FunnelInput } from './funnel.types.js';

const STAGES = [
  { stage: 'DISCOVERY', label: 'Discovery call' },
  { stage: 'DEMO', label: 'Demo' },
  { stage: 'POC', label: 'POC' },
  { stage: 'WON', label: 'Won' },
] as const;

/** External activity per account and month, net of pending deltas, within the viewer's scope. */
function accountMonths(scope: string): string {
  return `select account_id, month, type, call_type from (
      select account_id, month, category, type, call_type, region_id, activity_count from activity_rollup
      union all select account_id, month, category, type, call_type, region_id, activity_count from activity_rollup_delta) r
    where account_id is not null and category = 'EXTERNAL' and ${scope}
    group by account_id, month, type, call_type having sum(activity_count) > 0`;
}

/** Region scope of the rollup rows, as reports apply it (members and managers: their regions). */
function scopeOf(viewer: Viewer, regionIds: string[] | null): { sql: string; params: unknown[] } {
  const { clauses, params } = regionScope(viewer, regionIds, 'r.region_id');
  return { sql: clauses.length > 0 ? clauses.join(' and ') : 'true', params };
}

/**
 * Accounts that went Discovery → Demo → POC → Won within the window (P-013), by month: each stage's
 * first month at or after the previous stage's. A win is an outcome WON on any project of the account.
 */
export async function funnel(em: EntityManager, viewer: Viewer, input: FunnelInput): Promise<Funnel> {
  const { fromDate, toDate } = monthSpan(input.from, input.to);
  const scope = scopeOf(viewer, filterIds('regionIds', input.regionIds));
  const sql = `with m as (${accountMonths(`r.month >= ?::date and r.month <= ?::date and ${scope.sql}`)}),
    d as (select account_id, min(month) as at from m where call_type = 'DISCOVERY' group by account_id),
    demo as (select d.account_id, min(m.month) as at from d join m on m.account_id = d.account_id and m.call_type = 'DEMO' and m.month >= d.at group by d.account_id),
    poc as (select demo.account_id, min(m.month) as at from demo join m on m.account_id = demo.account_id and m.type = 'POC' and m.month >= demo.at group by demo.account_id),
    won as (select poc.account_id from poc where exists (
      select 1 from outcome o join project p on p.id = o.project_id
       where p.account_id = poc.account_id and o.result = 'WON' and o.month >= poc.at and o.month <= ?::date))
    select (select count(*) from d)::int as discovery, (select count(*) from demo)::int as demo,
           (select count(*) from poc)::int as poc, (select count(*) from won)::int as won, now() as as_of`;
  const [row] = await em.execute<{ discovery: number; demo: number; poc: number; won: number; as_of: string | Date }[]>(sql, [
    fromDate,
    toDate,
    ...scope.params,
    toDate,
  ]);
  const counts = [row.discovery, row.demo, row.poc, row.won];
  return {
    stages: STAGES.map((s, i) => ({ ...s, accounts: counts[i], conversion: i === 0 ? null : counts[i - 1] > 0 ? counts[i] / counts[i - 1] : null })),
    asOf: new Date(row.as_of),
  };
}

/**
 * Monthly cohorts of accounts by their first external activity ever (P-013): for each cohort month in
 * the window, how many of its accounts were active in each later month up to the window's end.
 */
export async function cohorts(em: EntityManager, viewer: Viewer, input: FunnelInput): Promise<Cohorts> {
  const { fromDate, toDate } = monthSpan(input.from, input.to);
  const months = (Number(input.to.slice(0, 4)) - Number(input.from.slice(0, 4))) * 12 + Number(input.to.slice(5)) - Number(input.from.slice(5));
  if (months >= 36) throw publicError('BAD_USER_INPUT', 'A cohort window spans at most 36 months.');
  const scope = scopeOf(viewer, filterIds('regionIds', input.regionIds));
  const sql = `with m as (${accountMonths(`r.month <= ?::date and ${scope.sql}`)}),
    first as (select account_id, min(month) as cohort from m group by account_id),
    active as (select distinct m.account_id, m.month from m where m.month >= ?::date)
    select to_char(f.cohort, 'YYYY-MM') as cohort,
           ((extract(year from a.month) - extract(year from f.cohort)) * 12 + extract(month from a.month) - extract(month from f.cohort))::int as offset,
           count(*)::int as accounts, now() as as_of
      from first f join active a on a.account_id = f.account_id and a.month >= f.cohort
     where f.cohort >= ?::date
     group by 1, 2 order by 1, 2`;
  const rows = await em.execute<{ cohort: string; offset: number; accounts: number; as_of: string | Date }[]>(sql, [toDate, ...scope.params, fromDate, fromDate]);
  const byCohort = new Map<string, number[]>();
  for (const row of rows) {
    const span = months - ((Number(row.cohort.slice(0, 4)) - Number(input.from.slice(0, 4))) * 12 + Number(row.cohort.slice(5)) - Number(input.from.slice(5)));
    const active = byCohort.get(row.cohort) ?? Array.from({ length: span + 1 }, () => 0);
    active[row.offset] = row.accounts;
    byCohort.set(row.cohort, active);
  }
  const [asOf] = await em.execute<{ now: string | Date }[]>('select now()');
  return {
    cohorts: [...byCohort].map(([month, active]) => ({ month, accounts: active[0], active })),
    asOf: new Date(rows[0]?.as_of ?? asOf.now),
  };
}
