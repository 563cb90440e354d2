import type { EntityManager } from '@mikro-orm/postgresql';
import { checkedPageSize, isUuid, publicError, searchPattern } from '@pams/server-core';
import { UserStatus } from '@pams/server-identity';
import { Role } from '@pams/shared-util';
import type { PresalesUserNode } from './read-model.nodes.js';

export const DEFAULT_PRESALES_USERS_SIZE = 20;
/** A pick list, not a report: more than this is refused, whatever GRAPHQL_MAX_PAGE_SIZE allows. */
export const MAX_PRESALES_USERS_SIZE = 50;
export const MAX_PRESALES_SEARCH = 200;

/** The presales people: who may own projects and win outcomes. */
export const PRESALES_ROLES: readonly Role[] = [Role.MEMBER, Role.MANAGER];

export interface PresalesUsersArgs {
  search?: string | null;
  regionId?: string | null;
  first?: number | null;
}

/**
 * Active MEMBER and MANAGER users by name regardless of case, then id, in one statement.
 * `search` matches part of the name or the email, case-insensitively; `regionId` keeps the people
 * of that region (app_user_region).
 */
export async function findPresalesUsers(em: EntityManager, args: PresalesUsersArgs): Promise<PresalesUserNode[]> {
  const size = checkedPageSize(args.first, DEFAULT_PRESALES_USERS_SIZE, MAX_PRESALES_USERS_SIZE);
  const where = ['u.status = ?', 'u.role in (?)'];
  const params: unknown[] = [UserStatus.ACTIVE, PRESALES_ROLES];
  const search = args.search?.trim();
  if (search) {
    where.push(`(u.name ilike ? escape '\\' or u.email ilike ? escape '\\')`);
    const pattern = searchPattern('search', search, MAX_PRESALES_SEARCH);
    params.push(pattern, pattern);
  }
  if (args.regionId != null) {
    if (!isUuid(args.regionId)) throw publicError('BAD_USER_INPUT', '"regionId" is not a region id.');
    where.push('exists (select 1 from app_user_region ur where ur.user_id = u.id and ur.region_id = ?)');
    params.push(args.regionId);
  }
  return em.execute<PresalesUserNode[]>(
    `select u.id, u.name, u.email
       from app_user u
      where ${where.join(' and ')}
      order by lower(u.name), u.id
      limit ?`,
    [...params, size],
  );
}
