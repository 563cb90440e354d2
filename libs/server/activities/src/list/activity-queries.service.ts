import type { EntityManager } from '@mikro-orm/postgresql';
import { checkedPageSize, isUuid, publicError, searchPattern, type Viewer } from '@pams/server-core';
import { ActivityCategory, ActivityType, isValidDate, MONTH_PATTERN, monthRange } from '@pams/shared-util';
import { ActivityScope } from '../activity-enums.js';
import type { ActivityView } from '../activity.type.js';
import type { ActivityFilter } from './activity-filter.input.js';
import type { ActivityConnection, ActivityMonth } from './activity-list.type.js';
import {
  ACTIVITY_KEYSET,
  ACTIVITY_ORDER,
  countActivityRows,
  declareActivityCursor,
  readActivitiesByIds,
  selectActivityRows,
  toActivityViews,
  type ActivityRow,
  type SqlWhere,
} from './activity-read-model.js';

export const DEFAULT_HISTORY_PAGE_SIZE = 50;
const MAX_FILTER_IDS = 200;
const MAX_FILTER_TEXT = 200;

/** The activities of one month (P-002, P-009): one SQL statement, whatever the number of rows. */
export async function findActivitiesOfMonth(
  em: EntityManager,
  viewer: Viewer,
  month: string,
  filter: ActivityFilter | null | undefined,
  wanted: ReadonlySet<string> | null = null,
): Promise<ActivityMonth> {
  if (!MONTH_PATTERN.test(month)) throw publicError('BAD_USER_INPUT', '"month" must be YYYY-MM.');
  const { from, to } = monthRange(month);
  const where = filterWhere(viewer, filter);
  where.clauses.push('a.date >= ?', 'a.date < ?');
  where.params.push(from, to);
  // The totals need the efforts, whatever the query shows.
  const columns = wanted && new Set([...wanted, 'effortDays', 'effortHours']);
  const items = toActivityViews(await selectActivityRows(em, where, ACTIVITY_ORDER, columns));
  return { month, items, totals: totalsOf(items) };
}

/**
 * Every matching activity, newest first, by keyset pagination on (date, createdAt, id): a page
 * never shifts when activities are added meanwhile, and page 1,000 costs what page 1 costs.
 */
export async function findActivityHistory(
  em: EntityManager,
  viewer: Viewer,
  args: { first?: number | null; after?: string | null; filter?: ActivityFilter | null },
  maxPageSize: number,
  wanted: ReadonlySet<string> | null = null,
): Promise<ActivityConnection> {
  const page = ACTIVITY_KEYSET.page(checkedPageSize(args.first, DEFAULT_HISTORY_PAGE_SIZE, maxPageSize), args.after);
  const where = filterWhere(viewer, args.filter);
  if (page.where) {
    where.clauses.push(page.where.sql);
    where.params.push(...page.where.params);
  }
  // The cursor is made of date, creation time and id, whatever the query shows.
  const columns = wanted && new Set([...wanted, 'date', 'createdAt']);
  const rows = await selectActivityRows(em, where, `order by ${page.orderBy} limit ${page.limit}`, columns);
  return page.connection(rows, toActivityViews);
}

let cursors = 0;

/**
 * Every activity `findActivityHistory` would page through for this filter, in the same order, in
 * batches of `batchSize` from one server-side cursor: one statement planned once instead of a keyset
 * statement per page (an export of every activity). Run it inside a transaction (a cursor lives in
 * one); the filter is checked before anything is read, and the cursor is closed when the batches end
 * or the consumer stops.
 */
export function activityHistoryBatches(
  em: EntityManager,
  viewer: Viewer,
  filter: ActivityFilter | null | undefined,
  batchSize: number,
): AsyncGenerator<ActivityView[]> {
  const where = filterWhere(viewer, filter);
  const name = `activity_history_${++cursors}`;
  return (async function* () {
    await declareActivityCursor(em, name, where);
    try {
      for (;;) {
        const rows = await em.execute<ActivityRow[]>(`fetch forward ${batchSize} from ${name}`, [], 'all');
        if (rows.length > 0) yield toActivityViews(rows);
        if (rows.length < batchSize) return;
      }
    } finally {
      await em.execute(`close ${name}`).catch(() => undefined);
    }
  })();
}

