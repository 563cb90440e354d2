import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { AccountKind, Currency, OutcomeResult } from '@pams/shared-util';
import { PageInfo } from '@pams/server-core';
import { AccountType } from '../accounts/account.type.js';
import { ProjectType } from '../projects/project.type.js';
import '../shared/accounts-enums.js';
import { PresalesUserType } from '../shared/presales-user.type.js';
import type { AccountNode, OutcomeNode, PresalesUserNode, ProjectNode } from '../shared/read-model.nodes.js';

/** How a project ended (win/loss form, P-004). Amounts are in `currency`; *Reporting ones in USD. */
@ObjectType('Outcome', { simpleResolvers: true })
export class OutcomeType implements OutcomeNode {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'Pass as `expectedVersion` when updating.' })
  version!: number;

  @Field(() => ID)
  projectId!: string;

  @Field(() => ProjectType)
  project!: ProjectNode;

  @Field(() => AccountType)
  account!: AccountNode;

  @Field(() => OutcomeResult)
  result!: OutcomeResult;

  @Field(() => String, { description: 'The month the outcome counts under in reports, YYYY-MM.' })
  month!: string;

  @Field(() => String)
  crmLink!: string;

  @Field(() => String)
  reason!: string;

  @Field(() => String, { nullable: true })
  competitors!: string | null;

  @Field(() => Float, { nullable: true, description: 'Monthly recurring revenue in `currency`.' })
  mrrAmount!: number | null;

  @Field(() => Currency, { nullable: true })
  currency!: Currency | null;

  @Field(() => Float, { nullable: true, description: 'Rate of `currency` to the reporting currency, taken when the currency was set.' })
  rate!: number | null;

  @Field(() => Float, { nullable: true, description: 'mrrAmount × rate, in the reporting currency (USD).' })
  mrrReporting!: number | null;

  @Field(() => Float, { nullable: true, description: 'One-time deal value in `currency`.' })
  oneTimeValue!: number | null;

  @Field(() => Float, { nullable: true, description: 'oneTimeValue × rate, in the reporting currency (USD).' })
  oneTimeValueReporting!: number | null;

  @Field(() => PresalesUserType, { nullable: true })
  wonBy!: PresalesUserNode | null;

  @Field(() => AccountKind, { nullable: true })
  accountKind!: AccountKind | null;
}

@ObjectType('OutcomeConnection', { simpleResolvers: true })
export class OutcomeConnection {
  @Field(() => [OutcomeType])
  nodes!: OutcomeNode[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
