import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '@pams/server-core';
import { NONE_LABELS, ReportDimension } from '../rollup/report-dimension.js';
import { monthSpan } from '../rollup/report-range.js';
import { reportScope } from '../rollup/report-scope.js';
import type { MissingCrmLinkRow } from './monthly-report.types.js';

const KEYS = 'region_id, owner_id, account_id, project_id';

interface Row {
  grp: 'REGION' | 'SALES_REP';
  id: string | null;
  label: string | null;
  activities: number;
  records: number;
}

/**
 * External activities of the range whose project — or, without a project, whose account — has no CRM
 * link, by the activity's region and by the account's sales rep. Read from the detailed rollup and its
 * pending deltas, netted per key first (a moved activity leaves a -1 delta beside its +1), with the
 * same role scope as activityReport. One statement for both groupings.
 */
export async function missingCrmLinks(
  em: EntityManager,
  viewer: Viewer,
  from: string,
  to: string,
): Promise<{ byRegion: MissingCrmLinkRow[]; bySalesRep: MissingCrmLinkRow[] }> {
  const { fromDate, toDate } = monthSpan(from, to);
  const scope = reportScope(viewer, [], null);
  const sql = `with net as (
      select ${KEYS}, sum(activity_count)::int as n
        from (select month, category, ${KEYS}, activity_count from activity_rollup
              union all select month, category, ${KEYS}, activity_count from activity_rollup_delta) r
       where r.month >= ?::date and r.month <= ?::date and r.category = 'EXTERNAL'${scope.clauses.map((c) => ` and ${c}`).join('')}
       group by ${KEYS} having sum(activity_count) <> 0
    ), missing as (
      select net.*, acc.sales_rep_id, coalesce(net.project_id, net.account_id) as record_id
        from net
        left join project proj on proj.id = net.project_id
        left join account acc on acc.id = net.account_id
       where coalesce(trim(case when net.project_id is not null then proj.crm_link else acc.crm_link end), '') = ''
    )
    select 'REGION' as grp, m.region_id::text as id, min(reg.name) as label, sum(m.n)::int as activities, count(distinct m.record_id)::int as records
      from missing m left join region reg on reg.id = m.region_id group by m.region_id
    union all
    select 'SALES_REP' as grp, m.sales_rep_id::text as id, min(rep.name) as label, sum(m.n)::int as activities, count(distinct m.record_id)::int as records
      from missing m left join sales_rep rep on rep.id = m.sales_rep_id group by m.sales_rep_id
    order by grp, activities desc, label nulls last, id`;
  const rows = await em.execute<Row[]>(sql, [fromDate, toDate, ...scope.params]);
  const rowsOf = (grp: Row['grp'], none: string): MissingCrmLinkRow[] =>
    rows.filter((r) => r.grp === grp).map((r) => ({ id: r.id, label: r.label ?? none, activities: r.activities, records: r.records }));
  return { byRegion: rowsOf('REGION', NONE_LABELS[ReportDimension.REGION]), bySalesRep: rowsOf('SALES_REP', NONE_LABELS[ReportDimension.SALES_REP]) };
}
