import { GraphQLJSON } from 'graphql-scalars';
import { Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { ActivityChangeOp } from '../activity-enums.js';
import { ActivityNode, type ActivityView } from '../activity.type.js';

/** What a draft row's `payload` holds: the operation and the input as the user sent it. */
export interface DraftPayload {
  op: ActivityChangeOp;
  input: Record<string, unknown> | null;
}

export interface DraftView {
  id: string;
  version: number;
  entityType: string;
  entityId: string | null;
  baseVersion: number | null;
  reason: string;
  operation: ActivityChangeOp;
  input: Record<string, unknown> | null;
  message: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A user's edit kept on the server until it is retried or discarded (P-008). */
@ObjectType('Draft', { simpleResolvers: true })
export class DraftNode implements DraftView {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => String, { description: 'The kind of record edited: "Activity".' })
  entityType!: string;

  @Field(() => ID, { nullable: true, description: 'The activity the edit is for.' })
  entityId!: string | null;

  @Field(() => Int, { nullable: true, description: 'The version the edit started from.' })
  baseVersion!: number | null;

  @Field(() => String, { description: 'CONFLICT: refused as stale.' })
  reason!: string;

  @Field(() => ActivityChangeOp, { description: 'UPDATE: `input` is the ActivityInput sent. DELETE: `input` is null.' })
  operation!: ActivityChangeOp;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The ActivityInput as the user sent it.' })
  input!: Record<string, unknown> | null;

  @Field(() => String, { nullable: true })
  message!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

/** A draft with the server's copy as it is now: merge field by field, then update with `current.version`. */
@ObjectType('ResumedDraft', { simpleResolvers: true })
export class ResumedDraft {
  @Field(() => DraftNode)
  draft!: DraftView;

  @Field(() => ActivityNode, { nullable: true, description: 'Null when the activity no longer exists.' })
  current!: ActivityView | null;
}
