import type { Role } from '@pams/client-shell-data-access';
import { isUnder } from '@pams/shared-remote-contract';

/**
 * Which remote serves which part of the portal. A remote may add routes under its prefixes without a shell
 * build; a new prefix or sidebar entry is a shell change. Accounts and projects live in the activities remote.
 */
export const REMOTE_AREAS: readonly { prefix: string; remote: string }[] = [
  { prefix: '/activities', remote: 'activities' },
  { prefix: '/accounts', remote: 'activities' },
  { prefix: '/projects', remote: 'activities' },
  { prefix: '/reports', remote: 'reports' },
  { prefix: '/admin', remote: 'admin' },
];

/** The admin remote's landing page (its overview). */
export const ADMIN_PATH = '/admin';
/** Pages of the shell itself. */
export const ANALYST_PATH = '/analyst';
export const NOTIFICATIONS_PATH = '/notifications';

export interface NavItem {
  href: string;
  label: string;
  /** The remote behind the link: hovering it prefetches that remote's code and data. */
  remote?: string;
}

const MY_ACTIVITIES: NavItem = { href: '/activities', label: 'My activities', remote: 'activities' };
const REGION_ACTIVITIES: NavItem = { href: '/activities?scope=REGION', label: 'Region activities', remote: 'activities' };
const DRAFTS: NavItem = { href: '/activities/drafts', label: 'Drafts', remote: 'activities' };
const ACCOUNTS: NavItem = { href: '/accounts', label: 'Accounts', remote: 'activities' };
const PROJECTS: NavItem = { href: '/projects', label: 'Projects', remote: 'activities' };
const REPORTS: NavItem = { href: '/reports', label: 'Reports', remote: 'reports' };
const ADMIN: NavItem = { href: ADMIN_PATH, label: 'Admin', remote: 'admin' };

/** Where each role lands after sign-in (PRODUCT.md, "Who uses it"). */
export function landingFor(role: Role): string {
  switch (role) {
    case 'MEMBER':
      return MY_ACTIVITIES.href;
    // Their regions' figures of this month (the report builder's default).
    case 'MANAGER':
    case 'LEADER':
      return REPORTS.href;
    case 'ADMIN':
      return ADMIN_PATH;
    case 'ANALYST':
      return ANALYST_PATH;
  }
}

export function navFor(role: Role): NavItem[] {
  switch (role) {
    // Members' reports show their own figures and their regions' totals.
    case 'MEMBER':
      return [MY_ACTIVITIES, DRAFTS, REPORTS, ACCOUNTS, PROJECTS];
    case 'MANAGER':
      return [REPORTS, REGION_ACTIVITIES, MY_ACTIVITIES, DRAFTS, ACCOUNTS, PROJECTS];
    // Leaders read: no drafts of their own.
    case 'LEADER':
      return [REPORTS, REGION_ACTIVITIES, MY_ACTIVITIES, ACCOUNTS, PROJECTS];
    case 'ADMIN':
      return [ADMIN, REPORTS, { ...MY_ACTIVITIES, label: 'Activities' }, DRAFTS, ACCOUNTS, PROJECTS];
    case 'ANALYST':
      return [{ href: ANALYST_PATH, label: 'GraphQL access' }, { ...MY_ACTIVITIES, label: 'Activities' }];
  }
}

/** Remotes only these roles may open: others get a plain notice from the shell, and the remote is not downloaded. */
const REMOTE_ROLES: Readonly<Record<string, readonly Role[]>> = { admin: ['ADMIN'] };

export function mayOpenRemote(remote: string, role: Role): boolean {
  return REMOTE_ROLES[remote]?.includes(role) ?? true;
}

/** The remote that serves `pathname`, if any. */
export function remoteFor(pathname: string): string | undefined {
  return REMOTE_AREAS.find((area) => isUnder(area.prefix, pathname))?.remote;
}

/**
 * The sidebar item to mark current: among the links whose path holds `pathname`, the one whose query
 * parameters all hold in `search`, most specific first: the longest path (`/activities/drafts` is "Drafts"),
 * then the most parameters (`?scope=REGION&month=…` is "Region activities").
 */
export function currentNavItem(items: readonly NavItem[], pathname: string, search: URLSearchParams): NavItem | undefined {
  let best: { item: NavItem; specificity: number } | undefined;
  for (const item of items) {
    const url = new URL(item.href, 'http://portal');
    if (!isUnder(url.pathname, pathname)) continue;
    const params = [...url.searchParams];
    if (!params.every(([key, value]) => search.get(key) === value)) continue;
    // A path segment outweighs any number of query parameters.
    const specificity = url.pathname.split('/').filter(Boolean).length * 1000 + params.length;
    if (!best || specificity > best.specificity) best = { item, specificity };
  }
  return best?.item;
}
