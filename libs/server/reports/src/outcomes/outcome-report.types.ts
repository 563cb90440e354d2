import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';

export enum OutcomeDimension {
  MONTH = 'MONTH',
  REGION = 'REGION',
  INDUSTRY = 'INDUSTRY',
  USE_CASE = 'USE_CASE',
  WON_BY = 'WON_BY',
  ACCOUNT_KIND = 'ACCOUNT_KIND',
}
registerEnumType(OutcomeDimension, { name: 'OutcomeDimension', description: 'What wins and losses are grouped by.' });

@InputType()
export class OutcomeReportInput {
  @Field(() => String, { description: 'First month of win, YYYY-MM.' })
  from!: string;

  @Field(() => String, { description: 'Last month (inclusive), YYYY-MM.' })
  to!: string;

  @Field(() => [OutcomeDimension], { description: 'Up to two dimensions; none gives the totals only.' })
  groupBy!: OutcomeDimension[];

  @Field(() => [ID], { nullable: true, description: "Regions of the accounts' sales reps." })
  regionIds?: string[] | null;
}

@ObjectType('OutcomeMeasures', { simpleResolvers: true })
export class OutcomeMeasures {
  @Field(() => Int) won!: number;
  @Field(() => Int) lost!: number;
  @Field(() => Float, { nullable: true, description: 'won / (won + lost); null without outcomes.' }) winRate!: number | null;
  @Field(() => Float, { description: 'Monthly recurring revenue of the wins, in the reporting currency.' }) wonMrr!: number;
  @Field(() => Float, { description: 'Monthly recurring revenue lost, in the reporting currency.' }) lostMrr!: number;
  @Field(() => Float, { description: 'One-time value of the wins, in the reporting currency.' }) wonOneTime!: number;
  @Field(() => Int, { description: 'Days logged on the won projects (all their activities, any month).' }) wonEffortDays!: number;
  @Field(() => Float, { description: 'Hours logged on the won projects.' }) wonEffortHours!: number;
  @Field(() => Int, { description: 'Activities logged on the won projects.' }) wonActivities!: number;
  @Field(() => Float, { nullable: true, description: 'Activities per win (effort linked to outcomes); null without wins.' }) activitiesPerWin!: number | null;
}

@ObjectType('OutcomeKey', { simpleResolvers: true })
export class OutcomeKey {
  @Field(() => OutcomeDimension) dimension!: OutcomeDimension;
  @Field(() => String, { nullable: true, description: 'Id or code of the key (YYYY-MM for months); null for "none".' }) id!: string | null;
  @Field(() => String) label!: string;
}

@ObjectType('OutcomeReportRow', { simpleResolvers: true })
export class OutcomeReportRow extends OutcomeMeasures {
  @Field(() => [OutcomeKey]) keys!: OutcomeKey[];
}

@ObjectType('OutcomeItem', { simpleResolvers: true })
export class OutcomeItem {
  @Field(() => ID) id!: string;
  @Field(() => String) month!: string;
  @Field(() => String) result!: string;
  @Field(() => ID) projectId!: string;
  @Field(() => String) projectName!: string;
  @Field(() => ID) accountId!: string;
  @Field(() => String) accountName!: string;
  @Field(() => String, { nullable: true }) industryName!: string | null;
  @Field(() => String, { nullable: true }) useCaseName!: string | null;
  @Field(() => String, { nullable: true }) regionName!: string | null;
  @Field(() => String, { nullable: true }) wonByName!: string | null;
  @Field(() => String, { nullable: true }) currency!: string | null;
  @Field(() => Float, { nullable: true, description: 'In the deal currency.' }) mrrAmount!: number | null;
  @Field(() => Float, { nullable: true, description: 'In the reporting currency.' }) mrrReporting!: number | null;
  @Field(() => Float, { nullable: true }) oneTimeReporting!: number | null;
  @Field(() => String) reason!: string;
  @Field(() => String, { nullable: true }) competitors!: string | null;
  @Field(() => String, { nullable: true }) accountKind!: string | null;
  @Field(() => String) crmLink!: string;
}

@ObjectType('OutcomeReport', { simpleResolvers: true })
export class OutcomeReport {
  @Field(() => String) from!: string;
  @Field(() => String) to!: string;
  @Field(() => [OutcomeDimension]) groupBy!: OutcomeDimension[];
  @Field(() => [OutcomeReportRow]) rows!: OutcomeReportRow[];
  @Field(() => OutcomeMeasures) totals!: OutcomeMeasures;
  @Field(() => [OutcomeItem], { description: 'The wins and losses themselves, largest MRR first (at most 500).' }) outcomes!: OutcomeItem[];
  @Field(() => GraphQLDateTimeISO) asOf!: Date;
}
