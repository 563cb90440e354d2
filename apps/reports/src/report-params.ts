import type {
  ActivityCategory,
  ActivityReportInput,
  ActivityType,
  CallType,
  ReportChart,
  ReportDefinitionInput,
  ReportDimension,
  ReportFilter,
  ReportOrder,
  ReportPreset,
} from '@pams/client-reports-data-access';
import { CallType as CALL_TYPES, EXTERNAL_TYPES, INTERNAL_TYPES, MONTH_PATTERN } from '@pams/shared-util';
import { monthOf, readRange, shiftMonth, writeRange, type ReportRange } from './report-range.js';

/**
 * The builder's whole state lives in the URL (`/reports?last=3&by=TYPE,REGION&category=EXTERNAL&view=BAR`):
 * a reload or a shared link reproduces the report, and the intent prefetch computes from a link exactly the
 * input the page will ask for, so the click finds it cached.
 */
export interface ReportParams {
  range: ReportRange;
  /** Up to three dimensions, in the order the table shows them. */
  groupBy: ReportDimension[];
  filter: FilterParams;
  orderBy: ReportOrder;
  countAccounts: boolean;
  /** Most rows (a top-N report); absent for all rows. */
  limit?: number;
  view: ReportChart;
  /** The preset the report was loaded from, so it can be saved over. */
  preset?: string;
}

export interface FilterParams {
  regionIds: string[];
  industryIds: string[];
  ownerIds: string[];
  accountIds: string[];
  useCaseIds: string[];
  salesRepIds: string[];
  categories: ActivityCategory[];
  types: ActivityType[];
  callTypes: CallType[];
}

export const MAX_DIMENSIONS = 3;
export const MAX_LIMIT = 5000;

/** Every dimension, in the order the grouping selects offer them. */
export const DIMENSIONS: readonly { value: ReportDimension; label: string }[] = [
  { value: 'MONTH', label: 'Month' },
  { value: 'REGION', label: 'Region' },
  { value: 'OWNER', label: 'Presales user' },
  { value: 'SALES_REP', label: 'Sales rep' },
  { value: 'ACCOUNT', label: 'Account' },
  { value: 'INDUSTRY', label: 'Industry' },
  { value: 'USE_CASE', label: 'Use case' },
  { value: 'CATEGORY', label: 'Category' },
  { value: 'TYPE', label: 'Type' },
  { value: 'CALL_TYPE', label: 'Call type' },
];

export const DIMENSION_LABELS = Object.fromEntries(DIMENSIONS.map((d) => [d.value, d.label])) as Record<ReportDimension, string>;

/** What the builder shows with no `by` in the URL: the breakdown by type. */
export const DEFAULT_GROUP_BY: readonly ReportDimension[] = ['TYPE'];

const CATEGORIES: readonly string[] = ['EXTERNAL', 'INTERNAL'] satisfies ActivityCategory[];
const TYPES: readonly string[] = [...EXTERNAL_TYPES, ...INTERNAL_TYPES];
const CALLS: readonly string[] = Object.values(CALL_TYPES);
const VIEWS: readonly string[] = ['TABLE', 'BAR', 'LINE'] satisfies ReportChart[];

/** The URL parameter of each filter list (values comma-separated). */
const FILTER_KEYS = {
  regionIds: 'region',
  industryIds: 'industry',
  ownerIds: 'owner',
  accountIds: 'account',
  useCaseIds: 'usecase',
  salesRepIds: 'rep',
  categories: 'category',
  types: 'type',
  callTypes: 'call',
} as const satisfies Record<keyof FilterParams, string>;

const ALLOWED: Partial<Record<keyof FilterParams, readonly string[]>> = { categories: CATEGORIES, types: TYPES, callTypes: CALLS };
const ID = /^[0-9a-f-]{36}$/i;

export const NO_FILTER: FilterParams = {
  regionIds: [],
  industryIds: [],
  ownerIds: [],
  accountIds: [],
  useCaseIds: [],
  salesRepIds: [],
  categories: [],
  types: [],
  callTypes: [],
};

function list(search: URLSearchParams, key: string): string[] {
  const raw = search.get(key);
  if (!raw) return [];
  return [...new Set(raw.split(',').map((part) => part.trim()).filter(Boolean))];
}

/** Reads the params from a URL's search, dropping what is not valid (a hand-edited URL shows defaults). */
export function readReportParams(search: URLSearchParams): ReportParams {
  const dims = new Set<string>(DIMENSIONS.map((d) => d.value));
  const groupBy = search.has('by')
    ? (list(search, 'by').filter((d) => dims.has(d)).slice(0, MAX_DIMENSIONS) as ReportDimension[])
    : [...DEFAULT_GROUP_BY];
  const filter = { ...NO_FILTER };
  for (const [field, key] of Object.entries(FILTER_KEYS) as [keyof FilterParams, string][]) {
    const allowed = ALLOWED[field];
    (filter[field] as string[]) = list(search, key).filter((value) => (allowed ? allowed.includes(value) : ID.test(value)));
  }
  const limit = Number(search.get('limit'));
  const view = search.get('view') ?? '';
  const preset = search.get('preset');
  return {
    range: readRange(search),
    groupBy,
    filter,
    orderBy: search.get('order') === 'KEY' ? 'KEY' : 'COUNT_DESC',
    countAccounts: search.get('accounts') === '1',
    ...(Number.isInteger(limit) && limit > 0 && limit <= MAX_LIMIT ? { limit } : {}),
    view: (VIEWS.includes(view) ? view : 'TABLE') as ReportChart,
    ...(preset && ID.test(preset) ? { preset } : {}),
  };
}

