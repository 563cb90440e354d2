import { createUnionType, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Forbidden, UserError, ValidationFailed } from '@pams/server-core';

@ObjectType('ManualWin', { simpleResolvers: true })
export class ManualWinType {
  @Field(() => String) title!: string;
  @Field(() => String) accountName!: string;
  @Field(() => Float, { nullable: true, description: 'Monthly recurring revenue in the reporting currency.' }) mrrReporting!: number | null;
  @Field(() => String) story!: string;
}

/** One month's overrides; a month nobody edited yet reads as empty with version 0. */
@ObjectType('MonthlyReportOverride', { simpleResolvers: true })
export class MonthlyReportOverrideType {
  @Field(() => ID, { nullable: true, description: 'Null until the month is first saved.' }) id!: string | null;
  @Field(() => String, { description: 'YYYY-MM.' }) month!: string;
  @Field(() => Int, { description: 'Send it back as expectedVersion; 0 when nothing is stored yet.' }) version!: number;
  @Field(() => String) highlights!: string;
  @Field(() => [ID]) featuredUseCaseIds!: string[];
  @Field(() => [ID]) excludedOutcomeIds!: string[];
  @Field(() => [ID]) includedOutcomeIds!: string[];
  @Field(() => [ManualWinType]) manualWins!: ManualWinType[];
  @Field(() => ID, { nullable: true, description: 'The win of the month a manager picked; null: the largest won MRR.' }) winOfTheMonthOutcomeId!: string | null;
  @Field(() => String, { nullable: true }) winOfTheMonthStory!: string | null;
  @Field(() => Boolean, { description: 'The viewer may save this month (managers and admins).' }) editable!: boolean;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) updatedAt!: Date | null;
}

@InputType()
export class ManualWinInput {
  @Field(() => String) title!: string;
  @Field(() => String) accountName!: string;
  @Field(() => Float, { nullable: true }) mrrReporting?: number | null;
  @Field(() => String, { nullable: true, defaultValue: '' }) story?: string | null;
}

/**
 * A change to a month's overrides, with the version read. A field left out keeps its stored value; a field
 * sent replaces it (null clears the win of the month or its story). No list is ever emptied by omission.
 */
@InputType()
export class MonthlyReportOverrideInput {
  @Field(() => String, { nullable: true, description: 'At most 5,000 characters.' }) highlights?: string | null;
  @Field(() => [ID], { nullable: true }) featuredUseCaseIds?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'Won outcomes of the month kept off the win cards.' }) excludedOutcomeIds?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'Won outcomes of the month always on the win cards.' }) includedOutcomeIds?: string[] | null;
  @Field(() => [ManualWinInput], { nullable: true }) manualWins?: ManualWinInput[] | null;
  @Field(() => ID, { nullable: true, description: 'Null clears the pick: the largest won MRR stands in.' }) winOfTheMonthOutcomeId?: string | null;
  @Field(() => String, { nullable: true }) winOfTheMonthStory?: string | null;
}

/** The month's overrides changed since they were read: nothing saved; `current` is the server's copy. */
@ObjectType({ implements: UserError, simpleResolvers: true })
export class MonthlyReportOverrideConflict implements UserError {
  @Field(() => String) message!: string;
  @Field(() => MonthlyReportOverrideType) current!: MonthlyReportOverrideType;
}

export const SaveMonthlyReportOverrideResult = createUnionType({
  name: 'SaveMonthlyReportOverrideResult',
  types: () => [MonthlyReportOverrideType, ValidationFailed, MonthlyReportOverrideConflict, Forbidden] as const,
});
