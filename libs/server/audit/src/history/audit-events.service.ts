import type { EntityManager } from '@mikro-orm/postgresql';
import { checkedPageSize, defineKeyset, isUuid, publicError } from '@pams/server-core';
import type { FieldChanges } from '../audit-event.entity.js';
import type { AuditEventFilter } from './audit-event-filter.input.js';
import type { AuditEventConnection, AuditEventType } from './audit-event.type.js';

export const DEFAULT_AUDIT_PAGE_SIZE = 50;

export interface AuditEventsArgs {
  first?: number | null;
  after?: string | null;
  filter?: AuditEventFilter | null;
  /** The `revision` of an earlier answer: when nothing was committed since, answer `notModified` and read no rows. */
  unlessRevision?: string | null;
  /** Read the `revision` with the page (default); a caller that never shows it (a drilldown's recent events) skips it. */
  withRevision?: boolean;
}

/** An audit event as read from `audit_event` or the archive (camel-cased columns). */
export interface AuditEventRow {
  id: string;
  occurredAt: Date | string;
  actorId: string | null;
  actorKind: string;
  action: string;
  entityType: string;
  entityId: string | null;
  requestId: string | null;
  changes: FieldChanges | null;
}

/** Newest first: ids grow with time. */
const AUDIT_ORDER = defineKeyset<AuditEventRow>([{ sql: 'e.id', direction: 'desc', kind: 'bigint', read: (row) => String(row.id) }]);

/** The history's columns, as the live table and the archive both name them. */
const SELECT_COLUMNS = `e.id, e.occurred_at as "occurredAt", e.actor_id as "actorId", e.actor_kind as "actorKind", e.action,
  e.entity_type as "entityType", e.entity_id as "entityId", e.request_id as "requestId", e.changes`;

/**
 * Audit history, newest first, as a read model: plain rows of the listed columns from the live table and
 * the archive (events past the retention window), merged by id. Keyset pagination on the id (the cursor is
 * the last id seen), so a page never shifts when events are added meanwhile and reading page 10,000 costs
 * what page 1 costs: each table answers its own `limit` from its id index, and PostgreSQL merges the two.
 */
export async function findAuditEvents(em: EntityManager, args: AuditEventsArgs, maxPageSize: number): Promise<AuditEventConnection> {
  const page = AUDIT_ORDER.page(checkedPageSize(args.first, DEFAULT_AUDIT_PAGE_SIZE, maxPageSize), args.after);
  if (args.unlessRevision) {
    const [{ revision }] = await em.getConnection().execute<{ revision: string }[]>(`select ${REVISION_SQL} as revision`);
    if (revision === args.unlessRevision) return { nodes: [], pageInfo: { hasNextPage: false, endCursor: null }, revision, notModified: true };
  }
  const rows = await readAuditRows(em, args.filter ?? null, page.where, page.limit, args.withRevision ?? true);
  const revision = rows[0]?.revision ?? '';
  const connection = page.connection(
    rows.filter((row) => row.id !== null),
    (nodes) => nodes.map(auditEventNode),
  );
  return { ...connection, revision, notModified: false };
}

/**
 * What has been committed to the history, as one value: the live stream's head (`seq`, gap-free and assigned
 * after commit, ADR 0017) and how many committed events wait to be sequenced. Any event committed later moves
 * one of the two; audit ids would not do (they are assigned at insert, so a smaller one can commit later).
 */
const REVISION_SQL = `(select coalesce(max(seq), 0) from audit_event_stream)::text || '-' || (select count(*) from audit_event_unsequenced)::text`;

/** Up to `limit` events matching `filter` after the keyset position `after` (newest first), from both tables. */
async function readAuditRows(
  em: EntityManager,
  filter: AuditEventFilter | null,
  after: { sql: string; params: readonly unknown[] } | null,
  limit: number,
  withRevision = false,
): Promise<(AuditEventRow & { revision?: string })[]> {
  const { sql: where, params } = whereOf(filter);
  const conditions = [...where, ...(after ? [after.sql] : [])];
  const whereSql = conditions.length > 0 ? `where ${conditions.join(' and ')}` : '';
  const branchParams = [...params, ...(after?.params ?? [])];
  const branch = (table: string) => `(select ${SELECT_COLUMNS} from ${table} e ${whereSql} order by ${AUDIT_ORDER.orderBy} limit ${limit})`;
  const rows = `select * from (${branch('audit_event')} union all ${branch('audit_event_archive')}) e order by e.id desc limit ${limit}`;
  // With the revision, in the same statement (one snapshot): a row even when the page is empty (id null).
  const sql = withRevision ? `select page.*, head.revision from (select ${REVISION_SQL} as revision) head left join lateral (${rows}) page on true` : rows;
  return em.getConnection().execute<(AuditEventRow & { revision?: string })[]>(sql, [...branchParams, ...branchParams]);
}

/**
 * Every event matching `filter`, newest first, in pages of `batch` (one statement each): what an export
 * reads, so its memory does not grow with the history's length.
 */
export async function* auditEventBatches(em: EntityManager, filter: AuditEventFilter | null, batch = 1_000): AsyncGenerator<AuditEventType[]> {
  let after: string | null = null;
  for (;;) {
    const page = AUDIT_ORDER.page(batch, after);
    const rows = await readAuditRows(em, filter, page.where, page.limit);
    const { nodes, pageInfo } = page.connection(rows, (found) => found.map(auditEventNode));
    if (nodes.length > 0) yield nodes;
    if (!pageInfo.hasNextPage || !pageInfo.endCursor) return;
    after = pageInfo.endCursor;
  }
}

/** Checks a filter as the history would (the same messages), without reading. */
export function checkAuditFilter(filter: AuditEventFilter | null): void {
  whereOf(filter);
}

function whereOf(filter: AuditEventFilter | null | undefined): { sql: string[]; params: unknown[] } {
  const sql: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, value: unknown) => {
    sql.push(condition);
    params.push(value);
  };
  if (filter?.actorId != null) {
    if (!isUuid(filter.actorId)) throw publicError('BAD_USER_INPUT', '"actorId" is not a user id.');
    add('e.actor_id = ?', filter.actorId);
  }
  if (filter?.action != null) add('e.action = ?', filter.action);
  if (filter?.entityType != null) add('e.entity_type = ?', filter.entityType);
  if (filter?.entityId != null) add('e.entity_id = ?', filter.entityId);
  if (filter?.from != null) add('e.occurred_at >= ?', filter.from);
  if (filter?.to != null) add('e.occurred_at < ?', filter.to);
  return { sql, params };
}

/** An event row as the API shows it: ids as text, changes as a list sorted by field. */
export function auditEventNode(row: AuditEventRow): AuditEventType {
  const changes = row.changes ?? {};
  return {
    id: String(row.id),
    occurredAt: row.occurredAt instanceof Date ? row.occurredAt : new Date(row.occurredAt),
    actorId: row.actorId,
    actorKind: row.actorKind,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    requestId: row.requestId,
    changes: Object.keys(changes)
      .sort()
      .map((field) => ({ field, before: changes[field].before ?? null, after: changes[field].after ?? null })),
  };
}
