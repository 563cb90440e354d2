import { Entity, Property, Unique } from '@mikro-orm/core';
import { VersionedEntity } from '@pams/server-core';

/** Regions are data, edited by admins (PRODUCT.md: India South, SEA, MENA, …). */
@Entity({ tableName: 'region' })
export class Region extends VersionedEntity {
  @Property({ type: 'string', length: 80 })
  @Unique()
  name!: string;
}
