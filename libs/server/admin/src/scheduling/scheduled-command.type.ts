import { GraphQLJSON } from 'graphql-scalars';
import { Field, GraphQLISODateTime, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo, UserError } from '@pams/server-core';
import { AdminCommandKind } from '../commands/admin-command-kind.js';
import { ScheduledCommandStatus } from '../entities/scheduled-command.entity.js';
import { UserRef } from '../users/user-ref.type.js';

registerEnumType(ScheduledCommandStatus, { name: 'ScheduledCommandStatus' });

/** An admin command waiting for its time, or how it ended. */
@ObjectType('ScheduledCommand', { simpleResolvers: true })
export class ScheduledCommandType {
  @Field(() => ID)
  id!: string;

  @Field(() => AdminCommandKind)
  kind!: AdminCommandKind;

  @Field(() => ScheduledCommandStatus)
  status!: ScheduledCommandStatus;

  @Field(() => UserRef, { description: 'The user the command is for.' })
  target!: UserRef;

  @Field(() => UserRef, { description: 'The admin who scheduled it.' })
  actor!: UserRef;

  @Field(() => GraphQLJSON, { description: 'The command\'s arguments (e.g. `{ role }`, `{ subject, message }`).' })
  payload!: Record<string, unknown>;

  @Field(() => GraphQLISODateTime)
  runAt!: Date;

  @Field(() => String, { description: 'The job queue\'s key of its job.' })
  jobKey!: string;

  @Field(() => String, { nullable: true, description: 'What happened when it ran, or why it was refused then.' })
  outcome!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  finishedAt!: Date | null;
}

@ObjectType('ScheduledCommandConnection', { simpleResolvers: true })
export class ScheduledCommandConnection {
  @Field(() => [ScheduledCommandType])
  nodes!: ScheduledCommandType[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@InputType()
export class ScheduledCommandFilter {
  @Field(() => ScheduledCommandStatus, { nullable: true })
  status?: ScheduledCommandStatus | null;

  @Field(() => ID, { nullable: true, description: 'Commands for this user.' })
  userId?: string | null;
}

/** The command already ran, failed or was cancelled: nothing changed. */
@ObjectType({ implements: UserError, simpleResolvers: true })
export class ScheduledCommandNotPending implements UserError {
  @Field(() => String)
  message!: string;

  @Field(() => ScheduledCommandType)
  current!: ScheduledCommandType;
}
