import { createUnionType, Field, ID, Int, ObjectType } from 'type-graphql';
import { Forbidden, NotFound, UserError, ValidationFailed } from '@pams/server-core';
import { ActivityChangeOp, ActivityChangeStatus } from '../activity-enums.js';
import { ActivityNode, type ActivityView } from '../activity.type.js';
import { DraftNode, type DraftView } from '../drafts/draft.type.js';

/**
 * The edit started from an older version than the server's (P-007). Nothing was written; the
 * edit is kept as `draft` (P-008). Retry with `current.version`, or discard the draft.
 */
@ObjectType({ implements: UserError, simpleResolvers: true })
export class VersionConflict implements UserError {
  @Field(() => String)
  message!: string;

  @Field(() => ActivityNode, { description: "The server's copy now (deletedAt set when it was deleted)." })
  current!: ActivityView;

  @Field(() => DraftNode)
  draft!: DraftView;
}

/** Saving needs the user to accept these warnings: resend with them in `acknowledgeWarnings` (P-003). */
@ObjectType({ implements: UserError, simpleResolvers: true })
export class NeedsAcknowledgement implements UserError {
  @Field(() => String)
  message!: string;

  @Field(() => [String], { description: 'e.g. ENABLEMENT_WITHOUT_EFFORT' })
  warnings!: string[];
}

/** A batch deleting more than `threshold` activities: resend with `confirmBulkDelete: true`. Nothing was written. */
@ObjectType({ implements: UserError, simpleResolvers: true })
export class BulkDeleteNeedsConfirmation implements UserError {
  @Field(() => String)
  message!: string;

  @Field(() => Int)
  deleteCount!: number;

  @Field(() => Int)
  threshold!: number;
}

@ObjectType('ActivityChangeResult', { simpleResolvers: true })
export class ActivityChangeResult {
  @Field(() => Int, { description: 'Position of the change in `changes`.' })
  index!: number;

  @Field(() => ActivityChangeOp)
  op!: ActivityChangeOp;

  @Field(() => ID)
  id!: string;

  @Field(() => ActivityChangeStatus)
  status!: ActivityChangeStatus;

  @Field(() => ActivityNode, { nullable: true, description: 'APPLIED: the activity as saved (a deleted one has deletedAt).' })
  activity!: ActivityView | null;

  @Field(() => UserError, { nullable: true, description: 'FAILED: ValidationFailed, NeedsAcknowledgement, VersionConflict, Forbidden or NotFound.' })
  error!: UserError | null;
}

@ObjectType('ActivityBatchResult', { simpleResolvers: true })
export class ActivityBatchResult {
  @Field(() => Boolean, { description: 'Whether the rows marked APPLIED were written (false: nothing was).' })
  committed!: boolean;

  @Field(() => Int)
  appliedCount!: number;

  @Field(() => Int)
  failedCount!: number;

  @Field(() => [ActivityChangeResult])
  results!: ActivityChangeResult[];
}

export const CreateActivityResult = createUnionType({
  name: 'CreateActivityResult',
  types: () => [ActivityNode, ValidationFailed, NeedsAcknowledgement, Forbidden] as const,
});

export const UpdateActivityResult = createUnionType({
  name: 'UpdateActivityResult',
  types: () => [ActivityNode, ValidationFailed, NeedsAcknowledgement, VersionConflict, Forbidden, NotFound] as const,
});

export const DeleteActivityResult = createUnionType({
  name: 'DeleteActivityResult',
  types: () => [ActivityNode, VersionConflict, Forbidden, NotFound] as const,
});

export const SaveActivitiesResult = createUnionType({
  name: 'SaveActivitiesResult',
  types: () => [ActivityBatchResult, BulkDeleteNeedsConfirmation, ValidationFailed, Forbidden] as const,
});
