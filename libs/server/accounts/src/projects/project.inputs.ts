import { Field, ID, InputType } from 'type-graphql';
import { ProjectStatus } from '@pams/shared-util';
import '../shared/accounts-enums.js';

@InputType()
export class CreateProjectInput {
  @Field(() => ID)
  accountId!: string;

  @Field(() => String, { description: 'Unique within the account regardless of case; at most 200 characters.' })
  name!: string;

  @Field(() => ID, { nullable: true })
  primaryUseCaseId?: string | null;

  @Field(() => [ID], { nullable: true })
  secondaryUseCaseIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  productIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Presales owners; omitted: the creator when a MEMBER, else none.' })
  ownerIds?: string[] | null;

  @Field(() => String, { nullable: true })
  crmLink?: string | null;
}

/**
 * A patch: an omitted field is left as it is; null clears it. Lists are never replaced (PRODUCT.md,
 * "Never again"): each names the ids to add and to remove. Adding a present id or removing an absent
 * one changes nothing; an id in both lists of a pair is refused.
 */
@InputType()
export class UpdateProjectInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => ProjectStatus, {
    nullable: true,
    description: 'ACTIVE reopens the project and drops its outcome; WON/LOST are set by recording an outcome.',
  })
  status?: ProjectStatus | null;

  @Field(() => ID, { nullable: true })
  primaryUseCaseId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Secondary use cases to add (active ones only).' })
  addSecondaryUseCaseIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Secondary use cases to remove.' })
  removeSecondaryUseCaseIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Products of interest to add (active ones only).' })
  addProductIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Products of interest to remove.' })
  removeProductIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Presales owners to add (active users only).' })
  addOwnerIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Presales owners to remove.' })
  removeOwnerIds?: string[] | null;

  @Field(() => String, { nullable: true })
  crmLink?: string | null;
}
