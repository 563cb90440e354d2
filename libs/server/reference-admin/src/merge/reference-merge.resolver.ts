import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { signedInViewer, type RequestContext } from '@pams/server-core';
import { Role } from '@pams/shared-util';
import { listReferenceMerges } from './list-reference-merges.js';
import { mergeReferences, previewReferenceMerge } from './merge-references.js';
import {
  MergeReferencesResult,
  RecordVersionInput,
  ReferenceMergeInput,
  ReferenceMergePreviewResult,
  ReferenceMergeType,
  UndoReferenceMergeResult,
} from './reference-merge.types.js';
import { ReferenceMergeKind } from './reference-merge.entity.js';
import { undoReferenceMerge } from './undo-reference-merge.js';

/** Industry and use-case merge (P-005, ADR 0020): admins only. */
@Resolver()
export class ReferenceMergeResolver {
  @Authorized(Role.ADMIN)
  @Query(() => ReferenceMergePreviewResult, { description: 'What a merge would move and what blocks it; nothing is written.' })
  referenceMergePreview(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ReferenceMergeInput) input: ReferenceMergeInput,
  ): Promise<typeof ReferenceMergePreviewResult> {
    return previewReferenceMerge(ctx.em, input);
  }

  @Authorized(Role.ADMIN)
  @Query(() => [ReferenceMergeType], { description: 'Merges done, newest first (undone ones too).' })
  referenceMerges(
    @Ctx() ctx: RequestContext,
    @Arg('kind', () => ReferenceMergeKind, { nullable: true }) kind: ReferenceMergeKind | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number,
  ): Promise<ReferenceMergeType[]> {
    return listReferenceMerges(ctx.em, kind ?? null, first);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => MergeReferencesResult, { description: 'Merges the records into the base in one transaction; `expectedVersions` as previewed, one per record.' })
  async mergeReferences(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ReferenceMergeInput) input: ReferenceMergeInput,
    @Arg('expectedVersions', () => [RecordVersionInput]) expectedVersions: RecordVersionInput[],
  ): Promise<typeof MergeReferencesResult> {
    return mergeReferences(ctx.em, await signedInViewer(ctx), input, expectedVersions);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => UndoReferenceMergeResult, { description: 'Puts back everything the merge changed, unless a moved row was edited since.' })
  async undoReferenceMerge(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
  ): Promise<typeof UndoReferenceMergeResult> {
    return undoReferenceMerge(ctx.em, await signedInViewer(ctx), id, expectedVersion);
  }
}
