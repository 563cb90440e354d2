import { Entity, Enum, Index, ManyToOne, OneToOne, Property, type Rel } from '@mikro-orm/core';
import { AccountKind, Currency, OutcomeResult } from '@pams/shared-util';
import { VersionedEntity } from '@pams/server-core';
import { User } from '@pams/server-identity';
import { Project } from './project.entity.js';

/** How a project ended. One per project; a project set back to ACTIVE drops it. */
@Entity({ tableName: 'outcome' })
export class Outcome extends VersionedEntity<'competitors' | 'mrrAmount' | 'currency' | 'rate' | 'oneTimeValue' | 'wonBy' | 'accountKind'> {
  @OneToOne({ entity: () => Project, owner: true, unique: true })
  project!: Rel<Project>;

  @Enum({ items: () => OutcomeResult, type: 'string' })
  result!: OutcomeResult;

  /** First day of the month the outcome counts under in reports. */
  @Property({ type: 'date' })
  @Index()
  month!: string;

  @Property({ type: 'string', length: 500 })
  crmLink!: string;

  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'string', length: 500, nullable: true })
  competitors?: string | null;

  /** Monthly recurring revenue in `currency`. */
  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true })
  mrrAmount?: string | null;

  @Enum({ items: () => Currency, type: 'string', nullable: true })
  currency?: Currency | null;

  /** Rate to the reporting currency at the time of recording. */
  @Property({ type: 'decimal', precision: 18, scale: 8, nullable: true })
  rate?: string | null;

  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true })
  oneTimeValue?: string | null;

  @ManyToOne({ entity: () => User, nullable: true })
  wonBy?: Rel<User> | null;

  @Enum({ items: () => AccountKind, type: 'string', nullable: true })
  accountKind?: AccountKind | null;
}
