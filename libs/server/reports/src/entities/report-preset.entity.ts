import { Entity, Enum, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { VersionedEntity } from '@pams/server-core';
import { Region, User } from '@pams/server-identity';

export enum PresetVisibility {
  /** Only its owner sees it. */
  PERSONAL = 'PERSONAL',
  /** Everyone whose regions include `region` sees it; its owner (or an admin) changes it. */
  REGION = 'REGION',
}

/** A saved report definition (P-013): the builder's range, grouping and filters, as data. */
@Entity({ tableName: 'report_preset' })
@Index({ properties: ['owner', 'name'] })
export class ReportPreset extends VersionedEntity<'region'> {
  @ManyToOne({ entity: () => User })
  owner!: Rel<User>;

  @Property({ type: 'string', length: 120 })
  name!: string;

  @Enum({ items: () => PresetVisibility, type: 'string' })
  visibility!: PresetVisibility;

  @ManyToOne({ entity: () => Region, nullable: true })
  @Index()
  region?: Rel<Region> | null;

  /** The report definition (range, groupBy, filters, measure, chart), validated on save. */
  @Property({ type: 'json' })
  definition!: Record<string, unknown>;
}
