import { Entity, Property, Unique } from '@mikro-orm/core';
import { VersionedEntity } from '@pams/server-core';

/** Products of interest of a project. */
@Entity({ tableName: 'product' })
export class Product extends VersionedEntity<'active'> {
  @Property({ type: 'string', length: 120 })
  @Unique()
  name!: string;

  @Property({ type: 'boolean' })
  active: boolean = true;
}
