import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { signedInViewer, type RequestContext } from '@pams/server-core';
import { readExportJob, startExport } from './export-job.service.js';
import { ExportJobType, StartExportInput, StartExportResult } from './export-job.types.js';

@Resolver()
export class ExportJobResolver {
  /**
   * Starts a long export as a job (P-014): the parameters are checked as the download checks them, in
   * the viewer's scope; the file is written in the background and kept for a day.
   */
  @Authorized()
  @Mutation(() => StartExportResult)
  async startExport(@Arg('input', () => StartExportInput) input: StartExportInput, @Ctx() ctx: RequestContext): Promise<typeof StartExportResult> {
    return startExport(ctx.em, await signedInViewer(ctx), input);
  }

  /** One of the viewer's export jobs: status, progress, and the download URL once done; null if unknown or another user's. */
  @Authorized()
  @Query(() => ExportJobType, { nullable: true })
  async exportJob(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ExportJobType | null> {
    return readExportJob(ctx.em, await signedInViewer(ctx), id);
  }
}
