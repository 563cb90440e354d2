import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { signedInViewer, type RequestContext } from '@pams/server-core';
import { deleteReportPreset, listReportPresets, saveReportPreset } from './report-preset.service.js';
import { DeleteReportPresetResult, ReportPresetType, SaveReportPresetInput, SaveReportPresetResult } from './report-preset.types.js';

@Resolver()
export class ReportPresetResolver {
  /** Saved report definitions the viewer may use: their own and those shared with their regions (P-013). */
  @Authorized()
  @Query(() => [ReportPresetType])
  async reportPresets(@Ctx() ctx: RequestContext): Promise<ReportPresetType[]> {
    return listReportPresets(ctx.em, await signedInViewer(ctx));
  }

  @Authorized()
  @Mutation(() => SaveReportPresetResult)
  async saveReportPreset(@Arg('input', () => SaveReportPresetInput) input: SaveReportPresetInput, @Ctx() ctx: RequestContext): Promise<typeof SaveReportPresetResult> {
    return saveReportPreset(ctx.em, await signedInViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => DeleteReportPresetResult)
  async deleteReportPreset(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Ctx() ctx: RequestContext,
  ): Promise<typeof DeleteReportPresetResult> {
    return deleteReportPreset(ctx.em, await signedInViewer(ctx), id, expectedVersion);
  }
}
