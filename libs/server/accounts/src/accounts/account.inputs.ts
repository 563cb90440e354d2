import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class CreateAccountInput {
  @Field(() => String, { description: 'Unique regardless of case; at most 200 characters.' })
  name!: string;

  @Field(() => ID, { nullable: true })
  industryId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The sales rep gives the account its region.' })
  salesRepId?: string | null;

  @Field(() => String, { nullable: true, description: 'An http(s) link to the account in the CRM.' })
  crmLink?: string | null;
}

/** A patch: an omitted field is left as it is; null clears an optional field. */
@InputType()
export class UpdateAccountInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => ID, { nullable: true })
  industryId?: string | null;

  @Field(() => ID, { nullable: true })
  salesRepId?: string | null;

  @Field(() => String, { nullable: true })
  crmLink?: string | null;
}
