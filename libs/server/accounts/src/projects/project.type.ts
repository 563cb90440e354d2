import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '@pams/server-core';
import { ProjectStatus } from '@pams/shared-util';
import { ProductType, UseCaseType } from '@pams/server-reference';
import { AccountType } from '../accounts/account.type.js';
import { OutcomeType } from '../outcomes/outcome.type.js';
import '../shared/accounts-enums.js';
import { PresalesUserType } from '../shared/presales-user.type.js';
import type { AccountNode, OutcomeNode, PresalesUserNode, ProjectNode } from '../shared/read-model.nodes.js';

/** An opportunity with a customer (a read model, built whole by one statement). */
@ObjectType('Project', { simpleResolvers: true })
export class ProjectType implements ProjectNode {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'Pass as `expectedVersion` when updating.' })
  version!: number;

  @Field(() => ID)
  accountId!: string;

  @Field(() => AccountType)
  account!: AccountNode;

  @Field(() => String)
  name!: string;

  @Field(() => ProjectStatus)
  status!: ProjectStatus;

  @Field(() => String, { nullable: true })
  crmLink!: string | null;

  @Field(() => UseCaseType, { nullable: true })
  primaryUseCase!: UseCaseType | null;

  @Field(() => [UseCaseType])
  secondaryUseCases!: UseCaseType[];

  @Field(() => [ProductType], { description: 'Products of interest.' })
  products!: ProductType[];

  @Field(() => [PresalesUserType], { description: 'Presales owners.' })
  owners!: PresalesUserNode[];

  @Field(() => OutcomeType, { nullable: true, description: 'How the project ended; null while ACTIVE.' })
  outcome!: OutcomeNode | null;
}

@ObjectType('ProjectConnection', { simpleResolvers: true })
export class ProjectConnection {
  @Field(() => [ProjectType])
  nodes!: ProjectNode[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
