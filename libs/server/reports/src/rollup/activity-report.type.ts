import { Field, Float, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { ReportDimension, ReportSource } from './report-dimension.js';

@ObjectType('ReportKey', { simpleResolvers: true })
export class ReportKey {
  @Field(() => ReportDimension)
  dimension!: ReportDimension;

  @Field(() => String, { nullable: true, description: 'Id or code of the key (YYYY-MM for months); null for "none".' })
  id!: string | null;

  @Field(() => String)
  label!: string;
}

@ObjectType('ReportMeasures', { simpleResolvers: true })
export class ReportMeasures {
  @Field(() => Int)
  activityCount!: number;

  @Field(() => Int, { description: 'Effort logged in whole days.' })
  effortDays!: number;

  @Field(() => Float, { description: 'Effort logged in hours (half-hour steps).' })
  effortHours!: number;

  @Field(() => Int, { nullable: true, description: 'Distinct accounts, when asked for with `countAccounts`.' })
  accountCount!: number | null;
}

@ObjectType('ActivityReportRow', { simpleResolvers: true })
export class ActivityReportRow extends ReportMeasures {
  @Field(() => [ReportKey])
  keys!: ReportKey[];
}

@ObjectType('ActivityReport', { simpleResolvers: true })
export class ActivityReport {
  @Field(() => String)
  from!: string;

  @Field(() => String)
  to!: string;

  @Field(() => [ReportDimension])
  groupBy!: ReportDimension[];

  @Field(() => [ActivityReportRow])
  rows!: ActivityReportRow[];

  @Field(() => ReportMeasures, { description: 'Over every row, including those past `limit`.' })
  totals!: ReportMeasures;

  @Field(() => Int, { description: 'Number of rows the report has, before `limit`.' })
  rowCount!: number;

  @Field(() => ReportSource)
  source!: ReportSource;

  @Field(() => GraphQLDateTimeISO, {
    description: 'When the data was read. Rollups change in the same transaction as the activities, so the figures are exact as of this time.',
  })
  asOf!: Date;
}