/** How many activities `findActivityHistory` pages through for this filter (an export's total). */
export async function countActivityHistory(em: EntityManager, viewer: Viewer, filter: ActivityFilter | null | undefined): Promise<number> {
  return countActivityRows(em, filterWhere(viewer, filter));
}

/** Everyone signed in may read any activity; a deleted one is gone for reads. */
export async function findActivity(em: EntityManager, id: string): Promise<ActivityView | null> {
  if (!isUuid(id)) return null;
  const found = (await readActivitiesByIds(em, [id])).get(id);
  return found && !found.deletedAt ? found : null;
}

function totalsOf(items: readonly ActivityView[]): ActivityMonth['totals'] {
  let days = 0;
  let halfHours = 0;
  for (const item of items) {
    if (item.effortDays !== null) days += item.effortDays;
    if (item.effortHours !== null) halfHours += item.effortHours * 2;
  }
  return { count: items.length, days, hours: halfHours / 2 };
}

/** The WHERE of a list read; deleted activities never appear. */
function filterWhere(viewer: Viewer, filter: ActivityFilter | null | undefined): SqlWhere {
  const clauses = ['a.deleted_at is null'];
  const params: unknown[] = [];
  const scope = filter?.scope ?? ActivityScope.MINE;
  if (scope === ActivityScope.MINE) {
    clauses.push('a.owner_id = ?');
    params.push(viewer.id);
  } else if (scope === ActivityScope.REGION) {
    if (viewer.regionIds.length === 0) clauses.push('false');
    else {
      clauses.push('a.region_id in (?)');
      params.push(viewer.regionIds);
    }
  }
  const ids = (column: string, field: string, values: string[] | null | undefined) => {
    if (!values || values.length === 0) return;
    if (values.length > MAX_FILTER_IDS) throw publicError('BAD_USER_INPUT', `"${field}" takes at most ${MAX_FILTER_IDS} ids.`);
    if (!values.every(isUuid)) throw publicError('BAD_USER_INPUT', `"${field}" holds an invalid id.`);
    clauses.push(`${column} in (?)`);
    params.push(values);
  };
  ids('a.owner_id', 'ownerIds', filter?.ownerIds);
  ids('a.region_id', 'regionIds', filter?.regionIds);
  ids('a.account_id', 'accountIds', filter?.accountIds);
  ids('a.project_id', 'projectIds', filter?.projectIds);
  ids('ac.industry_id', 'industryIds', filter?.industryIds);
  if (filter?.category) {
    if (!Object.values(ActivityCategory).includes(filter.category)) throw publicError('BAD_USER_INPUT', '"category" is invalid.');
    clauses.push('a.category = ?');
    params.push(filter.category);
  }
  if (filter?.types && filter.types.length > 0) {
    if (!filter.types.every((t) => Object.values(ActivityType).includes(t))) throw publicError('BAD_USER_INPUT', '"types" holds an invalid type.');
    clauses.push('a.type in (?)');
    params.push(filter.types);
  }
  for (const [field, op] of [['dateFrom', '>='], ['dateTo', '<=']] as const) {
    const value = filter?.[field];
    if (value == null) continue;
    if (!isValidDate(value)) throw publicError('BAD_USER_INPUT', `"${field}" must be a date, YYYY-MM-DD.`);
    clauses.push(`a.date ${op} ?`);
    params.push(value);
  }
  const text = filter?.text?.trim();
  if (text) {
    const pattern = searchPattern('text', text, MAX_FILTER_TEXT);
    const columns = ['a.name', 'a.topic', 'a.description', 'a.minutes_of_meeting', 'ac.name', 'p.name'];
    clauses.push(`(${columns.map((c) => `${c} ilike ?`).join(' or ')})`);
    params.push(...columns.map(() => pattern));
  }
  return { clauses, params };
}
