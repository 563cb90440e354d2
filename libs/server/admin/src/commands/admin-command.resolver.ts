import { Arg, Authorized, Ctx, GraphQLISODateTime, ID, Int, Mutation, Resolver } from 'type-graphql';
import { signedInViewer, type RequestContext } from '@pams/server-core';
import { Role } from '@pams/shared-util';
import { AdminCommandKind } from './admin-command-kind.js';
import { AdminCommandResult } from './admin-command.results.js';
import { executeAdminCommand } from './admin-command.service.js';
import { NotifyUserInput, ReviewTaskInput } from './review-task.type.js';

const RUN_AT = { nullable: true, description: 'Run it at this time instead of now (a scheduled command, cancellable until it runs).' } as const;

/**
 * The user command center's commands (issue 9): admins only, each checked against the user's
 * `expectedVersion`, audited in its transaction, and either run now or scheduled with `runAt`.
 */
@Resolver()
export class AdminCommandResolver {
  private async run(ctx: RequestContext, kind: AdminCommandKind, userId: string, expectedVersion: number, runAt: Date | null, payload: Record<string, unknown> = {}) {
    return executeAdminCommand(ctx.em, ctx.config, await signedInViewer(ctx), { kind, userId, expectedVersion, payload }, runAt);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => AdminCommandResult, { description: 'Disables the user (never yourself, never the last active admin); their sessions and live streams end.' })
  disableUser(
    @Ctx() ctx: RequestContext,
    @Arg('userId', () => ID) userId: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('runAt', () => GraphQLISODateTime, RUN_AT) runAt: Date | null,
  ): Promise<typeof AdminCommandResult> {
    return this.run(ctx, AdminCommandKind.DISABLE, userId, expectedVersion, runAt);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => AdminCommandResult, { description: 'Lets a disabled user sign in again.' })
  enableUser(
    @Ctx() ctx: RequestContext,
    @Arg('userId', () => ID) userId: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('runAt', () => GraphQLISODateTime, RUN_AT) runAt: Date | null,
  ): Promise<typeof AdminCommandResult> {
    return this.run(ctx, AdminCommandKind.ENABLE, userId, expectedVersion, runAt);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => AdminCommandResult, { description: 'Ends every session and live stream of the user and revokes their access tokens.' })
  revokeUserAccess(
    @Ctx() ctx: RequestContext,
    @Arg('userId', () => ID) userId: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('runAt', () => GraphQLISODateTime, RUN_AT) runAt: Date | null,
  ): Promise<typeof AdminCommandResult> {
    return this.run(ctx, AdminCommandKind.REVOKE_ACCESS, userId, expectedVersion, runAt);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => AdminCommandResult, { description: 'The user must choose a new password at next sign-in; their sessions end and a reset link is mailed.' })
  forcePasswordReset(
    @Ctx() ctx: RequestContext,
    @Arg('userId', () => ID) userId: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('runAt', () => GraphQLISODateTime, RUN_AT) runAt: Date | null,
  ): Promise<typeof AdminCommandResult> {
    return this.run(ctx, AdminCommandKind.FORCE_PASSWORD_RESET, userId, expectedVersion, runAt);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => AdminCommandResult, { description: 'An in-app notification and a mail to the user (subject 3–160, message 3–5,000 characters).' })
  notifyUser(
    @Ctx() ctx: RequestContext,
    @Arg('userId', () => ID) userId: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input', () => NotifyUserInput) input: NotifyUserInput,
    @Arg('runAt', () => GraphQLISODateTime, RUN_AT) runAt: Date | null,
  ): Promise<typeof AdminCommandResult> {
    return this.run(ctx, AdminCommandKind.NOTIFY, userId, expectedVersion, runAt, { subject: input.subject, message: input.message });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => AdminCommandResult, { description: 'A review task owned by the user and supervised by the viewer (priority 1–5), with an in-app notification.' })
  scheduleUserReview(
    @Ctx() ctx: RequestContext,
    @Arg('userId', () => ID) userId: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input', () => ReviewTaskInput) input: ReviewTaskInput,
    @Arg('runAt', () => GraphQLISODateTime, RUN_AT) runAt: Date | null,
  ): Promise<typeof AdminCommandResult> {
    return this.run(ctx, AdminCommandKind.SCHEDULE_REVIEW, userId, expectedVersion, runAt, {
      title: input.title,
      description: input.description ?? '',
      dueDate: input.dueDate,
      priority: input.priority,
    });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => AdminCommandResult, { description: 'Gives the user another role (never taking admin from yourself or from the last active admin).' })
  changeUserRole(
    @Ctx() ctx: RequestContext,
    @Arg('userId', () => ID) userId: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('role', () => Role) role: Role,
    @Arg('runAt', () => GraphQLISODateTime, RUN_AT) runAt: Date | null,
  ): Promise<typeof AdminCommandResult> {
    return this.run(ctx, AdminCommandKind.CHANGE_ROLE, userId, expectedVersion, runAt, { role });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => AdminCommandResult, { description: 'Replaces the user\'s regions (and default region, which must be one of them).' })
  changeUserRegions(
    @Ctx() ctx: RequestContext,
    @Arg('userId', () => ID) userId: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('regionIds', () => [ID]) regionIds: string[],
    @Arg('defaultRegionId', () => ID, { nullable: true }) defaultRegionId: string | null,
    @Arg('runAt', () => GraphQLISODateTime, RUN_AT) runAt: Date | null,
  ): Promise<typeof AdminCommandResult> {
    return this.run(ctx, AdminCommandKind.CHANGE_REGIONS, userId, expectedVersion, runAt, { regionIds, defaultRegionId });
  }
}
