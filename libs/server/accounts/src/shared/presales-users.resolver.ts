import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@pams/server-core';
import { PresalesUserType } from './presales-user.type.js';
import { DEFAULT_PRESALES_USERS_SIZE, findPresalesUsers } from './presales-users.read-model.js';
import type { PresalesUserNode } from './read-model.nodes.js';

@Resolver(() => PresalesUserType)
export class PresalesUsersResolver {
  /** Names and emails only, as every signed-in user already sees them on projects and activities. */
  @Authorized()
  @Query(() => [PresalesUserType], {
    description:
      'Active presales people (MEMBER and MANAGER) by name, for choosing project owners. `search` matches part of the name or email ' +
      '(case-insensitive); `regionId` keeps that region\'s people; `first` is at most 50.',
  })
  presalesUsers(
    @Ctx() ctx: RequestContext,
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Arg('regionId', () => ID, { nullable: true }) regionId: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PRESALES_USERS_SIZE }) first: number | null,
  ): Promise<PresalesUserNode[]> {
    return findPresalesUsers(ctx.em, { search, regionId, first });
  }
}
