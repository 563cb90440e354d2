import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { signedInViewer, type RequestContext } from '@pams/server-core';
import { cohorts, funnel } from './funnel.service.js';
import { Cohorts, Funnel, FunnelInput } from './funnel.types.js';

@Resolver()
export class FunnelResolver {
  /** Accounts that went Discovery → Demo → POC → Won within the window (P-013). */
  @Authorized()
  @Query(() => Funnel)
  async funnel(@Arg('input', () => FunnelInput) input: FunnelInput, @Ctx() ctx: RequestContext): Promise<Funnel> {
    return funnel(ctx.em, await signedInViewer(ctx), input);
  }

  /** Accounts by month of first external activity, and how many stayed active month by month (P-013). */
  @Authorized()
  @Query(() => Cohorts)
  async cohorts(@Arg('input', () => FunnelInput) input: FunnelInput, @Ctx() ctx: RequestContext): Promise<Cohorts> {
    return cohorts(ctx.em, await signedInViewer(ctx), input);
  }
}
