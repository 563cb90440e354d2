import type { AdminUserFilter, Role, UserStatus } from '@pams/client-admin-data-access';

export const ROLES: readonly Role[] = ['ADMIN', 'ANALYST', 'LEADER', 'MANAGER', 'MEMBER'];
const STATUSES: readonly UserStatus[] = ['ACTIVE', 'DISABLED'];
/** "Seen in the last 30 days" or "not seen for 30 days" (never-seen users included). */
export const SEEN = ['recent', 'stale'] as const;
const SEEN_DAYS = 30;

/** The users list's search and filters, all in the URL. */
export interface UserParams {
  q: string;
  role: Role | '';
  region: string;
  status: UserStatus | '';
  seen: (typeof SEEN)[number] | '';
}

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | '' => (values.includes(value as T) ? (value as T) : '');

export function readUserParams(search: URLSearchParams): UserParams {
  return {
    q: (search.get('q') ?? '').trim(),
    role: oneOf(ROLES, search.get('role')),
    region: (search.get('region') ?? '').trim(),
    status: oneOf(STATUSES, search.get('status')),
    seen: oneOf(SEEN, search.get('seen')),
  };
}

export function usersHref(params: UserParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const query = search.toString();
  return query ? `/admin/users?${query}` : '/admin/users';
}

/** The API's filter; "seen" is counted back from `today` (a UTC day), so one URL asks the same all day. */
export function userFilter(params: UserParams, today: string): AdminUserFilter {
  const filter: AdminUserFilter = {};
  if (params.q) filter.search = params.q;
  if (params.role) filter.roles = [params.role];
  if (params.region) filter.regionId = params.region;
  if (params.status) filter.status = params.status;
  if (params.seen) {
    const since = new Date(Date.parse(`${today}T00:00:00.000Z`) - SEEN_DAYS * 86_400_000).toISOString();
    if (params.seen === 'recent') filter.lastSeenAfter = since;
    else filter.lastSeenBefore = since;
  }
  return filter;
}
