import {
  ChangeSetType,
  ReferenceKind,
  helper,
  type AnyEntity,
  type ChangeSet,
  type Collection,
  type EntityMetadata,
  type EntityProperty,
  type EventSubscriber,
  type FlushEventArgs,
  type UnitOfWork,
} from '@mikro-orm/core';
import { currentScope } from '@pams/server-core';
import { AuditEvent, type FieldChanges } from './audit-event.entity.js';

/** What a secret (a property marked `hidden: true`) is recorded as: never its value. */
export const REDACTED = '[redacted]';

const VERBS: Partial<Record<ChangeSetType, 'created' | 'updated' | 'deleted'>> = {
  [ChangeSetType.CREATE]: 'created',
  [ChangeSetType.UPDATE]: 'updated',
  [ChangeSetType.UPDATE_EARLY]: 'updated',
  [ChangeSetType.DELETE]: 'deleted',
  [ChangeSetType.DELETE_EARLY]: 'deleted',
};

interface Pending {
  meta: EntityMetadata;
  verb: 'created' | 'updated' | 'deleted';
  entityId: string;
  changes: FieldChanges;
}

/**
 * Audits every record change: in `onFlush`, once MikroORM knows what the flush will write, one
 * AuditEvent per changed entity joins the same flush, so the event is inserted in the same
 * transaction as the change, and a failed insert of the event rolls the change back.
 * Changes made with raw SQL (the authenticator's last-seen/last-used touches) are not seen here.
 */
export class AuditSubscriber implements EventSubscriber {
  onFlush({ uow }: FlushEventArgs): void {
    const pending = new Map<AnyEntity, Pending>();
    for (const cs of uow.getChangeSets()) {
      if (cs.entity instanceof AuditEvent) continue;
      const verb = VERBS[cs.type];
      if (!verb) continue;
      pending.set(cs.entity, {
        meta: cs.meta,
        verb,
        entityId: entityIdOf(cs.entity),
        changes: verb === 'deleted' ? deletedFields(uow, cs) : changedFields(cs, verb),
      });
    }
    for (const collection of uow.getCollectionUpdates()) {
      recordCollection(collection, pending);
    }
    if (pending.size === 0) return;

    const scope = currentScope();
    for (const change of pending.values()) {
      const event = new AuditEvent();
      Object.assign(event, {
        actorId: scope?.actorId ?? null,
        actorKind: scope?.actorKind ?? 'system',
        action: `${change.meta.className}.${change.verb}`,
        entityType: change.meta.className,
        entityId: change.entityId,
        changes: change.changes,
        requestId: scope?.requestId ?? null,
      });
      // The documented way to add an entity from onFlush: compute its change set directly.
      uow.computeChangeSet(event);
    }
  }
}

/**
 * An entity whose key must not reach a browser (a session keyed by the hash of its cookie) names
 * a public stand-in with an `auditId()` method; a key marked `hidden` without one is redacted.
 */
export interface AuditIdentified {
  auditId(): string;
}

function entityIdOf(entity: AnyEntity): string {
  const custom = (entity as Partial<AuditIdentified>).auditId;
  if (typeof custom === 'function') return String(custom.call(entity));
  const meta = helper(entity).__meta;
  if (meta.primaryKeys.some((name) => meta.properties[name].hidden)) return REDACTED;
  const id = helper(entity).getSerializedPrimaryKey();
  // An autoincrement key is unknown until the insert, after the event is built: such an entity
  // would be audited without its id, so refuse it loudly (entities use client-side uuids).
  if (id === null || id === undefined || id === '') {
    throw new Error(`audit: ${meta.className} has no primary key before insert; give it a uuid key`);
  }
  return String(id);
}

/** Columns the ORM maintains itself (keys, version, created/updated times): noise in a diff. */
function audited(meta: EntityMetadata, name: string): EntityProperty | undefined {
  const prop = meta.properties[name as never] as EntityProperty | undefined;
  if (!prop || prop.persist === false || prop.primary) return undefined;
  if (name === meta.versionProperty || prop.onCreate || prop.onUpdate) return undefined;
  if (prop.kind === ReferenceKind.ONE_TO_MANY || prop.kind === ReferenceKind.MANY_TO_MANY) return undefined;
  return prop;
}

function changedFields(cs: ChangeSet<AnyEntity>, verb: 'created' | 'updated'): FieldChanges {
  const changes: FieldChanges = {};
  const original = (cs.originalEntity ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(cs.payload as Record<string, unknown>)) {
    const prop = audited(cs.meta, name);
    if (!prop) continue;
    if (prop.hidden) {
      changes[name] = { before: verb === 'created' ? null : REDACTED, after: REDACTED };
    } else {
      changes[name] = { before: verb === 'created' ? null : plain(original[name]), after: plain(value) };
    }
  }
  return changes;
}

/** A delete records what the row held as last loaded (only its key when it was never loaded). */
function deletedFields(uow: UnitOfWork, cs: ChangeSet<AnyEntity>): FieldChanges {
  const changes: FieldChanges = {};
  const original = (uow.getOriginalEntityData(cs.entity) ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(original)) {
    const prop = audited(cs.meta, name);
    if (!prop || value === undefined) continue;
    changes[name] = { before: prop.hidden ? REDACTED : plain(value), after: null };
  }
  return changes;
}

/**
 * Many-to-many changes live in a pivot table, outside the owner's change set: recorded on the
 * owning side as id lists. `before` is null when the collection was never loaded, in which case
 * the flush replaces the whole set (as MikroORM's syncCollections does).
 */
function recordCollection(collection: Collection<AnyEntity>, pending: Map<AnyEntity, Pending>): void {
  const prop = collection.property;
  if (prop.kind !== ReferenceKind.MANY_TO_MANY || !prop.owner) return;
  const owner = collection.owner;
  const ownerMeta = helper(owner).__meta;
  let entry = pending.get(owner);
  if (entry?.verb === 'deleted') return;
  const snapshot = collection.getSnapshot();
  const before = snapshot ? idsOf(snapshot) : null;
  const after = idsOf(collection.getItems(false));
  if (before && before.length === after.length && before.every((id, i) => id === after[i])) return;
  if (!entry) {
    entry = { meta: ownerMeta, verb: 'updated', entityId: entityIdOf(owner), changes: {} };
    pending.set(owner, entry);
  }
  entry.changes[prop.name] = { before: entry.verb === 'created' ? null : before, after };
}

function idsOf(items: readonly AnyEntity[]): string[] {
  return items.map((item) => String(helper(item).getSerializedPrimaryKey())).sort();
}

/** JSON-safe copy of a value of the ORM's entity data (dates as ISO strings). */
function plain(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (Buffer.isBuffer(value)) return '[binary]';
  // A reference to an entity inserted in the same flush (an EntityIdentifier).
  if (typeof value === 'object' && typeof (value as { getValue?: unknown }).getValue === 'function') {
    return plain((value as { getValue(): unknown }).getValue());
  }
  return value;
}
