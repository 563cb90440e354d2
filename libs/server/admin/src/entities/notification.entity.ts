import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { User } from '@pams/server-identity';

/**
 * An in-app notification of one user (P-016): what the bell lists, unread until `readAt`. Mail about
 * the same thing goes through the outbox separately; this row is what the portal shows.
 */
@Entity({ tableName: 'notification' })
@Index({ properties: ['user', 'createdAt'] })
export class Notification {
  [OptionalProps]?: 'id' | 'createdAt' | 'readAt';

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
}
