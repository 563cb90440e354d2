import { Entity, Enum, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { Currency } from '@pams/shared-util';
import { VersionedEntity } from '@pams/server-core';
import { Region } from '@pams/server-identity';

/** A sales rep is reference data, not a user: an account's rep gives the account its region. */
@Entity({ tableName: 'sales_rep' })
export class SalesRep extends VersionedEntity<'active'> {
  @Property({ type: 'string', length: 120 })
  name!: string;

  @Property({ type: 'string', length: 254 })
  @Unique()
  email!: string;

  @ManyToOne({ entity: () => Region })
  @Index()
  region!: Rel<Region>;

  @Enum({ items: () => Currency, type: 'string' })
  currency!: Currency;

  @Property({ type: 'boolean' })
  active: boolean = true;
}
