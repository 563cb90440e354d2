import { Collection, Entity, Enum, Index, ManyToMany, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { ProjectStatus } from '@pams/shared-util';
import { VersionedEntity } from '@pams/server-core';
import { User } from '@pams/server-identity';
import { Product, UseCase } from '@pams/server-reference';
import { Account } from './account.entity.js';

/** An opportunity with a customer. */
@Entity({ tableName: 'project' })
// Names are unique within an account regardless of case.
@Index({
  name: 'project_account_lower_name_unique',
  expression: 'create unique index "project_account_lower_name_unique" on "project" ("account_id", lower("name"))',
})
// The cross-account list pages by name regardless of case, then id (keyset, projectList).
@Index({
  name: 'project_lower_name_id_index',
  expression: 'create index "project_lower_name_id_index" on "project" (lower("name"), "id")',
})
export class Project extends VersionedEntity<'status' | 'crmLink' | 'primaryUseCase' | 'secondaryUseCases' | 'products' | 'owners'> {
  @ManyToOne({ entity: () => Account })
  @Index()
  account!: Rel<Account>;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Enum({ items: () => ProjectStatus, type: 'string' })
  status: ProjectStatus = ProjectStatus.ACTIVE;

  @ManyToOne({ entity: () => UseCase, nullable: true })
  primaryUseCase?: Rel<UseCase> | null;

  @ManyToMany({ entity: () => UseCase, pivotTable: 'project_secondary_use_case', owner: true })
  secondaryUseCases = new Collection<UseCase>(this);

  @ManyToMany({ entity: () => Product, pivotTable: 'project_product', owner: true })
  products = new Collection<Product>(this);

  /** Presales owners. */
  @ManyToMany({ entity: () => User, pivotTable: 'project_owner', owner: true })
  owners = new Collection<User>(this);

  @Property({ type: 'string', length: 500, nullable: true })
  crmLink?: string | null;
}
