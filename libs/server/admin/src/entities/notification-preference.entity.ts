import { Entity, OneToOne, OptionalProps, Property, type Rel } from '@mikro-orm/core';
import { User } from '@pams/server-identity';

/** A user's choices about notices (P-016); no row means the defaults (no weekly digest). */
@Entity({ tableName: 'notification_preference' })
export class NotificationPreference {
  [OptionalProps]?: 'weeklyDigest' | 'lastDigestWeek' | 'updatedAt';

  @OneToOne({ entity: () => User, primary: true, deleteRule: 'cascade', owner: true })
  user!: Rel<User>;

  /** A mail every Monday morning summing up the week before. */
  @Property({ type: 'boolean' })
  weeklyDigest: boolean = false;

  /** The ISO week (`2026-W49`) of the last digest sent: the weekly job sends each week at most once. */
  @Property({ type: 'string', length: 8, nullable: true })
  lastDigestWeek?: string | null = null;

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();
}
