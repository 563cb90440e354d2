import { Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@pams/server-core';
import '../entities/user-status.js';
import { toViewerType } from './viewer.mapper.js';
import { ViewerType } from './viewer.type.js';

@Resolver()
export class ViewerResolver {
  /** Null when nobody is signed in; never an error, so the shell can decide where to go. */
  @Query(() => ViewerType, { nullable: true })
  async viewer(@Ctx() ctx: RequestContext): Promise<ViewerType | null> {
    const viewer = await ctx.viewer();
    return viewer ? toViewerType(viewer) : null;
  }
}
