import { raw } from '@mikro-orm/core';
import type { EntityManager, QBFilterQuery } from '@mikro-orm/postgresql';
import { checkedPageSize, defineKeyset, isUuid, publicError } from '@pams/server-core';
import { AuditEvent, type FieldChanges } from '../audit-event.entity.js';
import type { AuditEventFilter } from './audit-event-filter.input.js';
import type { AuditEventConnection, AuditEventType } from './audit-event.type.js';

export const DEFAULT_AUDIT_PAGE_SIZE = 50;

export interface AuditEventsArgs {
  first?: number | null;
  after?: string | null;
  filter?: AuditEventFilter | null;
}

interface AuditEventRow {
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

const COLUMNS = ['id', 'occurredAt', 'actorId', 'actorKind', 'action', 'entityType', 'entityId', 'requestId', 'changes'] as const;

/**
 * Audit history, newest first, as a read model: one select of the listed columns into plain
 * rows. Keyset pagination on the id (the cursor is the last id seen), so a page never shifts when
 * events are added meanwhile and reading page 10,000 costs what page 1 costs.
 */
export async function findAuditEvents(em: EntityManager, args: AuditEventsArgs, maxPageSize: number): Promise<AuditEventConnection> {
  const page = AUDIT_ORDER.page(checkedPageSize(args.first, DEFAULT_AUDIT_PAGE_SIZE, maxPageSize), args.after);
  const qb = em.createQueryBuilder(AuditEvent, 'e').select([...COLUMNS]).where(whereOf(args.filter));
  if (page.where) qb.andWhere(page.where.sql, [...page.where.params]);
  const rows = await qb
    .orderBy(AUDIT_ORDER.columns.map((column) => ({ [raw(column.sql)]: column.direction })))
    .limit(page.limit)
    .execute<AuditEventRow[]>('all');
  return page.connection(rows, (nodes) => nodes.map(toNode));
}

function whereOf(filter: AuditEventFilter | null | undefined): QBFilterQuery<AuditEvent> {
  const where: Record<string, unknown> = {};
  if (filter?.actorId != null) {
    if (!isUuid(filter.actorId)) throw publicError('BAD_USER_INPUT', '"actorId" is not a user id.');
    where.actorId = filter.actorId;
  }
  if (filter?.action != null) where.action = filter.action;
  if (filter?.entityType != null) where.entityType = filter.entityType;
  if (filter?.entityId != null) where.entityId = filter.entityId;
  if (filter?.from != null || filter?.to != null) {
    where.occurredAt = {
      ...(filter.from != null ? { $gte: filter.from } : {}),
      ...(filter.to != null ? { $lt: filter.to } : {}),
    };
  }
  return where as QBFilterQuery<AuditEvent>;
}

function toNode(row: AuditEventRow): AuditEventType {
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