/** The search part of the builder's URL for these params (defaults left out, so links stay short and stable). */
export function reportSearch(params: ReportParams): URLSearchParams {
  const search = new URLSearchParams();
  writeRange(search, params.range);
  if (params.groupBy.join(',') !== DEFAULT_GROUP_BY.join(',')) search.set('by', params.groupBy.join(','));
  for (const [field, key] of Object.entries(FILTER_KEYS) as [keyof FilterParams, string][]) {
    if (params.filter[field].length > 0) search.set(key, params.filter[field].join(','));
  }
  if (params.orderBy === 'KEY') search.set('order', 'KEY');
  if (params.countAccounts) search.set('accounts', '1');
  if (params.limit) search.set('limit', String(params.limit));
  if (params.view !== 'TABLE') search.set('view', params.view);
  if (params.preset) search.set('preset', params.preset);
  return search;
}

export function reportHref(params: ReportParams): string {
  const query = reportSearch(params).toString();
  return query ? `/reports?${query}` : '/reports';
}

/** Only the criteria given, sorted, so equal params always give equal (cache-hitting) variables. */
export function reportFilter(filter: FilterParams): ReportFilter | undefined {
  const out: ReportFilter = {};
  for (const field of Object.keys(FILTER_KEYS) as (keyof FilterParams)[]) {
    if (filter[field].length > 0) (out[field] as string[]) = [...filter[field]].sort();
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The activityReport input of these params; `currentMonth` resolves "the last N months". */
export function reportInput(params: ReportParams, currentMonth: string): ActivityReportInput {
  const { from, to } = monthsOf(params.range, currentMonth);
  const filter = reportFilter(params.filter);
  return {
    from,
    to,
    groupBy: [...params.groupBy],
    orderBy: params.orderBy,
    ...(filter ? { filter } : {}),
    ...(params.countAccounts ? { countAccounts: true } : {}),
    ...(params.limit ? { limit: params.limit } : {}),
  };
}

/** First and last month of a range. */
export function monthsOf(range: ReportRange, currentMonth: string): { from: string; to: string } {
  return range.kind === 'fixed' ? { from: range.from, to: range.to } : { from: shiftMonth(currentMonth, 1 - range.months), to: currentMonth };
}

/** What a preset stores (a preset keeps "the last N months" relative, so it moves with the calendar). */
export function definitionOf(params: ReportParams): ReportDefinitionInput {
  const filter = reportFilter(params.filter);
  return {
    ...(params.range.kind === 'fixed' ? { from: params.range.from, to: params.range.to } : { lastMonths: params.range.months }),
    groupBy: [...params.groupBy],
    orderBy: params.orderBy,
    countAccounts: params.countAccounts,
    chart: params.view,
    ...(params.limit ? { limit: params.limit } : {}),
    ...(filter ? { filter } : {}),
  };
}

/** The params a preset opens with; invalid stored values fall back to defaults, as a hand-edited URL would. */
export function paramsOfPreset(preset: ReportPreset): ReportParams {
  const { definition } = preset;
  const filter = { ...NO_FILTER };
  for (const field of Object.keys(FILTER_KEYS) as (keyof FilterParams)[]) {
    (filter[field] as string[]) = [...(definition.filter?.[field] ?? [])];
  }
  const range: ReportRange =
    definition.from && definition.to && MONTH_PATTERN.test(definition.from) && MONTH_PATTERN.test(definition.to)
      ? { kind: 'fixed', from: definition.from, to: definition.to }
      : { kind: 'last', months: definition.lastMonths ?? 1 };
  // Through the URL reader, so a preset and a link can never disagree on what is valid.
  return readReportParams(reportSearch({
    range,
    groupBy: [...definition.groupBy],
    filter,
    orderBy: definition.orderBy ?? 'COUNT_DESC',
    countAccounts: definition.countAccounts,
    view: definition.chart,
    ...(definition.limit ? { limit: definition.limit } : {}),
    preset: preset.id,
  }));
}

/** The same report, ignoring which preset it came from: is the page showing this preset unchanged? */
export function sameReport(a: ReportParams, b: ReportParams): boolean {
  const key = (p: ReportParams) => reportSearch({ ...p, preset: undefined }).toString();
  return key(a) === key(b);
}

export { monthOf, shiftMonth };
