import type { EntityManager } from '@mikro-orm/postgresql';
import { currentScope } from '@pams/server-core';
import { AuditEvent, type FieldChanges } from './audit-event.entity.js';

export interface DomainEvent {
  /** e.g. `auth.signIn.failed`, `session.revoked`. */
  action: string;
  entityType: string;
  entityId?: string | null;
  changes?: FieldChanges | null;
  /** Overrides the actor of the request scope (e.g. the user who just signed in). */
  actorId?: string | null;
}

/**
 * Persists a domain event in the unit of work of `em`: it is inserted by the same flush, in the
 * same transaction, as the change it describes. Record changes are audited automatically; this is
 * for actions that are not a column change (a failed sign-in, a revocation by an admin, …).
 */
export function recordEvent(em: EntityManager, event: DomainEvent): AuditEvent {
  const scope = currentScope();
  const entity = em.create(AuditEvent, {
    actorId: event.actorId !== undefined ? event.actorId : (scope?.actorId ?? null),
    actorKind: scope?.actorKind ?? 'system',
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId ?? null,
    changes: event.changes ?? null,
    requestId: scope?.requestId ?? null,
  });
  em.persist(entity);
  return entity;
}
