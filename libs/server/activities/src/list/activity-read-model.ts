import type { EntityManager } from '@mikro-orm/postgresql';
import { defineKeyset } from '@pams/server-core';
import type { ActivityCategory, ActivityType, CallType, PocAccessType, RfxType } from '@pams/shared-util';
import type { ActivityOwnerView, ActivityView, NamedView } from '../activity.type.js';

/**
 * The activity read model: one statement, only the columns the Activity type shows, owner, region,
 * account and project joined; rows become plain objects (no entities, no identity map, no promise
 * per row). Write paths never use it to decide anything; they load entities.
 */
const ACTIVITY_FROM = `from activity a
  join app_user o on o.id = a.owner_id
  left join region r on r.id = a.region_id
  left join account ac on ac.id = a.account_id
  left join project p on p.id = a.project_id`;

/** The columns behind each field of the Activity type: a list reads only those a query selects. */
const FIELD_COLUMNS: Record<string, string> = {
  id: 'a.id',
  version: 'a.version',
  date: 'a.date::text as date',
  category: 'a.category',
  type: 'a.type',
  owner: 'o.id as owner_id, o.name as owner_name, o.email as owner_email',
  region: 'r.id as region_id, r.name as region_name',
  // Names by primary key per row: joining the whole account/project tables made PostgreSQL hash
  // both for every month view (docs/benchmarks.md); the joins stay for the filters that need them.
  account: 'a.account_id as account_id, (select x.name from account x where x.id = a.account_id) as account_name',
  project: 'a.project_id as project_id, (select x.name from project x where x.id = a.project_id) as project_name',
  effortDays: 'a.effort_days',
  effortHours: 'a.effort_half_hours',
  callType: 'a.call_type',
  minutesOfMeeting: 'a.minutes_of_meeting',
  sowLink: 'a.sow_link',
  pocAccessType: 'a.poc_access_type',
  pocUseCase: 'a.poc_use_case',
  pocStartDate: 'a.poc_start_date::text as poc_start_date',
  pocEndDate: 'a.poc_end_date::text as poc_end_date',
  rfxType: 'a.rfx_type',
  submissionDeadline: 'a.submission_deadline::text as submission_deadline',
  name: 'a.name',
  topic: 'a.topic',
  description: 'a.description',
  createdAt: 'a.created_at',
  updatedAt: 'a.updated_at',
  deletedAt: 'a.deleted_at',
};

const ALL_FIELDS = Object.keys(FIELD_COLUMNS);
const ALL_COLUMNS = ALL_FIELDS.map((f) => FIELD_COLUMNS[f]).join(', ');

/** `wanted` null: every column. The id is always read (views are keyed by it). */
function activityColumns(wanted: ReadonlySet<string> | null): string {
  if (!wanted) return ALL_COLUMNS;
  return ALL_FIELDS.filter((f) => f === 'id' || wanted.has(f)).map((f) => FIELD_COLUMNS[f]).join(', ');
}

export interface ActivityRow {
  id: string;
  version: number;
  date: string;
  category: ActivityCategory;
  type: ActivityType;
  effort_days: number | null;
  effort_half_hours: number | null;
  call_type: CallType | null;
  minutes_of_meeting: string | null;
  sow_link: string | null;
  poc_access_type: PocAccessType | null;
  poc_use_case: string | null;
  poc_start_date: string | null;
  poc_end_date: string | null;
  rfx_type: RfxType | null;
  submission_deadline: string | null;
  name: string | null;
  topic: string | null;
  description: string | null;
  /** Timestamps arrive as PostgreSQL text (MikroORM's type parsers): full microsecond precision. */
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  owner_id: string;
  owner_name: string;
  owner_email: string;
  region_id: string | null;
  region_name: string | null;
  account_id: string | null;
  account_name: string | null;
  project_id: string | null;
  project_name: string | null;
}

/** Newest first: by day, then by creation; the id breaks ties so keyset cursors are total. */
export const ACTIVITY_KEYSET = defineKeyset<ActivityRow>([
  { sql: 'a.date', direction: 'desc', kind: 'date', read: (row) => row.date },
  // The raw timestamp text keeps microseconds, which a JavaScript Date would lose.
  { sql: 'a.created_at', direction: 'desc', kind: 'timestamptz', read: (row) => row.created_at },
  { sql: 'a.id', direction: 'desc', kind: 'uuid', read: (row) => row.id },
]);

