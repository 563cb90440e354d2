import { Field, ID, InputType } from 'type-graphql';
import { ActivityCategory, ActivityType } from '@pams/shared-util';
import { ActivityScope } from '../activity-enums.js';

/** Every given criterion must hold (AND); an empty list is no criterion. Filters narrow the scope. */
@InputType('ActivityFilter')
export class ActivityFilter {
  @Field(() => ActivityScope, { nullable: true, description: 'MINE when not given (P-002, P-009). Pass ALL to filter by other owners.' })
  scope?: ActivityScope | null;

  @Field(() => [ID], { nullable: true })
  ownerIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'The region the activity was logged in (its owner’s default region then).' })
  regionIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  accountIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  projectIds?: string[] | null;

  @Field(() => ActivityCategory, { nullable: true })
  category?: ActivityCategory | null;

  @Field(() => [ActivityType], { nullable: true })
  types?: ActivityType[] | null;

  @Field(() => [ID], { nullable: true, description: "The account's industry." })
  industryIds?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of name, topic, description, minutes of meeting, account or project name.' })
  text?: string | null;

  @Field(() => String, { nullable: true, description: 'On or after this YYYY-MM-DD.' })
  dateFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'On or before this YYYY-MM-DD.' })
  dateTo?: string | null;
}
