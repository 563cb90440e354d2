import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { signedInViewer, type RequestContext, type UserError } from '@pams/server-core';
import { ActivityChangeOp } from '../activity-enums.js';
import { activityNode, type ActivityNode } from '../activity.type.js';
import { ActivityChangeInput, ActivityInput, CreateActivityInput } from './activity.input.js';
import { saveActivityChanges } from './activity-changes.service.js';
import {
  ActivityBatchResult,
  CreateActivityResult,
  DeleteActivityResult,
  SaveActivitiesResult,
  UpdateActivityResult,
} from './activity-results.type.js';

/**
 * Writes of activities. Every one is a row of `saveActivityChanges`, so a single edit and a batch
 * obey the same rules. To retry a draft: updateActivity with `current.version` and the `draftId`.
 */
@Resolver()
export class ActivityChangesResolver {
  @Authorized()
  @Mutation(() => CreateActivityResult, { description: 'Idempotent on input.id. Updates the viewer’s last logged date (B-003).' })
  async createActivity(@Arg('input', () => CreateActivityInput) input: CreateActivityInput, @Ctx() ctx: RequestContext): Promise<typeof CreateActivityResult> {
    return this.one(ctx, { op: ActivityChangeOp.CREATE, id: input.id, input }) as Promise<typeof CreateActivityResult>;
  }

  @Authorized()
  @Mutation(() => UpdateActivityResult, { description: 'Replaces the activity with `input`. A stale expectedVersion → VersionConflict, the edit kept as a Draft.' })
  async updateActivity(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input', () => ActivityInput) input: ActivityInput,
    @Arg('draftId', () => ID, { nullable: true, description: 'The draft this update retries: discarded once it applies.' }) draftId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<typeof UpdateActivityResult> {
    return this.one(ctx, { op: ActivityChangeOp.UPDATE, id, expectedVersion, input, draftId });
  }

  @Authorized()
  @Mutation(() => DeleteActivityResult, { description: 'Soft delete: answers the activity with deletedAt set.' })
  async deleteActivity(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('draftId', () => ID, { nullable: true }) draftId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<typeof DeleteActivityResult> {
    return this.one(ctx, { op: ActivityChangeOp.DELETE, id, expectedVersion, draftId }) as Promise<typeof DeleteActivityResult>;
  }

  /**
   * Many creates, updates and deletes in one transaction, answered per row (B-004). All or nothing
   * unless `partial`. More than 50 deletes need `confirmBulkDelete` (audited). Nothing here replaces
   * a collection: every delete names its id.
   */
  @Authorized()
  @Mutation(() => SaveActivitiesResult)
  async saveActivities(
    @Arg('changes', () => [ActivityChangeInput]) changes: ActivityChangeInput[],
    @Arg('partial', () => Boolean, { defaultValue: false }) partial: boolean,
    @Arg('confirmBulkDelete', () => Boolean, { defaultValue: false }) confirmBulkDelete: boolean,
    @Ctx() ctx: RequestContext,
  ): Promise<typeof SaveActivitiesResult> {
    return saveActivityChanges(ctx.em, await signedInViewer(ctx), changes, { partial, confirmBulkDelete });
  }

  private async one(ctx: RequestContext, change: ActivityChangeInput): Promise<ActivityNode | UserError> {
    const outcome = await saveActivityChanges(ctx.em, await signedInViewer(ctx), [change], { partial: false, confirmBulkDelete: false });
    if (!(outcome instanceof ActivityBatchResult)) return outcome;
    const [row] = outcome.results;
    if (row.activity) return activityNode(row.activity);
    if (row.error) return row.error;
    throw new Error(`a single ${change.op} ended neither applied nor refused`);
  }
}
