import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@pams/server-core';
import { Role } from '@pams/shared-util';
import { DEFAULT_MAIL_LOG_PAGE_SIZE, findMailLog, findMailMessage } from './mail-log.read-model.js';
import { queueStats } from '@pams/server-jobs';
import { JobQueueStatsType, MailLogFilter, MailMessageType, OutboxMailConnection } from './mail-log.type.js';

/** The admins' mail log (P-016): the outbox, in development the `.eml` files the transport wrote; and the job queue's state. */
@Resolver()
export class MailLogResolver {
  @Authorized(Role.ADMIN)
  @Query(() => OutboxMailConnection, { description: 'Outbox mail, newest first; keyset pages of at most 200.' })
  mailLog(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => MailLogFilter, { nullable: true }) filter: MailLogFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_MAIL_LOG_PAGE_SIZE }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<OutboxMailConnection> {
    return findMailLog(ctx.em, { filter, first, after });
  }

  @Authorized(Role.ADMIN)
  @Query(() => MailMessageType, { nullable: true, description: 'The message as written by the development transport; null for an unknown id.' })
  mailMessage(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<MailMessageType | null> {
    return findMailMessage(ctx.em, ctx.config, id);
  }

  @Authorized(Role.ADMIN)
  @Query(() => JobQueueStatsType, { description: 'The background job queue: waiting, running and failed jobs.' })
  jobQueueStats(@Ctx() ctx: RequestContext): Promise<JobQueueStatsType> {
    return queueStats(ctx.em);
  }
}
