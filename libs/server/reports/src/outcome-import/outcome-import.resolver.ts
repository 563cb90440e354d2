import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { signedInViewer, type RequestContext } from '@pams/server-core';
import { applyOutcomeImport } from './apply-outcome-import.js';
import { IMPORT_READER_ROLES } from './outcome-import.access.js';
import { OutcomeImportRowStatus } from './outcome-import.entity.js';
import { importRows } from './outcome-import.read-model.js';
import { outcomeImport, recentOutcomeImports, reviewOutcomeImportRow } from './outcome-import.service.js';
import {
  ApplyOutcomeImportResult,
  OutcomeImportRowConnection,
  OutcomeImportType,
  OutcomesThisMonth,
  ReviewOutcomeImportRowInput,
  ReviewOutcomeImportRowResult,
} from './outcome-import.types.js';
import { outcomesThisMonth } from './outcomes-this-month.service.js';

@Resolver(() => OutcomeImportType)
export class OutcomeImportResolver {
  /** A CRM export staged for review (P-024); null when it does not exist or is not the viewer's to see. */
  @Authorized(...IMPORT_READER_ROLES)
  @Query(() => OutcomeImportType, { nullable: true })
  async outcomeImport(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<OutcomeImportType | null> {
    return outcomeImport(ctx.em, await signedInViewer(ctx), id);
  }

  /** The latest 20 imports the viewer may see, newest first. */
  @Authorized(...IMPORT_READER_ROLES)
  @Query(() => [OutcomeImportType])
  async outcomeImports(@Ctx() ctx: RequestContext): Promise<OutcomeImportType[]> {
    return recentOutcomeImports(ctx.em, await signedInViewer(ctx));
  }

  /** The import's rows in sheet order (keyset pages of up to 500). */
  @FieldResolver(() => OutcomeImportRowConnection)
  async rows(
    @Root() root: Pick<OutcomeImportType, 'id'>,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('status', () => OutcomeImportRowStatus, { nullable: true }) status: OutcomeImportRowStatus | null,
    @Ctx() ctx: RequestContext,
  ): Promise<OutcomeImportRowConnection> {
    return importRows(ctx.em, root.id, { first, after, status });
  }

  /** Choose a row's project, or skip / take back a row, at the import's version. */
  @Authorized()
  @Mutation(() => ReviewOutcomeImportRowResult)
  async reviewOutcomeImportRow(
    @Arg('input', () => ReviewOutcomeImportRowInput) input: ReviewOutcomeImportRowInput,
    @Ctx() ctx: RequestContext,
  ): Promise<typeof ReviewOutcomeImportRowResult> {
    return reviewOutcomeImportRow(ctx.em, await signedInViewer(ctx), input);
  }

  /** Records the import's matched rows as outcomes in one transaction and notifies the presales owners; once only. */
  @Authorized()
  @Mutation(() => ApplyOutcomeImportResult)
  async applyOutcomeImport(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Ctx() ctx: RequestContext,
  ): Promise<typeof ApplyOutcomeImportResult> {
    return applyOutcomeImport(ctx.em, await signedInViewer(ctx), id, expectedVersion);
  }

  /** The "wins & losses this month" callout: counts and MRR won this month, in the viewer's scope. */
  @Authorized()
  @Query(() => OutcomesThisMonth)
  async outcomesThisMonth(@Ctx() ctx: RequestContext): Promise<OutcomesThisMonth> {
    return outcomesThisMonth(ctx.em, await signedInViewer(ctx));
  }
}
