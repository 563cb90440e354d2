import { Field, Float, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '@pams/server-core';
import { ActivityNode, type ActivityView } from '../activity.type.js';

@ObjectType('ActivityTotals', { simpleResolvers: true })
export class ActivityTotals {
  @Field(() => Int)
  count!: number;

  @Field(() => Int, { description: 'Sum of the efforts given in days.' })
  days!: number;

  @Field(() => Float, { description: 'Sum of the efforts given in hours.' })
  hours!: number;
}

/** One month of activities, newest first, with the totals of exactly those rows. */
@ObjectType('ActivityMonth', { simpleResolvers: true })
export class ActivityMonth {
  @Field(() => String, { description: 'YYYY-MM' })
  month!: string;

  @Field(() => [ActivityNode])
  items!: ActivityView[];

  @Field(() => ActivityTotals)
  totals!: ActivityTotals;
}

@ObjectType('ActivityConnection', { simpleResolvers: true })
export class ActivityConnection {
  @Field(() => [ActivityNode])
  nodes!: ActivityView[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
