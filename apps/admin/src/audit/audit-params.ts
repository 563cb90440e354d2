import type { AuditEventFilter } from '@pams/client-admin-data-access';

/** The audit history's filters, all in the URL (a reload or a shared link shows the same page). */
export interface AuditParams {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  /** YYYY-MM-DD (UTC), inclusive. */
  from: string;
  /** YYYY-MM-DD (UTC), inclusive. */
  to: string;
  /** The event whose changes are open. */
  event: string;
}

const KEYS = ['actor', 'action', 'entityType', 'entityId', 'from', 'to', 'event'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function readAuditParams(search: URLSearchParams): AuditParams {
  const read = (key: (typeof KEYS)[number]) => (search.get(key) ?? '').trim();
  const day = (key: 'from' | 'to') => (DAY.test(read(key)) && !Number.isNaN(Date.parse(read(key))) ? read(key) : '');
  return { actor: read('actor'), action: read('action'), entityType: read('entityType'), entityId: read('entityId'), from: day('from'), to: day('to'), event: read('event') };
}

export function auditHref(params: AuditParams): string {
  const search = new URLSearchParams();
  for (const key of KEYS) if (params[key]) search.set(key, params[key]);
  const query = search.toString();
  return query ? `/admin/audit?${query}` : '/admin/audit';
}

/** The API's filter: days are whole UTC days, `to` included (the API's `to` is exclusive). */
export function auditFilter(params: AuditParams): AuditEventFilter {
  const filter: AuditEventFilter = {};
  if (params.actor) filter.actorId = params.actor;
  if (params.action) filter.action = params.action;
  if (params.entityType) filter.entityType = params.entityType;
  if (params.entityId) filter.entityId = params.entityId;
  if (params.from) filter.from = `${params.from}T00:00:00.000Z`;
  if (params.to) filter.to = new Date(Date.parse(`${params.to}T00:00:00.000Z`) + 86_400_000).toISOString();
  return filter;
}

/** Whether a live event belongs on the page these filters show (the same tests the API's filter makes). */
export function matchesAudit(params: AuditParams, e: { occurredAt: string; action: string; actorId?: string | null; entityType: string; entityId?: string | null }): boolean {
  const filter = auditFilter(params);
  if (filter.actorId && e.actorId !== filter.actorId) return false;
  if (filter.action && e.action !== filter.action) return false;
  if (filter.entityType && e.entityType !== filter.entityType) return false;
  if (filter.entityId && e.entityId !== filter.entityId) return false;
  const at = Date.parse(e.occurredAt);
  if (filter.from && at < Date.parse(filter.from)) return false;
  if (filter.to && at >= Date.parse(filter.to)) return false;
  return true;
}
