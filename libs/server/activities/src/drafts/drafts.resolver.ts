import { Arg, Authorized, Ctx, createUnionType, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Done, done, NotFound, notFound, signedInViewer, type RequestContext } from '@pams/server-core';
import { DraftNode, ResumedDraft, type DraftView } from './draft.type.js';
import { discardDraft, listDrafts, resumeDraft } from './drafts.service.js';

export const DiscardDraftResult = createUnionType({
  name: 'DiscardDraftResult',
  types: () => [Done, NotFound] as const,
});

export const ResumeDraftResult = createUnionType({
  name: 'ResumeDraftResult',
  types: () => [ResumedDraft, NotFound] as const,
});

@Resolver()
export class DraftsResolver {
  /** The viewer's pending drafts, newest first (P-008): on the server, so they survive reloads and devices. */
  @Authorized()
  @Query(() => [DraftNode])
  async drafts(@Ctx() ctx: RequestContext): Promise<DraftView[]> {
    return listDrafts(ctx.em, (await signedInViewer(ctx)).id);
  }

  /** A draft with the server's copy now (reads only): merge, then updateActivity(id, current.version, input, draftId). */
  @Authorized()
  @Query(() => ResumeDraftResult)
  async resumeDraft(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<typeof ResumeDraftResult> {
    const resumed = await resumeDraft(ctx.em, (await signedInViewer(ctx)).id, id);
    return resumed ? Object.assign(new ResumedDraft(), resumed) : notFound('No such draft.');
  }

  @Authorized()
  @Mutation(() => DiscardDraftResult)
  async discardDraft(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<typeof DiscardDraftResult> {
    return (await discardDraft(ctx.em, (await signedInViewer(ctx)).id, id)) ? done('Draft discarded.') : notFound('No such draft.');
  }
}
