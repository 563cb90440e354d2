import type { EntityManager } from '@mikro-orm/postgresql';
import { publicError, type Viewer } from '@pams/server-core';
import { ActivityScope, activityHistoryBatches, countActivityHistory, findActivityHistory, type ActivityFilter, type ActivityView } from '@pams/server-activities';
import { ACTIVITY_TYPE_LABELS, ActivityCategory, ActivityType, isValidDate, MONTH_PATTERN, monthRange } from '@pams/shared-util';
import { checkShape, enumOf, ID_LIST, listOf, type Shape } from '../input-shape.js';
import type { ExportColumn, ExportRow, TableSource } from '../table-source.js';
import { filterLabel, monthRangeLabel } from './describe.js';

/** Rows per batch fetched from the export's cursor (newest first, as activityHistory pages). */
export const ACTIVITY_EXPORT_PAGE = 1_000;

export interface ActivitiesParams {
  /** One month (YYYY-MM), as the month view; none: every activity the filter matches. */
  month: string | null;
  filter: ActivityFilter | null;
}

const FILTER: Shape = {
  kind: 'object',
  name: 'ActivityFilter',
  fields: {
    scope: enumOf(ActivityScope, 'ActivityScope'),
    ownerIds: ID_LIST,
    regionIds: ID_LIST,
    accountIds: ID_LIST,
    projectIds: ID_LIST,
    category: enumOf(ActivityCategory, 'ActivityCategory'),
    types: listOf(enumOf(ActivityType, 'ActivityType')),
    industryIds: ID_LIST,
    text: { kind: 'string' },
    dateFrom: { kind: 'string' },
    dateTo: { kind: 'string' },
  },
};

export const ACTIVITY_COLUMNS: ExportColumn[] = [
  { key: 'date', header: 'Date', type: 'date', pdfWidth: 1 },
  { key: 'owner', header: 'Owner', type: 'text', pdfWidth: 1.5 },
  { key: 'ownerEmail', header: 'Owner email', type: 'text', pdfWidth: 0 },
  { key: 'region', header: 'Region', type: 'text', pdfWidth: 1.2 },
  { key: 'category', header: 'Category', type: 'text', pdfWidth: 0 },
  { key: 'type', header: 'Type', type: 'text', pdfWidth: 1.6 },
  { key: 'account', header: 'Account', type: 'text', pdfWidth: 1.8 },
  { key: 'project', header: 'Project', type: 'text', pdfWidth: 1.6 },
  { key: 'effortDays', header: 'Effort (days)', type: 'number', pdfWidth: 1.05 },
  { key: 'effortHours', header: 'Effort (hours)', type: 'number', pdfWidth: 1.1 },
  { key: 'callType', header: 'Call type', type: 'text', pdfWidth: 0 },
  { key: 'name', header: 'Name', type: 'text', pdfWidth: 1.8 },
  { key: 'topic', header: 'Topic', type: 'text', pdfWidth: 1.3 },
  { key: 'description', header: 'Description', type: 'text', pdfWidth: 0 },
  { key: 'minutesOfMeeting', header: 'Minutes of meeting', type: 'text', pdfWidth: 0 },
  { key: 'sowLink', header: 'SOW link', type: 'text', pdfWidth: 0 },
  { key: 'pocAccessType', header: 'PoC access', type: 'text', pdfWidth: 0 },
  { key: 'pocUseCase', header: 'PoC use case', type: 'text', pdfWidth: 0 },
  { key: 'pocStartDate', header: 'PoC start', type: 'date', pdfWidth: 0 },
  { key: 'pocEndDate', header: 'PoC end', type: 'date', pdfWidth: 0 },
  { key: 'rfxType', header: 'RFx type', type: 'text', pdfWidth: 0 },
  { key: 'submissionDeadline', header: 'Submission deadline', type: 'date', pdfWidth: 0 },
  { key: 'createdAt', header: 'Created', type: 'datetime', pdfWidth: 0 },
  { key: 'updatedAt', header: 'Updated', type: 'datetime', pdfWidth: 0 },
  { key: 'id', header: 'Id', type: 'text', pdfWidth: 0 },
];

