import { Field, ID, InputType, Int } from 'type-graphql';
import { ActivityCategory, ActivityType, CallType } from '@pams/shared-util';
import { ReportDimension, ReportOrder } from './report-dimension.js';
// The activity enums are registered with type-graphql by the activities domain.
import '@pams/server-activities';

/** Which activities a report counts; every list narrows (AND between fields, OR within one). */
@InputType()
export class ReportFilter {
  @Field(() => [ID], { nullable: true })
  regionIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  ownerIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  accountIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  industryIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "The project's primary use case." })
  useCaseIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "The account's sales rep." })
  salesRepIds?: string[] | null;

  @Field(() => [ActivityCategory], { nullable: true })
  categories?: ActivityCategory[] | null;

  @Field(() => [ActivityType], { nullable: true })
  types?: ActivityType[] | null;

  @Field(() => [CallType], { nullable: true })
  callTypes?: CallType[] | null;
}

/** A report over activities: a range of months, up to three dimensions, filters (P-013). */
@InputType()
export class ActivityReportInput {
  @Field(() => String, { description: 'First month, YYYY-MM.' })
  from!: string;

  @Field(() => String, { description: 'Last month (inclusive), YYYY-MM.' })
  to!: string;

  @Field(() => [ReportDimension], { description: 'Up to three dimensions; none gives the totals only.' })
  groupBy!: ReportDimension[];

  @Field(() => ReportFilter, { nullable: true })
  filter?: ReportFilter | null;

  @Field(() => ReportOrder, { nullable: true, defaultValue: ReportOrder.COUNT_DESC })
  orderBy?: ReportOrder | null;

  @Field(() => Int, { nullable: true, description: 'Most rows returned (default 500, at most 5,000); `totals` cover every row.' })
  limit?: number | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Also count distinct accounts per row (reads the detailed rollup).' })
  countAccounts?: boolean | null;
}
