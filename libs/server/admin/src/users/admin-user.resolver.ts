import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@pams/server-core';
import { Role } from '@pams/shared-util';
import { AdminUserConnection, AdminUserDetail, AdminUserFilter } from './admin-user.types.js';
import { DEFAULT_ADMIN_USER_PAGE_SIZE, findAdminUserDetail, findAdminUsers } from './admin-users.read-model.js';

/** The user command center's reads (admins only; an admin's access token may read them too). */
@Resolver()
export class AdminUserResolver {
  @Authorized(Role.ADMIN)
  @Query(() => AdminUserConnection, { description: 'Users by name, then id; keyset pages of at most 200.' })
  adminUsers(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => AdminUserFilter, { nullable: true }) filter: AdminUserFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_ADMIN_USER_PAGE_SIZE }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<AdminUserConnection> {
    return findAdminUsers(ctx.em, ctx.config, { filter, first, after });
  }

  @Authorized(Role.ADMIN)
  @Query(() => AdminUserDetail, { nullable: true, description: 'One user\'s drilldown; null for an unknown id.' })
  adminUser(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<AdminUserDetail | null> {
    return findAdminUserDetail(ctx.em, ctx.config, id);
  }
}
