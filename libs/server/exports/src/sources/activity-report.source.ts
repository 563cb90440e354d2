import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '@pams/server-core';
import { activityReport, activityReportQuery, ReportDimension, ReportOrder, type ActivityReportInput } from '@pams/server-reports';
import { ActivityCategory, ActivityType, CallType } from '@pams/shared-util';
import { checkShape, enumOf, ID_LIST, listOf, type Shape } from '../input-shape.js';
import { inMemorySource, type ExportColumn, type ExportRow, type TableSource } from '../table-source.js';
import { filterLabel, monthRangeLabel, monthRangeSlug } from './describe.js';

export interface ActivityReportParams {
  input: ActivityReportInput;
}

const INPUT: Shape = {
  kind: 'object',
  name: 'ActivityReportInput',
  required: true,
  fields: {
    from: { kind: 'string', required: true },
    to: { kind: 'string', required: true },
    groupBy: listOf(enumOf(ReportDimension, 'ReportDimension'), true),
    filter: {
      kind: 'object',
      name: 'ReportFilter',
      fields: {
        regionIds: ID_LIST,
        ownerIds: ID_LIST,
        accountIds: ID_LIST,
        industryIds: ID_LIST,
        useCaseIds: ID_LIST,
        salesRepIds: ID_LIST,
        categories: listOf(enumOf(ActivityCategory, 'ActivityCategory')),
        types: listOf(enumOf(ActivityType, 'ActivityType')),
        callTypes: listOf(enumOf(CallType, 'CallType')),
      },
    },
    orderBy: enumOf(ReportOrder, 'ReportOrder'),
    limit: { kind: 'int' },
    countAccounts: { kind: 'boolean' },
  },
};

export const DIMENSION_HEADERS: Record<ReportDimension, string> = {
  MONTH: 'Month',
  REGION: 'Region',
  OWNER: 'Presales user',
  ACCOUNT: 'Account',
  INDUSTRY: 'Industry',
  USE_CASE: 'Use case',
  SALES_REP: 'Sales rep',
  CATEGORY: 'Category',
  TYPE: 'Type',
  CALL_TYPE: 'Call type',
};

export function parseActivityReportParams(params: Record<string, unknown>): ActivityReportParams {
  const input = checkShape<ActivityReportInput>(params.input, INPUT, 'input');
  // GraphQL's default for orderBy.
  return { input: { ...input, orderBy: input.orderBy ?? ReportOrder.COUNT_DESC } };
}

/** Everything the service checks, without reading (the same statement builder throws the same messages). */
export function checkActivityReport(viewer: Viewer, params: ActivityReportParams): void {
  activityReportQuery(viewer, params.input);
}

export function activityReportFileBase(params: ActivityReportParams): string {
  return `pams-activity-report-${monthRangeSlug(params.input.from, params.input.to)}`;
}

/** The report's rows (key labels, then measures) and a totals line, as activityReport answers the viewer. */
export async function activityReportSource(em: EntityManager, viewer: Viewer, params: ActivityReportParams): Promise<TableSource> {
  const report = await activityReport(em, viewer, params.input);
  const withAccounts = Boolean(params.input.countAccounts);
  const columns: ExportColumn[] = [
    ...report.groupBy.map((d, i): ExportColumn => ({ key: `k${i}`, header: DIMENSION_HEADERS[d], type: 'text', pdfWidth: d === ReportDimension.MONTH ? 1 : 2 })),
    { key: 'activityCount', header: 'Activities', type: 'number' },
    { key: 'effortDays', header: 'Effort (days)', type: 'number' },
    { key: 'effortHours', header: 'Effort (hours)', type: 'number' },
    ...(withAccounts ? [{ key: 'accountCount', header: 'Accounts', type: 'number' } satisfies ExportColumn] : []),
  ];
  const line = (keys: (string | null)[], m: { activityCount: number; effortDays: number; effortHours: number; accountCount: number | null }): ExportRow => {
    const row: ExportRow = { activityCount: m.activityCount, effortDays: m.effortDays, effortHours: m.effortHours };
    keys.forEach((label, i) => (row[`k${i}`] = label));
    if (withAccounts) row.accountCount = m.accountCount;
    return row;
  };
  const rows = report.rows.map((r) => line(r.keys.map((k) => k.label), r));
  // The totals cover every row, past `limit` too; with no dimension the report is its totals.
  const totalKeys = report.groupBy.map((_, i) => (i === 0 ? 'Total' : null));
  rows.push(line(totalKeys, report.totals));
  const shown = report.rowCount > report.rows.length ? ` · first ${report.rows.length} of ${report.rowCount} rows` : '';
  return inMemorySource(
    {
      title: `Activity report — ${monthRangeLabel(report.from, report.to)}`,
      description: `${report.groupBy.length > 0 ? `By ${report.groupBy.map((d) => DIMENSION_HEADERS[d]).join(', ')}` : 'Totals'} · ${filterLabel(
        params.input.filter as Record<string, unknown> | null,
      )}${shown} · as of ${report.asOf.toISOString()}`,
      columns,
    },
    rows,
  );
}
