import type { ActivityCategory, ActivityFilter, ActivityScope, ActivityType, MonthActivitiesQueryVariables } from '@pams/client-activities-data-access';
import { EXTERNAL_TYPES, INTERNAL_TYPES, MONTH_PATTERN } from '@pams/shared-util';

/**
 * The month view's state lives in the URL (`/activities?month=2025-03&scope=REGION&type=POC`): links can
 * be shared and bookmarked, back and forward work, and the intent prefetch computes from a link's href
 * exactly the variables the page will ask for, so the click finds them cached.
 */
export interface MonthParams {
  month: string;
  scope: ActivityScope;
  category?: ActivityCategory;
  type?: ActivityType;
  region?: string;
  industry?: string;
  owner?: string;
  account?: string;
  project?: string;
  text?: string;
}

/** The URL parameter of each optional filter. */
const KEYS = {
  scope: 'scope',
  category: 'category',
  type: 'type',
  region: 'region',
  industry: 'industry',
  owner: 'owner',
  account: 'account',
  project: 'project',
  text: 'q',
} as const satisfies Record<Exclude<keyof MonthParams, 'month'>, string>;

const SCOPES: readonly string[] = ['MINE', 'REGION', 'ALL'] satisfies ActivityScope[];
const CATEGORIES: readonly string[] = ['EXTERNAL', 'INTERNAL'] satisfies ActivityCategory[];
const TYPES: readonly string[] = [...EXTERNAL_TYPES, ...INTERNAL_TYPES];

/** `YYYY-MM` of a date, in the browser's time zone (the user's calendar). */
export function monthOf(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

export function shiftMonth(month: string, by: number): string {
  const [year, m] = month.split('-').map(Number);
  return monthOf(new Date(year, m - 1 + by, 1));
}

/** Reads the params from a URL's search, ignoring values that are not valid (a hand-edited URL shows defaults). */
export function readMonthParams(search: URLSearchParams, currentMonth: string): MonthParams {
  const month = search.get('month');
  const pick = (key: string, allowed?: readonly string[]) => {
    const value = search.get(key)?.trim();
    return value && (!allowed || allowed.includes(value)) ? value : undefined;
  };
  return {
    month: month && MONTH_PATTERN.test(month) ? month : currentMonth,
    scope: (pick(KEYS.scope, SCOPES) as ActivityScope | undefined) ?? 'MINE',
    category: pick(KEYS.category, CATEGORIES) as ActivityCategory | undefined,
    type: pick(KEYS.type, TYPES) as ActivityType | undefined,
    region: pick(KEYS.region),
    industry: pick(KEYS.industry),
    owner: pick(KEYS.owner),
    account: pick(KEYS.account),
    project: pick(KEYS.project),
    text: pick(KEYS.text),
  };
}

/** The URL of the month view with these params (defaults left out, so links stay short and stable). */
export function monthHref(params: MonthParams, currentMonth: string): string {
  const search = new URLSearchParams();
  if (params.month !== currentMonth) search.set('month', params.month);
  for (const [field, key] of Object.entries(KEYS) as [keyof typeof KEYS, string][]) {
    const value = params[field];
    if (value && !(field === 'scope' && value === 'MINE')) search.set(key, value);
  }
  const query = search.toString();
  return query ? `/activities?${query}` : '/activities';
}

/** The query variables: only the criteria given, so equal params always give equal (cache-hitting) variables. */
export function monthVariables(params: MonthParams): MonthActivitiesQueryVariables {
  const filter: ActivityFilter = { scope: params.scope };
  if (params.category) filter.category = params.category;
  if (params.type) filter.types = [params.type];
  if (params.region) filter.regionIds = [params.region];
  if (params.industry) filter.industryIds = [params.industry];
  if (params.owner) filter.ownerIds = [params.owner];
  if (params.account) filter.accountIds = [params.account];
  if (params.project) filter.projectIds = [params.project];
  if (params.text) filter.text = params.text;
  return { month: params.month, filter };
}
