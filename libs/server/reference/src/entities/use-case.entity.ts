import { Entity, Enum, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { UseCaseBucket } from '@pams/shared-util';
import { VersionedEntity } from '@pams/server-core';
import { Industry } from './industry.entity.js';

/** A use case: general (no industry) or specific to one industry (secondary use cases). */
@Entity({ tableName: 'use_case' })
@Unique({ properties: ['name', 'industry'] })
export class UseCase extends VersionedEntity<'active' | 'industry'> {
  @Property({ type: 'string', length: 120 })
  name!: string;

  @Enum({ items: () => UseCaseBucket, type: 'string' })
  bucket!: UseCaseBucket;

  @ManyToOne({ entity: () => Industry, nullable: true })
  industry?: Rel<Industry> | null;

  @Property({ type: 'boolean' })
  active: boolean = true;
}
