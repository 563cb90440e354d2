import { Authorized, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { publicError, type RequestContext, type ServiceLevelReport } from '@pams/server-core';
import { Role } from '@pams/shared-util';

@ObjectType('ServiceLevelObjective', { simpleResolvers: true })
export class ServiceLevelObjectiveType {
  @Field(() => String, { description: 'activitiesP95 or errorRate.' })
  key!: string;

  @Field(() => String)
  label!: string;

  @Field(() => String, { description: '"ms" or "%".' })
  unit!: string;

  @Field(() => Float, { description: 'The objective: the value must stay at or below it (SLO_ACTIVITIES_P95_MS, SLO_ERROR_RATE_PERCENT).' })
  threshold!: number;

  @Field(() => Float, { nullable: true, description: 'Over the window; null when nothing was measured.' })
  current!: number | null;

  @Field(() => Int, { description: 'Operations the current value rests on.' })
  samples!: number;

  @Field(() => Boolean, { nullable: true, description: 'Null when nothing was measured.' })
  met!: boolean | null;
}

@ObjectType('ServiceLevelMinute', { simpleResolvers: true })
export class ServiceLevelMinuteType {
  @Field(() => GraphQLDateTimeISO)
  minute!: Date;

  @Field(() => Int)
  operations!: number;

  @Field(() => Float, { nullable: true })
  errorRatePercent!: number | null;

  @Field(() => Float, { nullable: true })
  activitiesP95Ms!: number | null;
}

@ObjectType('ServiceLevelReport', { simpleResolvers: true })
export class ServiceLevelReportType {
  @Field(() => Int)
  windowMinutes!: number;

  @Field(() => GraphQLDateTimeISO, { description: 'Start of the window (or of this process, if it started later).' })
  since!: Date;

  @Field(() => [ServiceLevelObjectiveType])
  objectives!: ServiceLevelObjectiveType[];

  @Field(() => [ServiceLevelMinuteType], { description: 'The last hour, a minute per entry, oldest first.' })
  minutes!: ServiceLevelMinuteType[];
}

/** The admin Health page's service levels (P-018): this gateway process's, measured as it answers. */
@Resolver()
export class ServiceLevelResolver {
  @Authorized(Role.ADMIN)
  @Query(() => ServiceLevelReportType, { description: "This gateway process's service-level objectives against their thresholds, and the last hour per minute." })
  serviceLevels(@Ctx() ctx: RequestContext): ServiceLevelReport {
    if (!ctx.serviceLevels) throw publicError('UNAVAILABLE', 'This gateway does not measure service levels.');
    return ctx.serviceLevels.report();
  }
}
