import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('CollectionCountPoint', { simpleResolvers: true })
export class CollectionCountPointType {
  @Field(() => String, { description: 'The day counted (YYYY-MM-DD, UTC).' })
  day!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('CollectionCountSeries', { simpleResolvers: true })
export class CollectionCountSeriesType {
  @Field(() => String, { description: 'activities, accounts, projects, outcomes, users, regions, salesReps, products, industries, useCases, currencyRates.' })
  collection!: string;

  @Field(() => String)
  label!: string;

  @Field(() => [CollectionCountPointType], { description: 'The days recorded in the window, oldest first.' })
  points!: CollectionCountPointType[];

  @Field(() => Int, { nullable: true, description: 'The last count recorded; null before the first check.' })
  latest!: number | null;

  @Field(() => Int, { nullable: true, description: 'The last count minus the one recorded before it; null with fewer than two days.' })
  change!: number | null;

  @Field(() => Boolean, { description: 'The last change is a sharp fall (more than the thresholds allow): the admins were told.' })
  sharpDrop!: boolean;
}

@ObjectType('CollectionCountReport', { simpleResolvers: true })
export class CollectionCountReportType {
  @Field(() => Int, { description: 'A fall of more than this percentage of the count before is reported (COUNT_DROP_PERCENT).' })
  dropPercent!: number;

  @Field(() => Int, { description: 'A fall of more than this many rows is reported (COUNT_DROP_ROWS).' })
  dropRows!: number;

  @Field(() => String, { nullable: true, description: 'The last day the check recorded, or null if it never ran.' })
  lastDay!: string | null;

  @Field(() => [CollectionCountSeriesType])
  collections!: CollectionCountSeriesType[];
}