export function parseActivitiesParams(params: Record<string, unknown>): ActivitiesParams {
  const month = params.month ?? null;
  if (month !== null && typeof month !== 'string') throw publicError('BAD_USER_INPUT', '"month" must be YYYY-MM.');
  const filter = checkShape<ActivityFilter | undefined>(params.filter, FILTER, 'filter') ?? null;
  // The month view's own message (findActivitiesOfMonth).
  if (month !== null && !MONTH_PATTERN.test(month)) throw publicError('BAD_USER_INPUT', '"month" must be YYYY-MM.');
  return { month, filter };
}

export function activitiesFileBase(params: ActivitiesParams, now = new Date()): string {
  return `pams-activities-${params.month ?? `all-${now.toISOString().slice(0, 10)}`}`;
}

/**
 * The filter the history reads with: a month narrows the filter's own dates (the month view applies both).
 * A malformed date is passed on untouched, so the service refuses it with its own message.
 */
export function effectiveFilter(params: ActivitiesParams): ActivityFilter | null {
  if (!params.month) return params.filter;
  const { from, to } = monthRange(params.month);
  const last = new Date(Date.parse(`${to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const given = params.filter ?? {};
  const dateFrom = given.dateFrom && isValidDate(given.dateFrom) ? (given.dateFrom > from ? given.dateFrom : from) : (given.dateFrom ?? from);
  const dateTo = given.dateTo && isValidDate(given.dateTo) ? (given.dateTo < last ? given.dateTo : last) : (given.dateTo ?? last);
  return { ...given, dateFrom, dateTo };
}

/** The history's own validation of the filter, reading one row. */
export async function checkActivities(em: EntityManager, viewer: Viewer, params: ActivitiesParams): Promise<void> {
  await findActivityHistory(em, viewer, { first: 1, filter: effectiveFilter(params) }, 1);
}

function toRow(a: ActivityView): ExportRow {
  return {
    date: a.date,
    owner: a.owner.name,
    ownerEmail: a.owner.email,
    region: a.region?.name ?? null,
    category: a.category,
    type: ACTIVITY_TYPE_LABELS[a.type] ?? a.type,
    account: a.account?.name ?? null,
    project: a.project?.name ?? null,
    effortDays: a.effortDays,
    effortHours: a.effortHours,
    callType: a.callType,
    name: a.name,
    topic: a.topic,
    description: a.description,
    minutesOfMeeting: a.minutesOfMeeting,
    sowLink: a.sowLink,
    pocAccessType: a.pocAccessType,
    pocUseCase: a.pocUseCase,
    pocStartDate: a.pocStartDate,
    pocEndDate: a.pocEndDate,
    rfxType: a.rfxType,
    submissionDeadline: a.submissionDeadline,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    id: a.id,
  };
}

/**
 * Every activity the filter (and month) matches, newest first — the rows and order activityHistory
 * pages through, with the API's own access rules and validation — fetched from one server-side cursor
 * in batches of 1,000 (one statement, not one per keyset page: docs/benchmarks.md, "Exports"). Run it
 * in one repeatable-read transaction and the count and every batch see the same snapshot. The filter
 * is checked and the first batch read here, so bad input fails before anything is written.
 */
export async function activitiesSource(em: EntityManager, viewer: Viewer, params: ActivitiesParams): Promise<TableSource> {
  const filter = effectiveFilter(params);
  const total = await countActivityHistory(em, viewer, filter);
  const batches = activityHistoryBatches(em, viewer, filter, ACTIVITY_EXPORT_PAGE);
  const first = await batches.next();
  const scope = filter?.scope ?? ActivityScope.MINE;
  const { dateFrom: _from, dateTo: _to, scope: _scope, ...rest } = filter ?? {};
  const dates = params.month ? monthRangeLabel(params.month, params.month) : `${filter?.dateFrom ?? 'any date'} to ${filter?.dateTo ?? 'today and later'}`;
  return {
    title: params.month ? `Activities — ${dates}` : 'Activities',
    description: `${params.month ? '' : `${dates} · `}Scope: ${scope} · ${filterLabel(rest as Record<string, unknown>)} · ${total.toLocaleString('en-US')} activities, newest first`,
    columns: ACTIVITY_COLUMNS,
    total,
    async *batches() {
      try {
        if (first.done) {
          yield [];
          return;
        }
        yield first.value.map(toRow);
        for await (const views of batches) yield views.map(toRow);
      } finally {
        await batches.return(undefined);
      }
    },
  };
}
