import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { signedInViewer, type RequestContext } from '@pams/server-core';
import { RecordOutcomeInput, UpdateOutcomeInput } from './outcome.inputs.js';
import { DEFAULT_OUTCOME_PAGE_SIZE, findOutcomes } from './outcome.read-model.js';
import { RecordOutcomeResult, UpdateOutcomeResult } from './outcome.results.js';
import { recordOutcome, updateOutcome } from './outcome.service.js';
import { OutcomeConnection, OutcomeType } from './outcome.type.js';

@Resolver(() => OutcomeType)
export class OutcomeResolver {
  @Authorized()
  @Query(() => OutcomeConnection, { description: 'Wins and losses, newest month first; `month` is YYYY-MM, `regionId` the account\'s region.' })
  outcomes(
    @Ctx() ctx: RequestContext,
    @Arg('month', () => String, { nullable: true }) month: string | null,
    @Arg('regionId', () => ID, { nullable: true }) regionId: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_OUTCOME_PAGE_SIZE }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<OutcomeConnection> {
    return findOutcomes(ctx.em, { month, regionId, first, after }, ctx.config.graphql.maxPageSize);
  }

  @Authorized()
  @Mutation(() => RecordOutcomeResult, { description: 'The win/loss form (P-004). A project with an outcome answers OutcomeAlreadyRecorded.' })
  async recordOutcome(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RecordOutcomeInput) input: RecordOutcomeInput,
  ): Promise<typeof RecordOutcomeResult> {
    return recordOutcome(ctx.em, await signedInViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => UpdateOutcomeResult)
  async updateOutcome(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input', () => UpdateOutcomeInput) input: UpdateOutcomeInput,
  ): Promise<typeof UpdateOutcomeResult> {
    return updateOutcome(ctx.em, await signedInViewer(ctx), id, expectedVersion, input);
  }
}
