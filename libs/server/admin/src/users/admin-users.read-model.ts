import type { EntityManager } from '@mikro-orm/postgresql';
import { findAuditEvents } from '@pams/server-audit';
import { checkedPageSize, defineKeyset, isUuid, publicError, type AppConfig } from '@pams/server-core';
import { findReviewTasksOf } from '../commands/review-task.read-model.js';
import { findScheduledCommandsOf } from '../scheduling/scheduled-command.read-model.js';
import type { AdminUserConnection, AdminUserDetail, AdminUserFilter, AdminUserType } from './admin-user.types.js';

export const DEFAULT_ADMIN_USER_PAGE_SIZE = 50;
/** The command center pages users in screenfuls; a script wanting all 2,000 pages through them. */
export const MAX_ADMIN_USER_PAGE_SIZE = 200;
const RECENT_EVENTS = 20;
/** Longer than any name or email (254): it could not match. */
const SEARCH_MAX = 254;

export interface AdminUsersArgs {
  filter?: AdminUserFilter | null;
  first?: number | null;
  after?: string | null;
}

interface AdminUserRow {
  node: Omit<AdminUserType, 'lastSeenAt' | 'createdAt'> & { lastSeenAt: string | null; createdAt: string };
  sort_name: string;
}

const USER_ORDER = defineKeyset<AdminUserRow>([
  { sql: 'lower(u.name)', direction: 'asc', kind: 'text', read: (row) => row.sort_name },
  { sql: 'u.id', direction: 'asc', kind: 'uuid', read: (row) => row.node.id },
]);

/** One user's row with their regions and session figures; `?` is the idle window in seconds. */
const USER_FROM = `app_user u
  left join lateral (
    select max(s.last_seen_at) as last_seen_at,
           count(*) filter (where s.revoked_at is null and s.expires_at > now()
                              and s.last_seen_at > now() - make_interval(secs => ?))::int as open_sessions
      from user_session s where s.user_id = u.id) s on true`;

const USER_NODE = `json_build_object(
  'id', u.id, 'version', u.version, 'email', u.email, 'name', u.name, 'role', u.role, 'status', u.status,
  'mustChangePassword', u.must_change_password, 'defaultRegionId', u.default_region_id,
  'lastLoggedDate', u.last_logged_date, 'createdAt', u.created_at, 'lastSeenAt', s.last_seen_at,
  'openSessionCount', coalesce(s.open_sessions, 0),
  'regions', coalesce((select json_agg(json_build_object('id', r.id, 'name', r.name) order by r.name, r.id)
                         from app_user_region ur join region r on r.id = ur.region_id where ur.user_id = u.id), '[]'::json))`;

function toNode(row: AdminUserRow): AdminUserType {
  return { ...row.node, lastSeenAt: row.node.lastSeenAt ? new Date(row.node.lastSeenAt) : null, createdAt: new Date(row.node.createdAt) };
}

function idleSeconds(config: Pick<AppConfig, 'session'>): number {
  return Math.floor(config.session.idleMs / 1000);
}

/**
 * The command center's users by name (regardless of case), then id: keyset pages of one statement
 * each, regions and session figures joined in.
 */
export async function findAdminUsers(em: EntityManager, config: Pick<AppConfig, 'session'>, args: AdminUsersArgs): Promise<AdminUserConnection> {
  const size = checkedPageSize(args.first, DEFAULT_ADMIN_USER_PAGE_SIZE, MAX_ADMIN_USER_PAGE_SIZE);
  const page = USER_ORDER.page(size, args.after);
  const where: string[] = [];
  const params: unknown[] = [];
  const filter = args.filter ?? {};
  const search = filter.search?.trim();
  if (search && search.length > SEARCH_MAX) throw publicError('BAD_USER_INPUT', `"search" is longer than ${SEARCH_MAX} characters.`);
  if (search) {
    // strpos, not like: the admin's % and _ are plain characters.
    where.push('(strpos(lower(u.name), lower(?)) > 0 or strpos(u.email, lower(?)) > 0)');
    params.push(search, search);
  }
  if (filter.roles && filter.roles.length > 0) {
    where.push('u.role in (?)');
    params.push(filter.roles);
  }
  if (filter.status) {
    where.push('u.status = ?');
    params.push(filter.status);
  }
  if (filter.regionId != null) {
    if (!isUuid(filter.regionId)) throw publicError('BAD_USER_INPUT', '"regionId" is not a region id.');
    where.push('exists (select 1 from app_user_region ur where ur.user_id = u.id and ur.region_id = ?)');
    params.push(filter.regionId);
  }
  if (filter.lastSeenBefore) {
    where.push('(s.last_seen_at is null or s.last_seen_at < ?)');
    params.push(filter.lastSeenBefore);
  }
  if (filter.lastSeenAfter) {
    where.push('s.last_seen_at >= ?');
    params.push(filter.lastSeenAfter);
  }
  if (page.where) {
    where.push(page.where.sql);
    params.push(...page.where.params);
  }
  const rows = await em.getConnection().execute<AdminUserRow[]>(
    `select ${USER_NODE} as node, lower(u.name) as sort_name
       from ${USER_FROM}
      ${where.length > 0 ? `where ${where.join(' and ')}` : ''}
      order by ${page.orderBy}
      limit ?`,
    [idleSeconds(config), ...params, page.limit],
  );
  return page.connection(rows, (nodes) => nodes.map(toNode));
}

export async function findAdminUser(em: EntityManager, config: Pick<AppConfig, 'session'>, id: string): Promise<AdminUserType | null> {
  if (!isUuid(id)) return null;
  const [row] = await em.getConnection().execute<AdminUserRow[]>(
    `select ${USER_NODE} as node, lower(u.name) as sort_name from ${USER_FROM} where u.id = ?`,
    [idleSeconds(config), id],
  );
  return row ? toNode(row) : null;
}

/** The drilldown: the user, the latest audit events about them, their scheduled commands and reviews. */
export async function findAdminUserDetail(em: EntityManager, config: Pick<AppConfig, 'session'>, id: string): Promise<AdminUserDetail | null> {
  const user = await findAdminUser(em, config, id);
  if (!user) return null;
  const events = await findAuditEvents(em, { first: RECENT_EVENTS, filter: { entityId: id }, withRevision: false }, RECENT_EVENTS);
  return {
    user,
    recentEvents: events.nodes,
    scheduledCommands: await findScheduledCommandsOf(em, id),
    reviewTasks: await findReviewTasksOf(em, id),
  };
}
