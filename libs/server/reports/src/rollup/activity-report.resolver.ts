import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { signedInViewer, type RequestContext } from '@pams/server-core';
import { ActivityReportInput } from './activity-report.input.js';
import { activityReport } from './activity-report.service.js';
import { ActivityReport } from './activity-report.type.js';

@Resolver()
export class ActivityReportResolver {
  /**
   * Activity counts and effort over a range of months, grouped and filtered (P-013): the breakdowns by
   * type, category, call type, region, industry, sales rep and presales user are all this query.
   */
  @Authorized()
  @Query(() => ActivityReport)
  async activityReport(@Arg('input', () => ActivityReportInput) input: ActivityReportInput, @Ctx() ctx: RequestContext): Promise<ActivityReport> {
    return activityReport(ctx.em, await signedInViewer(ctx), input);
  }
}
