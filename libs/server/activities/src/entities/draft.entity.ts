import { Entity, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { VersionedEntity } from '@pams/server-core';
import { User } from '@pams/server-identity';

/**
 * A user's edit that could not be saved (a version conflict) or was not saved yet, kept on the
 * server until the user retries, merges or discards it (P-008). Survives reloads and devices.
 */
@Entity({ tableName: 'draft' })
@Index({ properties: ['owner', 'updatedAt'] })
export class Draft extends VersionedEntity<'entityId' | 'baseVersion' | 'message'> {
  @ManyToOne({ entity: () => User })
  owner!: Rel<User>;

  /** The kind of record the edit is for, e.g. "Activity". */
  @Property({ type: 'string', length: 40 })
  entityType!: string;

  /** The record edited; for a create, the client id it will get. */
  @Property({ type: 'uuid', nullable: true })
  entityId?: string | null;

  /** The version the edit started from. */
  @Property({ type: 'integer', nullable: true })
  baseVersion?: number | null;

  /** CONFLICT (refused as stale) or UNSAVED. */
  @Property({ type: 'string', length: 16 })
  reason!: string;

  /** The user's input, as sent. */
  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Property({ type: 'string', length: 300, nullable: true })
  message?: string | null;
}
