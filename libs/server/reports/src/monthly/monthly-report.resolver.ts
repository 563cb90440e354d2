import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { signedInViewer, type RequestContext } from '@pams/server-core';
import { monthlyReportOverride, saveMonthlyReportOverride } from './monthly-report-override.service.js';
import { MonthlyReportOverrideInput, MonthlyReportOverrideType, SaveMonthlyReportOverrideResult } from './monthly-report-override.types.js';
import { monthlyReport } from './monthly-report.service.js';
import { MonthlyReport } from './monthly-report.types.js';

@Resolver()
export class MonthlyReportResolver {
  /** One month or a range of the monthly report (P-015, P-020), in the viewer's role scope. */
  @Authorized()
  @Query(() => MonthlyReport)
  async monthlyReport(
    @Arg('from', () => String, { description: 'First month, YYYY-MM.' }) from: string,
    @Arg('to', () => String, { nullable: true, description: 'Last month (inclusive), YYYY-MM; defaults to `from`.' }) to: string | null | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<MonthlyReport> {
    return monthlyReport(ctx.em, await signedInViewer(ctx), from, to ?? from);
  }

  /** A month's overrides (highlights, featured use cases, wins in or out, manual wins, win of the month). */
  @Authorized()
  @Query(() => MonthlyReportOverrideType)
  async monthlyReportOverride(@Arg('month', () => String) month: string, @Ctx() ctx: RequestContext): Promise<MonthlyReportOverrideType> {
    return monthlyReportOverride(ctx.em, await signedInViewer(ctx), month);
  }

  /** Replaces a month's overrides (managers and admins), with the version read: 0 for a month not saved yet. */
  @Authorized()
  @Mutation(() => SaveMonthlyReportOverrideResult)
  async saveMonthlyReportOverride(
    @Arg('month', () => String) month: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input', () => MonthlyReportOverrideInput) input: MonthlyReportOverrideInput,
    @Ctx() ctx: RequestContext,
  ): Promise<typeof SaveMonthlyReportOverrideResult> {
    return saveMonthlyReportOverride(ctx.em, await signedInViewer(ctx), month, expectedVersion, input);
  }
}
