import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { publicError, signedInViewer, type RequestContext } from '@pams/server-core';
import { Role } from '@pams/shared-util';
import { LegacyRowStatus } from './entities/legacy-import.entity.js';
import {
  ROW_PAGE_MAX,
  checkLegacyImport,
  chooseLegacyValues,
  commitLegacyImport,
  importRows,
  legacyImport,
  legacyImports,
  mapLegacyImport,
  undoLegacyImport,
} from './legacy-import.service.js';
import {
  ChooseLegacyValuesInput,
  LegacyImportResult,
  LegacyImportRowPageType,
  LegacyImportType,
  MapLegacyImportInput,
} from './legacy-import.types.js';

const LIST_MAX = 100;

/** Migration of the old system's data (P-011, P-012): admins only. Upload is `POST /legacy-imports`. */
@Resolver(() => LegacyImportType)
export class LegacyImportResolver {
  @Authorized(Role.ADMIN)
  @Query(() => [LegacyImportType], { description: 'Recent imports of legacy files, newest first.' })
  async legacyImports(@Ctx() ctx: RequestContext, @Arg('limit', () => Int, { defaultValue: 20 }) limit: number): Promise<LegacyImportType[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > LIST_MAX) throw publicError('BAD_USER_INPUT', `"limit" must be from 1 to ${LIST_MAX}, not ${limit}.`);
    return legacyImports(ctx.em, limit);
  }

  @Authorized(Role.ADMIN)
  @Query(() => LegacyImportType, { nullable: true, description: 'One import; null if unknown.' })
  async legacyImport(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<LegacyImportType | null> {
    return legacyImport(ctx.em, id);
  }

  @FieldResolver(() => LegacyImportRowPageType, { description: `Staged rows in file order, ${ROW_PAGE_MAX} at most per page (keyset on the row number).` })
  async rows(
    @Root() root: LegacyImportType,
    @Ctx() ctx: RequestContext,
    @Arg('status', () => LegacyRowStatus, { nullable: true }) status: LegacyRowStatus | null,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Arg('after', () => Int, { defaultValue: 0, description: 'The `next` of the previous page.' }) after: number,
  ): Promise<LegacyImportRowPageType> {
    if (!Number.isInteger(first) || first < 1 || first > ROW_PAGE_MAX) throw publicError('BAD_USER_INPUT', `"first" must be from 1 to ${ROW_PAGE_MAX}, not ${first}.`);
    if (!Number.isInteger(after) || after < 0) throw publicError('BAD_USER_INPUT', `"after" must be a row number of 0 or more, not ${after}.`);
    return importRows(ctx.em, root, { status, first, after });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => LegacyImportResult, { description: 'Maps columns of the file to fields; the dry run must run again after.' })
  async mapLegacyImport(@Arg('input', () => MapLegacyImportInput) input: MapLegacyImportInput, @Ctx() ctx: RequestContext): Promise<typeof LegacyImportResult> {
    return mapLegacyImport(ctx.em, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => LegacyImportResult, { description: 'Queues the dry run: validation, duplicates in the file, matching on natural keys. Nothing live changes.' })
  async checkLegacyImport(@Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int) expectedVersion: number, @Ctx() ctx: RequestContext): Promise<typeof LegacyImportResult> {
    return checkLegacyImport(ctx.em, await signedInViewer(ctx), id, expectedVersion);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => LegacyImportResult, { description: 'Decides conflicts: keep (PAMS), overwrite (FILE), or per field (merge); for one row or all of them.' })
  async chooseLegacyValues(@Arg('input', () => ChooseLegacyValuesInput) input: ChooseLegacyValuesInput, @Ctx() ctx: RequestContext): Promise<typeof LegacyImportResult> {
    return chooseLegacyValues(ctx.em, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => LegacyImportResult, { description: 'Queues the commit: one transaction, audited, with post-checks that roll it back unless they all pass.' })
  async commitLegacyImport(@Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int) expectedVersion: number, @Ctx() ctx: RequestContext): Promise<typeof LegacyImportResult> {
    return commitLegacyImport(ctx.em, await signedInViewer(ctx), id, expectedVersion);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => LegacyImportResult, { description: 'Queues the undo of a committed import from its journal; refused, naming the rows, if any record was edited since.' })
  async undoLegacyImport(@Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int) expectedVersion: number, @Ctx() ctx: RequestContext): Promise<typeof LegacyImportResult> {
    return undoLegacyImport(ctx.em, await signedInViewer(ctx), id, expectedVersion);
  }
}
