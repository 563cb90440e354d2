import type { ActivityReportRow, ReportDimension, Role } from '@pams/client-reports-data-access';
import { DIMENSION_LABELS, type FilterParams } from './report-params.js';

/**
 * The activities remote's month view understands these URL parameters (apps/activities/src/month/month-params.ts):
 * month, scope (MINE | REGION | ALL), category, type, region, industry, owner, account, project, q, one value
 * each. Remotes never import each other, so the names are repeated here; the browser test follows a link.
 */
type MonthViewParam = 'month' | 'scope' | 'category' | 'type' | 'region' | 'industry' | 'owner' | 'account';

/** The month-view filter each report key becomes, where there is one. */
const KEY_PARAMS: Partial<Record<ReportDimension, MonthViewParam>> = {
  MONTH: 'month',
  REGION: 'region',
  INDUSTRY: 'industry',
  OWNER: 'owner',
  ACCOUNT: 'account',
  CATEGORY: 'category',
  TYPE: 'type',
};

/** Report filters the month view can apply when they hold exactly one value. */
const FILTER_PARAMS: readonly [keyof FilterParams, MonthViewParam][] = [
  ['regionIds', 'region'],
  ['industryIds', 'industry'],
  ['ownerIds', 'owner'],
  ['accountIds', 'account'],
  ['categories', 'category'],
  ['types', 'type'],
];

const FILTER_NAMES: Record<keyof FilterParams, string> = {
  regionIds: 'region',
  industryIds: 'industry',
  ownerIds: 'presales user',
  accountIds: 'account',
  useCaseIds: 'use case',
  salesRepIds: 'sales rep',
  categories: 'category',
  types: 'type',
  callTypes: 'call type',
};

export interface MonthLink {
  href: string;
  /** True when the month view shows exactly this row's activities. */
  exact: boolean;
  /** What the month view could not apply (for the link's title). */
  approximations: string[];
}

interface LinkContext {
  role: Role;
  /** First and last month of the report. */
  from: string;
  to: string;
  filter: FilterParams;
}

/** Whose activities the month view lists: the viewer's regions, or everyone's for roles that read everything. */
function scopeFor(role: Role): 'REGION' | 'ALL' {
  return role === 'MANAGER' || role === 'MEMBER' ? 'REGION' : 'ALL';
}

/**
 * The month view of one report row: the row's month (or the report's, when it spans one month; else its
 * first month) with every key and filter the month view can apply. What it cannot is listed, so the link
 * says it is a starting point rather than the row itself.
 */
export function monthLinkOf(row: Pick<ActivityReportRow, 'keys'>, context: LinkContext): MonthLink {
  const params = new Map<MonthViewParam, string>();
  const approximations: string[] = [];
  const monthKey = row.keys.find((key) => key.dimension === 'MONTH')?.id;
  if (monthKey) params.set('month', monthKey);
  else {
    params.set('month', context.from);
    if (context.from !== context.to) approximations.push(`only the first month (${context.from})`);
  }
  for (const [field, param] of FILTER_PARAMS) {
    const values = context.filter[field];
    if (values.length === 1) params.set(param, values[0]);
    else if (values.length > 1) approximations.push(`one ${FILTER_NAMES[field]} at a time`);
  }
  for (const field of ['useCaseIds', 'salesRepIds', 'callTypes'] as const) {
    if (context.filter[field].length > 0) approximations.push(`no ${FILTER_NAMES[field]} filter`);
  }
  for (const key of row.keys) {
    if (key.dimension === 'MONTH') continue;
    const param = KEY_PARAMS[key.dimension];
    if (key.dimension === 'CALL_TYPE' && key.id) {
      // Call types belong to customer calls: the nearest the month view has.
      params.set('type', 'CUSTOMER_CALL');
      approximations.push('all customer calls, not one call type');
    } else if (!param || !key.id) {
      approximations.push(`no ${DIMENSION_LABELS[key.dimension].toLowerCase()} filter${key.id ? '' : ` for "${key.label}"`}`);
    } else {
      params.set(param, key.id);
    }
  }
  params.set('scope', scopeFor(context.role));
  const search = new URLSearchParams();
  for (const name of ['month', 'scope', 'category', 'type', 'region', 'industry', 'owner', 'account'] as const) {
    const value = params.get(name);
    if (value) search.set(name, value);
  }
  return { href: `/activities?${search.toString()}`, exact: approximations.length === 0, approximations };
}
