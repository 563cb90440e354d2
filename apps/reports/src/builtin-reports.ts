import type { ReportDimension } from '@pams/client-reports-data-access';
import { NO_FILTER, sameReport, type FilterParams, type ReportParams } from './report-params.js';
import { writeRange } from './report-range.js';

/** A named report: one click sets grouping, filters and options, keeping the range and the region filter. */
export interface BuiltinReport {
  id: string;
  label: string;
  /** Only for the outcomes page (a separate query): its URL. */
  outcomes?: true;
  groupBy?: ReportDimension[];
  filter?: Partial<FilterParams>;
  countAccounts?: boolean;
  limit?: number;
}

export const BUILTIN_REPORTS: readonly BuiltinReport[] = [
  { id: 'by-type', label: 'Activity breakdown by type', groupBy: ['TYPE'] },
  { id: 'internal-external', label: 'Internal vs external', groupBy: ['CATEGORY'] },
  { id: 'call-types', label: 'Call types', groupBy: ['CALL_TYPE'], filter: { types: ['CUSTOMER_CALL'] } },
  { id: 'external-by-region', label: 'External activity by region', groupBy: ['REGION'], filter: { categories: ['EXTERNAL'] } },
  { id: 'industry-region', label: 'Industry-wise regional traffic', groupBy: ['INDUSTRY', 'REGION'] },
  { id: 'industry-totals', label: 'Industry totals and averages', groupBy: ['INDUSTRY'], countAccounts: true },
  { id: 'top-sales-reps', label: 'Top 10 sales reps by requests', groupBy: ['SALES_REP'], filter: { categories: ['EXTERNAL'] }, limit: 10 },
  { id: 'by-presales-user', label: 'Activity by presales user', groupBy: ['OWNER'] },
  { id: 'wins-losses', label: 'Wins & losses', outcomes: true },
];

/** The builder's params for a named report, from the current ones (range, region filter and view kept). */
export function applyBuiltin(report: BuiltinReport, current: ReportParams): ReportParams {
  return {
    range: current.range,
    groupBy: [...(report.groupBy ?? [])],
    filter: { ...NO_FILTER, regionIds: current.filter.regionIds, ...report.filter },
    orderBy: 'COUNT_DESC',
    countAccounts: report.countAccounts ?? false,
    ...(report.limit ? { limit: report.limit } : {}),
    view: current.view,
  };
}

/** The URL a named report opens. */
export function builtinHref(report: BuiltinReport, current: ReportParams, hrefOf: (params: ReportParams) => string): string {
  if (!report.outcomes) return hrefOf(applyBuiltin(report, current));
  const search = new URLSearchParams();
  writeRange(search, current.range);
  if (current.filter.regionIds.length > 0) search.set('region', current.filter.regionIds.join(','));
  const query = search.toString();
  return query ? `/reports/outcomes?${query}` : '/reports/outcomes';
}

/** The named report the page shows now, if it is one (view and preset aside). */
export function currentBuiltin(params: ReportParams): BuiltinReport | undefined {
  return BUILTIN_REPORTS.find((report) => !report.outcomes && sameReport({ ...applyBuiltin(report, params), view: params.view }, params));
}
