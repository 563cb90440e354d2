import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Rel } from '@mikro-orm/core';
import { User } from '@pams/server-identity';

/**
 * An in-app notification of one user (P-016): what the bell lists, unread until `readAt`. Mail about
 * the same thing goes through the outbox separately; this row is what the portal shows.
 */
@Entity({ tableName: 'notification' })
@Index({ properties: ['user', 'createdAt'] })
@Unique({ properties: ['user', 'dedupeKey'] })
export class Notification {
  [OptionalProps]?: 'id' | 'createdAt' | 'readAt' | 'dedupeKey';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  user!: Rel<User>;

  /** What it is about, e.g. `ADMIN_MESSAGE`, `REVIEW_ASSIGNED`. */
  @Property({ type: 'string', length: 40 })
  kind!: string;

  @Property({ type: 'string', length: 160 })
  subject!: string;

  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  readAt?: Date | null = null;

  /**
   * What the notice is about, for notices raised by a job (`new-device:<session>`, `job-failed:<job>`): one
   * per user and key, so a job run again after a crash never notifies twice.
   */
  @Property({ type: 'string', length: 120, nullable: true })
  dedupeKey?: string | null = null;
}
