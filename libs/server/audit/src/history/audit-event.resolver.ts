import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { Role } from '@pams/shared-util';
import type { RequestContext } from '@pams/server-core';
import { AuditEventFilter } from './audit-event-filter.input.js';
import { AuditEventConnection } from './audit-event.type.js';
import { DEFAULT_AUDIT_PAGE_SIZE, findAuditEvents } from './audit-events.service.js';

@Resolver()
export class AuditEventResolver {
  /** Audit history for admins, newest first; `first` is capped (a larger one is refused). */
  @Authorized(Role.ADMIN)
  @Query(() => AuditEventConnection)
  auditEvents(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_AUDIT_PAGE_SIZE }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('filter', () => AuditEventFilter, { nullable: true }) filter: AuditEventFilter | null,
    @Arg('unlessRevision', () => String, {
      nullable: true,
      description: 'The `revision` of your last answer: if nothing was committed since, the answer is `notModified` and reads no rows.',
    })
    unlessRevision: string | null,
  ): Promise<AuditEventConnection> {
    return findAuditEvents(ctx.em, { first, after, filter, unlessRevision }, ctx.config.graphql.maxPageSize);
  }
}
