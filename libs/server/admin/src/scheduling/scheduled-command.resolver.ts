import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { signedInViewer, type RequestContext } from '@pams/server-core';
import { Role } from '@pams/shared-util';
import { CancelScheduledCommandResult } from '../commands/admin-command.results.js';
import { DEFAULT_SCHEDULED_PAGE_SIZE, findScheduledCommands } from './scheduled-command.read-model.js';
import { cancelScheduledCommand } from './scheduled-command.service.js';
import { ScheduledCommandConnection, ScheduledCommandFilter } from './scheduled-command.type.js';

@Resolver()
export class ScheduledCommandResolver {
  @Authorized(Role.ADMIN)
  @Query(() => ScheduledCommandConnection, { description: 'Scheduled admin commands by run time (soonest first), then id.' })
  scheduledCommands(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ScheduledCommandFilter, { nullable: true }) filter: ScheduledCommandFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_SCHEDULED_PAGE_SIZE }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<ScheduledCommandConnection> {
    return findScheduledCommands(ctx.em, { filter, first, after });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CancelScheduledCommandResult, { description: 'Cancels a command that has not run yet; refused once it ran, failed or was cancelled.' })
  async cancelScheduledCommand(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<typeof CancelScheduledCommandResult> {
    return cancelScheduledCommand(ctx.em, await signedInViewer(ctx), id);
  }
}
