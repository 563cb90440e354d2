import { createUnionType, Field, Int, ObjectType } from 'type-graphql';
import { Forbidden, NotFound, UserError, ValidationFailed } from '@pams/server-core';
import { ScheduledCommandNotPending, ScheduledCommandType } from '../scheduling/scheduled-command.type.js';
import { AdminUserType } from '../users/admin-user.types.js';
import { AdminCommandKind } from './admin-command-kind.js';

/** The command ran now; `user` is the user as it left them. */
@ObjectType('AdminCommandDone', { simpleResolvers: true })
export class AdminCommandDone {
  @Field(() => AdminCommandKind)
  kind!: AdminCommandKind;

  @Field(() => String)
  message!: string;

  @Field(() => AdminUserType)
  user!: AdminUserType;
}

/** The user changed since the admin read them (`expectedVersion` is stale): nothing was done. */
@ObjectType({ implements: UserError, simpleResolvers: true })
export class UserVersionConflict implements UserError {
  @Field(() => String)
  message!: string;

  @Field(() => AdminUserType, { description: 'The user as they are now.' })
  current!: AdminUserType;
}

/**
 * Every command's answer: done now, or scheduled (when `runAt` was given), or a user error
 * (nothing changed).
 */
export const AdminCommandResult = createUnionType({
  name: 'AdminCommandResult',
  types: () => [AdminCommandDone, ScheduledCommandType, ValidationFailed, Forbidden, NotFound, UserVersionConflict] as const,
});

export const CancelScheduledCommandResult = createUnionType({
  name: 'CancelScheduledCommandResult',
  types: () => [ScheduledCommandType, ScheduledCommandNotPending, NotFound] as const,
});

@ObjectType('NotificationsMarkedRead', { simpleResolvers: true })
export class NotificationsMarkedRead {
  @Field(() => Int, { description: 'Notifications that were unread and are read now.' })
  marked!: number;

  @Field(() => Int)
  unreadCount!: number;
}

export type AdminCommandOutcome = typeof AdminCommandResult;
