import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, ID, Info, Int, Query, Resolver } from 'type-graphql';
import { signedInViewer, type RequestContext } from '@pams/server-core';
import { ActivityNode, type ActivityView } from '../activity.type.js';
import { ActivityFilter } from './activity-filter.input.js';
import { ActivityConnection, ActivityMonth } from './activity-list.type.js';
import { DEFAULT_HISTORY_PAGE_SIZE, findActivity, findActivitiesOfMonth, findActivityHistory } from './activity-queries.service.js';
import { selectedFieldsBelow } from './selected-fields.js';

@Resolver()
export class ActivityListResolver {
  /** One month, newest first, the viewer's own unless the filter says otherwise (P-002, P-009). */
  @Authorized()
  @Query(() => ActivityMonth)
  async activities(
    @Arg('month', () => String, { description: 'YYYY-MM' }) month: string,
    @Arg('filter', () => ActivityFilter, { nullable: true }) filter: ActivityFilter | null,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ActivityMonth> {
    return findActivitiesOfMonth(ctx.em, await signedInViewer(ctx), month, filter, selectedFieldsBelow(info, ['items']));
  }

  /** Long histories and analysts: newest first, keyset-paginated; `first` is capped. */
  @Authorized()
  @Query(() => ActivityConnection)
  async activityHistory(
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_HISTORY_PAGE_SIZE }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('filter', () => ActivityFilter, { nullable: true }) filter: ActivityFilter | null,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ActivityConnection> {
    const viewer = await signedInViewer(ctx);
    return findActivityHistory(ctx.em, viewer, { first, after, filter }, ctx.config.graphql.maxPageSize, selectedFieldsBelow(info, ['nodes']));
  }

  /** One activity (e.g. to open the edit form from a link); null when unknown or deleted. */
  @Authorized()
  @Query(() => ActivityNode, { nullable: true })
  async activity(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ActivityView | null> {
    return findActivity(ctx.em, id);
  }
}
