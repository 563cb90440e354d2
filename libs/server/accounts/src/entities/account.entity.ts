import { Entity, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { VersionedEntity } from '@pams/server-core';
import { Industry, SalesRep } from '@pams/server-reference';

/** A customer. Its sales rep gives it a region. Names are unique regardless of case. */
@Entity({ tableName: 'account' })
@Index({ name: 'account_name_lower_unique', expression: 'create unique index "account_name_lower_unique" on "account" (lower("name"))' })
export class Account extends VersionedEntity<'crmLink' | 'industry' | 'salesRep'> {
  @Property({ type: 'string', length: 200 })
  name!: string;

  @ManyToOne({ entity: () => Industry, nullable: true })
  @Index()
  industry?: Rel<Industry> | null;

  @ManyToOne({ entity: () => SalesRep, nullable: true })
  @Index()
  salesRep?: Rel<SalesRep> | null;

  @Property({ type: 'string', length: 500, nullable: true })
  crmLink?: string | null;
}
