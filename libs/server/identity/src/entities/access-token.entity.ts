import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Rel } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { User } from './user.entity.js';

/** A personal, read-only access token for scripts and notebooks (docs/adr/0003). Shown once. */
@Entity({ tableName: 'access_token' })
export class AccessToken {
  [OptionalProps]?: 'id' | 'createdAt' | 'lastUsedAt' | 'revokedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => User })
  @Index()
  user!: Rel<User>;

  @Property({ type: 'string', length: 80 })
  name!: string;

  /** The first characters of the token, to tell tokens apart in a list. */
  @Property({ type: 'string', length: 16 })
  prefix!: string;

  /** SHA-256 (hex) of the whole token. */
  @Property({ type: 'string', length: 64, hidden: true })
  @Unique()
  tokenHash!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;
}
