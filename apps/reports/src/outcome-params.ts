import type { OutcomeDimension, OutcomeReportInput } from '@pams/client-reports-data-access';
import { readRange, writeRange, type ReportRange } from './report-range.js';
import { monthsOf } from './report-params.js';

/** The wins & losses page's state, in the URL like the builder's (`/reports/outcomes?last=12&by=INDUSTRY`). */
export interface OutcomeParams {
  range: ReportRange;
  /** Up to two dimensions. */
  groupBy: OutcomeDimension[];
  regionIds: string[];
}

export const OUTCOME_DIMENSIONS: readonly { value: OutcomeDimension; label: string }[] = [
  { value: 'INDUSTRY', label: 'Industry' },
  { value: 'USE_CASE', label: 'Use case' },
  { value: 'REGION', label: 'Region' },
  { value: 'WON_BY', label: 'Won by' },
  { value: 'ACCOUNT_KIND', label: 'Account kind' },
  { value: 'MONTH', label: 'Month' },
];

export const DEFAULT_OUTCOME_GROUP_BY: readonly OutcomeDimension[] = ['INDUSTRY'];
const ID = /^[0-9a-f-]{36}$/i;

export function readOutcomeParams(search: URLSearchParams): OutcomeParams {
  const known = new Set<string>(OUTCOME_DIMENSIONS.map((d) => d.value));
  const by = search.get('by');
  const groupBy =
    by === null
      ? [...DEFAULT_OUTCOME_GROUP_BY]
      : ([...new Set(by.split(',').filter((d) => known.has(d)))].slice(0, 2) as OutcomeDimension[]);
  const regionIds = (search.get('region') ?? '').split(',').filter((id) => ID.test(id));
  return { range: readRange(search), groupBy, regionIds: [...new Set(regionIds)] };
}

export function outcomeHref(params: OutcomeParams): string {
  const search = new URLSearchParams();
  writeRange(search, params.range);
  if (params.groupBy.join(',') !== DEFAULT_OUTCOME_GROUP_BY.join(',')) search.set('by', params.groupBy.join(','));
  if (params.regionIds.length > 0) search.set('region', params.regionIds.join(','));
  const query = search.toString();
  return query ? `/reports/outcomes?${query}` : '/reports/outcomes';
}

export function outcomeInput(params: OutcomeParams, currentMonth: string): OutcomeReportInput {
  const { from, to } = monthsOf(params.range, currentMonth);
  return {
    from,
    to,
    groupBy: [...params.groupBy],
    ...(params.regionIds.length > 0 ? { regionIds: [...params.regionIds].sort() } : {}),
  };
}
