import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { User } from './user.entity.js';

/**
 * A server-side portal session. The cookie carries a random secret; only its SHA-256 is stored,
 * so a read of this table cannot be replayed as a sign-in.
 */
@Entity({ tableName: 'user_session' })
export class Session {
  [OptionalProps]?: 'createdAt' | 'lastSeenAt' | 'revokedAt' | 'revokedReason' | 'ip' | 'userAgent';

  /** SHA-256 (hex) of the cookie secret. */
  @PrimaryKey({ type: 'string', length: 64 })
  id!: string;

  /** Public handle for listing and revoking, so the secret's hash is never sent to a browser. */
  @Property({ type: 'uuid' })
  @Index()
  handle!: string;

  @ManyToOne({ entity: () => User })
  @Index()
  user!: Rel<User>;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /** Refreshed at most once a minute (without an audit event: it records use, not a change). */
  @Property({ type: 'datetime' })
  lastSeenAt: Date = new Date();

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;

  @Property({ type: 'string', length: 40, nullable: true })
  revokedReason?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  ip?: string | null;

  @Property({ type: 'string', length: 300, nullable: true })
  userAgent?: string | null;

  /** Audit events name the session by its public handle, never by the hash of its secret. */
  auditId(): string {
    return this.handle;
  }
}
