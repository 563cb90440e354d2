import { lazy } from 'react';
import type { PortalRemoteModule } from '@pams/client-graphql';
import { AdminOverviewDocument, AdminUserDocument, adminTypePolicies, AuditEventsDocument, LegacyImportsDocument } from '@pams/client-admin-data-access';
import { findRoute } from '@pams/shared-remote-contract';
import { auditFilter, readAuditParams } from './audit/audit-params.js';
import { RECENT_IMPORTS } from './legacy-import/legacy-import-params.js';
import { OverviewPage } from './overview/overview-page.js';

/**
 * What this remote exposes to the shell (`admin/routes`). The overview is admins' landing page, so it is in
 * the first chunk; the other pages are lazy. Literal routes before `:param` ones.
 */
const AuditPage = lazy(() => import('./audit/audit-page.js').then((m) => ({ default: m.AuditPage })));
const UsersPage = lazy(() => import('./users/users-page.js').then((m) => ({ default: m.UsersPage })));
const UserPage = lazy(() => import('./users/user-page.js').then((m) => ({ default: m.UserPage })));
const ReferencePage = lazy(() => import('./reference/reference-page.js').then((m) => ({ default: m.ReferencePage })));
const MailLogPage = lazy(() => import('./mail/mail-log-page.js').then((m) => ({ default: m.MailLogPage })));
const HealthPage = lazy(() => import('./health/health-page.js').then((m) => ({ default: m.HealthPage })));
const BackupsPage = lazy(() => import('./backups/backups-page.js').then((m) => ({ default: m.BackupsPage })));
const LegacyImportPage = lazy(() => import('./legacy-import/legacy-import-page.js').then((m) => ({ default: m.LegacyImportPage })));
const ScheduledPage = lazy(() => import('./scheduled/scheduled-page.js').then((m) => ({ default: m.ScheduledPage })));

export const routes: PortalRemoteModule['routes'] = [
  { path: '/admin', title: 'Admin overview', Component: OverviewPage },
  { path: '/admin/audit', title: 'Audit history', Component: AuditPage },
  { path: '/admin/users', title: 'Users', Component: UsersPage },
  { path: '/admin/users/:userId', title: 'User', Component: UserPage },
  { path: '/admin/scheduled', title: 'Scheduled actions', Component: ScheduledPage },
  { path: '/admin/reference', title: 'Reference data', Component: ReferencePage },
  { path: '/admin/mail', title: 'Mail log', Component: MailLogPage },
  { path: '/admin/health', title: 'Health', Component: HealthPage },
  { path: '/admin/backups', title: 'Backups', Component: BackupsPage },
  { path: '/admin/legacy-import', title: 'Legacy import', Component: LegacyImportPage },
];

/** The first query of each page, for the intent prefetch (B-006), with the variables the page computes. */
export const prefetch: PortalRemoteModule['prefetch'] = async (client, href) => {
  const url = new URL(href, window.location.origin);
  const match = findRoute(routes, url.pathname);
  if (!match) return;
  const path = match.route.path;
  if (path === '/admin') await client.query({ query: AdminOverviewDocument }).catch(() => undefined);
  else if (path === '/admin/audit') await client.query({ query: AuditEventsDocument, variables: { filter: auditFilter(readAuditParams(url.searchParams)), first: 100, after: null } }).catch(() => undefined);
  else if (path === '/admin/legacy-import') await client.query({ query: LegacyImportsDocument, variables: { limit: RECENT_IMPORTS } }).catch(() => undefined);
  else if (path === '/admin/users/:userId') await client.query({ query: AdminUserDocument, variables: { id: match.params.userId } }).catch(() => undefined);
};

export const typePolicies: PortalRemoteModule['typePolicies'] = adminTypePolicies;
