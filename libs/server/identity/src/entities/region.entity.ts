import { Entity, Property, Unique } from '@mikro-orm/core';
import { VersionedEntity } from '@pams/server-core';

/** Regions are data, edited by admins (PRODUCT.md: India South, SEA, MENA, …). */
@Entity({ tableName: 'region' })
export class Region extends VersionedEntity<'active'> {
  @Property({ type: 'string', length: 80 })
  @Unique()
  name!: string;

  /** A retired region stays on its users and sales reps; it is not offered for new ones. */
  @Property({ type: 'boolean', default: true })
  active: boolean = true;
}