export const ACTIVITY_ORDER = `order by ${ACTIVITY_KEYSET.orderBy}`;

export interface SqlWhere {
  clauses: string[];
  params: unknown[];
}

/** `wanted`: the Activity fields the query selects (null: all of them). */
export async function selectActivityRows(em: EntityManager, where: SqlWhere, tail = '', wanted: ReadonlySet<string> | null = null): Promise<ActivityRow[]> {
  const sql = `select ${activityColumns(wanted)} ${ACTIVITY_FROM}
    where ${where.clauses.length > 0 ? where.clauses.join(' and ') : 'true'} ${tail}`;
  return em.execute<ActivityRow[]>(sql, where.params, 'all');
}

/** Declares a no-scroll cursor over a list read (all columns, newest first) in the current transaction. */
export async function declareActivityCursor(em: EntityManager, name: string, where: SqlWhere): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a cursor name: ${name}`);
  await em.execute(
    `declare ${name} no scroll cursor for select ${activityColumns(null)} ${ACTIVITY_FROM}
      where ${where.clauses.length > 0 ? where.clauses.join(' and ') : 'true'} ${ACTIVITY_ORDER}`,
    where.params,
  );
}

/** How many rows a list read would return (an export's total), over the same FROM and WHERE. */
export async function countActivityRows(em: EntityManager, where: SqlWhere): Promise<number> {
  const [row] = await em.execute<{ n: number }[]>(
    `select count(*)::int as n ${ACTIVITY_FROM} where ${where.clauses.length > 0 ? where.clauses.join(' and ') : 'true'}`,
    where.params,
  );
  return row.n;
}

/** Activities by id, deleted ones included (a conflict shows the server copy whatever it is). */
export async function readActivitiesByIds(em: EntityManager, ids: readonly string[]): Promise<Map<string, ActivityView>> {
  if (ids.length === 0) return new Map();
  const rows = await selectActivityRows(em, { clauses: ['a.id in (?)'], params: [[...ids]] });
  return new Map(toActivityViews(rows).map((view) => [view.id, view]));
}

/**
 * Rows to views; owners, regions, accounts and projects seen twice are shared, not copied.
 * Columns a query did not select are absent from its rows, and their fields from its views:
 * GraphQL never reads them.
 */
export function toActivityViews(rows: readonly ActivityRow[]): ActivityView[] {
  const owners = new Map<string, ActivityOwnerView>();
  const named = new Map<string, NamedView>();
  const namedOf = (id: string | null | undefined, name: string | null): NamedView | null => {
    if (id == null) return null;
    let found = named.get(id);
    if (!found) {
      found = { id, name: name ?? '' };
      named.set(id, found);
    }
    return found;
  };
  const views = new Array<ActivityView>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    let owner = owners.get(row.owner_id);
    if (!owner && row.owner_id !== undefined) {
      owner = { id: row.owner_id, name: row.owner_name, email: row.owner_email };
      owners.set(row.owner_id, owner);
    }
    views[i] = {
      id: row.id,
      version: row.version,
      date: row.date,
      category: row.category,
      type: row.type,
      owner: owner as ActivityOwnerView,
      region: namedOf(row.region_id, row.region_name),
      account: namedOf(row.account_id, row.account_name),
      project: namedOf(row.project_id, row.project_name),
      effortDays: row.effort_days,
      effortHours: row.effort_half_hours == null ? null : row.effort_half_hours / 2,
      callType: row.call_type,
      minutesOfMeeting: row.minutes_of_meeting,
      sowLink: row.sow_link,
      pocAccessType: row.poc_access_type,
      pocUseCase: row.poc_use_case,
      pocStartDate: row.poc_start_date,
      pocEndDate: row.poc_end_date,
      rfxType: row.rfx_type,
      submissionDeadline: row.submission_deadline,
      name: row.name,
      topic: row.topic,
      description: row.description,
      createdAt: timestamp(row.created_at) as Date,
      updatedAt: timestamp(row.updated_at) as Date,
      deletedAt: timestamp(row.deleted_at),
    };
  }
  return views;
}

function timestamp(text: string | null | undefined): Date | null {
  return text == null ? null : new Date(text);
}
