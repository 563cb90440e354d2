import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { signedInViewer, type RequestContext } from '@pams/server-core';
import { outcomeReport } from './outcome-report.service.js';
import { OutcomeReport, OutcomeReportInput } from './outcome-report.types.js';

@Resolver()
export class OutcomeReportResolver {
  /** Wins and losses with MRR in the reporting currency, win rate and effort per win (P-013, P-023). */
  @Authorized()
  @Query(() => OutcomeReport)
  async outcomeReport(@Arg('input', () => OutcomeReportInput) input: OutcomeReportInput, @Ctx() ctx: RequestContext): Promise<OutcomeReport> {
    return outcomeReport(ctx.em, await signedInViewer(ctx), input);
  }
}
