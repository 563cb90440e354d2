import { Check, Entity, Enum, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { VersionedEntity } from '@pams/server-core';
import { User } from '@pams/server-identity';

export enum ReviewTaskStatus {
  OPEN = 'OPEN',
  DONE = 'DONE',
}

/** A review an admin scheduled: owned by the user it is about, supervised by the admin (issue 9). */
@Entity({ tableName: 'review_task' })
@Check({ name: 'review_task_priority_range', expression: 'priority >= 1 and priority <= 5' })
export class ReviewTask extends VersionedEntity<'status' | 'description'> {
  @Property({ type: 'string', length: 160 })
  title!: string;

  @Property({ type: 'text' })
  description: string = '';

  @Property({ type: 'date' })
  dueDate!: string;

  /** 1 (highest) to 5. */
  @Property({ type: 'smallint' })
  priority!: number;

  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  @Index()
  owner!: Rel<User>;

  @ManyToOne({ entity: () => User })
  @Index()
  supervisor!: Rel<User>;

  @Enum({ items: () => ReviewTaskStatus, type: 'string' })
  status: ReviewTaskStatus = ReviewTaskStatus.OPEN;
}
