import type { EntityManager } from '@mikro-orm/postgresql';
import { auditEventBatches, checkAuditFilter, type AuditEventFilter, type AuditEventType } from '@pams/server-audit';
import { publicError, type Viewer } from '@pams/server-core';
import { Role } from '@pams/shared-util';
import { checkShape, type Shape } from '../input-shape.js';
import type { ExportColumn, ExportRow, TableSource } from '../table-source.js';

export interface AuditEventsParams {
  filter: AuditEventFilter | null;
}

const FILTER: Shape = {
  kind: 'object',
  name: 'AuditEventFilter',
  fields: {
    actorId: { kind: 'id' },
    action: { kind: 'string' },
    entityType: { kind: 'string' },
    entityId: { kind: 'string' },
    from: { kind: 'string' },
    to: { kind: 'string' },
  },
};

export const AUDIT_COLUMNS: ExportColumn[] = [
  { key: 'id', header: 'Event', type: 'text', pdfWidth: 0.8 },
  { key: 'occurredAt', header: 'When', type: 'datetime', pdfWidth: 1.5 },
  { key: 'actorId', header: 'Actor', type: 'text', pdfWidth: 0 },
  { key: 'actorKind', header: 'Actor kind', type: 'text', pdfWidth: 0.9 },
  { key: 'action', header: 'Action', type: 'text', pdfWidth: 1.8 },
  { key: 'entityType', header: 'Entity type', type: 'text', pdfWidth: 0 },
  { key: 'entityId', header: 'Entity', type: 'text', pdfWidth: 1.8 },
  { key: 'summary', header: 'Changes', type: 'text', pdfWidth: 4 },
  { key: 'changes', header: 'Changes (JSON)', type: 'json', pdfWidth: 0 },
  { key: 'requestId', header: 'Request', type: 'text', pdfWidth: 0 },
];

const MAX_SHOWN = 60;
const shown = (value: unknown) => {
  const text = value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
};

function date(name: string, value: string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value)) throw publicError('BAD_USER_INPUT', `"filter.${name}" must be an ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z.`);
  return parsed;
}

export function parseAuditEventsParams(params: Record<string, unknown>): AuditEventsParams {
  const given = checkShape<Record<string, string | null> | null | undefined>(params.filter, FILTER, 'filter') ?? null;
  if (!given) return { filter: null };
  const filter: AuditEventFilter = { ...given, from: date('from', given.from), to: date('to', given.to) } as AuditEventFilter;
  checkAuditFilter(filter);
  return { filter };
}

/** The audit history is for admins (as `auditEvents`). */
export async function checkAuditEvents(_em: EntityManager, viewer: Viewer): Promise<void> {
  if (viewer.role !== Role.ADMIN) throw publicError('FORBIDDEN', 'Only admins can export the audit history.');
}

export function auditEventsFileBase(_params: AuditEventsParams, now = new Date()): string {
  return `pams-audit-history-${now.toISOString().slice(0, 10)}`;
}

function toRow(e: AuditEventType): ExportRow {
  return {
    id: e.id,
    occurredAt: e.occurredAt.toISOString(),
    actorId: e.actorId,
    actorKind: e.actorKind,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId === null ? e.entityType : `${e.entityType} ${e.entityId}`,
    summary: e.changes.map((c) => `${c.field}: ${shown(c.before)} → ${shown(c.after)}`).join('; ') || null,
    changes: JSON.stringify(Object.fromEntries(e.changes.map((c) => [c.field, { before: c.before, after: c.after }]))),
    requestId: e.requestId,
  };
}

/** The filtered history, newest first, a keyset page of 1,000 per statement (both the live table and the archive). */
export async function auditEventsSource(em: EntityManager, viewer: Viewer, params: AuditEventsParams): Promise<TableSource> {
  await checkAuditEvents(em, viewer);
  const parts = Object.entries(params.filter ?? {})
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k} ${v instanceof Date ? v.toISOString() : String(v)}`);
  return {
    title: 'Audit history',
    description: parts.length > 0 ? parts.join(' · ') : 'Every event',
    columns: AUDIT_COLUMNS,
    total: null,
    async *batches() {
      for await (const batch of auditEventBatches(em, params.filter)) yield batch.map(toRow);
    },
  };
}
