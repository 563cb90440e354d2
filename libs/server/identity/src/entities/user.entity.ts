import { Check, Collection, Entity, Enum, Index, ManyToMany, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { Role } from '@pams/shared-util';
import { VersionedEntity } from '@pams/server-core';
import { Region } from './region.entity.js';
import { UserStatus } from './user-status.js';

@Entity({ tableName: 'app_user' })
@Check({ name: 'app_user_email_lower', expression: 'email = lower(email)' })
export class User extends VersionedEntity<'status' | 'mustChangePassword' | 'regions' | 'defaultRegion' | 'lastLoggedDate' | 'passwordChangedAt'> {
  /** Stored lower-cased; unique. */
  @Property({ type: 'string', length: 254 })
  @Unique()
  email!: string;

  @Property({ type: 'string', length: 120 })
  name!: string;

  @Enum({ items: () => Role, type: 'string' })
  @Index()
  role!: Role;

  @ManyToMany({ entity: () => Region, pivotTable: 'app_user_region', owner: true })
  regions = new Collection<Region>(this);

  @ManyToOne({ entity: () => Region, nullable: true })
  defaultRegion?: Rel<Region> | null;

  @Enum({ items: () => UserStatus, type: 'string' })
  status: UserStatus = UserStatus.ACTIVE;

  @Property({ type: 'boolean' })
  mustChangePassword: boolean = false;

  /** argon2id hash; never leaves the server, never audited. */
  @Property({ type: 'string', length: 255, hidden: true, lazy: true })
  passwordHash!: string;

  @Property({ type: 'datetime', nullable: true })
  passwordChangedAt?: Date | null;

  /** The date of the last activity the user logged; the default date of the next one (B-003). */
  @Property({ type: 'date', nullable: true })
  lastLoggedDate?: string | null;
}
