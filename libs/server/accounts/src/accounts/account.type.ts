import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '@pams/server-core';
import { IndustryType, RegionType, SalesRepType } from '@pams/server-reference';
import type { AccountNode } from '../shared/read-model.nodes.js';

/** A customer, as lists and forms show it (a read model; `projects` is resolved in a batch). */
@ObjectType('Account', { simpleResolvers: true })
export class AccountType implements AccountNode {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'Pass as `expectedVersion` when updating.' })
  version!: number;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  crmLink!: string | null;

  @Field(() => IndustryType, { nullable: true })
  industry!: IndustryType | null;

  @Field(() => SalesRepType, { nullable: true })
  salesRep!: SalesRepType | null;

  @Field(() => RegionType, { nullable: true, description: 'The sales rep\'s region.' })
  region!: RegionType | null;

  @Field(() => Int)
  projectCount!: number;
}

@ObjectType('AccountConnection', { simpleResolvers: true })
export class AccountConnection {
  @Field(() => [AccountType])
  nodes!: AccountNode[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
