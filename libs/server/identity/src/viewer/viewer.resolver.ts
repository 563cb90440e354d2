import { Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@pams/server-core';
import '../entities/user-status.js';
import { ViewerType } from './viewer.type.js';

@Resolver()
export class ViewerResolver {
  /** Null when nobody is signed in; never an error, so the shell can decide where to go. */
  @Query(() => ViewerType, { nullable: true })
  async viewer(@Ctx() ctx: RequestContext): Promise<ViewerType | null> {
    const viewer = await ctx.viewer();
    if (!viewer) return null;
    return {
      id: viewer.id,
      email: viewer.email,
      name: viewer.name,
      role: viewer.role,
      regionIds: viewer.regionIds,
      mustChangePassword: viewer.mustChangePassword,
      authenticatedBy: viewer.via === 'session' ? 'SESSION' : 'TOKEN',
    };
  }
}
