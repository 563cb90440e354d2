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

/** A patch: an omitted field is left as it is; null clears it; a list replaces the project's list. */
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

  @Field(() => [ID], { nullable: true })
  secondaryUseCaseIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  productIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  ownerIds?: string[] | null;

  @Field(() => String, { nullable: true })
  crmLink?: string | null;
}
