import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

/**
 * Append-only audit record, written in the same transaction as the change it describes.
 * The database refuses UPDATE, DELETE and TRUNCATE on this table (see the migration); the id is
 * monotonically increasing and becomes the cursor of the live stream's replay.
 */
@Entity({ tableName: 'audit_event' })
@Index({ properties: ['entityType', 'entityId'] })
export class AuditEvent {
  [OptionalProps]?: 'id' | 'occurredAt' | 'actorId' | 'entityId' | 'requestId' | 'changes';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  @Index()
  occurredAt: Date = new Date();

  @Property({ type: 'uuid', nullable: true })
  @Index()
  actorId?: string | null;

  /** session, token, anonymous or system. */
  @Property({ type: 'string', length: 16 })
  actorKind!: string;

  /** `<Entity>.created|updated|deleted` for record changes, or a domain action such as `auth.signIn.failed`. */
  @Property({ type: 'string', length: 80 })
  @Index()
  action!: string;

  @Property({ type: 'string', length: 60 })
  entityType!: string;

  @Property({ type: 'string', length: 80, nullable: true })
  entityId?: string | null;

  /** Field-level before/after; secrets are redacted. */
  @Property({ type: 'json', nullable: true })
  changes?: FieldChanges | null;

  @Property({ type: 'string', length: 64, nullable: true })
  requestId?: string | null;
}
