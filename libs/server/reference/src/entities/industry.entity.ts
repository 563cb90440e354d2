import { Entity, Property, Unique } from '@mikro-orm/core';
import { VersionedEntity } from '@pams/server-core';

/** Admin-managed list; industries can be merged (P-005), so rows are deactivated, never deleted. */
@Entity({ tableName: 'industry' })
export class Industry extends VersionedEntity<'active'> {
  @Property({ type: 'string', length: 120 })
  @Unique()
  name!: string;

  @Property({ type: 'boolean' })
  active: boolean = true;
}
