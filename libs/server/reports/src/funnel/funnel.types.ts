import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';

@InputType()
export class FunnelInput {
  @Field(() => String, { description: 'First month of the window, YYYY-MM.' })
  from!: string;

  @Field(() => String, { description: 'Last month (inclusive), YYYY-MM.' })
  to!: string;

  @Field(() => [ID], { nullable: true, description: 'Regions of the activities.' })
  regionIds?: string[] | null;
}

@ObjectType('FunnelStage', { simpleResolvers: true })
export class FunnelStage {
  @Field(() => String, { description: 'DISCOVERY, DEMO, POC or WON.' })
  stage!: string;

  @Field(() => String)
  label!: string;

  @Field(() => Int, { description: 'Accounts that reached this stage in order, within the window.' })
  accounts!: number;

  @Field(() => Float, { nullable: true, description: 'Share of the previous stage that reached this one.' })
  conversion!: number | null;
}

@ObjectType('Funnel', { simpleResolvers: true })
export class Funnel {
  @Field(() => [FunnelStage]) stages!: FunnelStage[];
  @Field(() => GraphQLDateTimeISO) asOf!: Date;
}

@ObjectType('Cohort', { simpleResolvers: true })
export class Cohort {
  @Field(() => String, { description: 'Month of the accounts’ first external activity ever, YYYY-MM.' })
  month!: string;

  @Field(() => Int)
  accounts!: number;

  @Field(() => [Int], { description: 'Accounts of the cohort active in its month and each month after, up to the window’s end.' })
  active!: number[];
}

@ObjectType('Cohorts', { simpleResolvers: true })
export class Cohorts {
  @Field(() => [Cohort]) cohorts!: Cohort[];
  @Field(() => GraphQLDateTimeISO) asOf!: Date;
}
