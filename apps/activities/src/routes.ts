import { lazy } from 'react';
import type { PortalRemoteModule } from '@pams/client-graphql';
import {
  AccountsPageDocument,
  activitiesTypePolicies,
  ActivitiesBootstrapDocument,
  MonthActivitiesDocument,
  ProjectListPageDocument,
} from '@pams/client-activities-data-access';
import { findRoute } from '@pams/shared-remote-contract';
import { accountListVariables } from './accounts/account-list-params.js';
import { MonthView } from './month/month-view.js';
import { monthOf, monthVariables, readMonthParams } from './month/month-params.js';
import { projectListVariables, readProjectListParams } from './projects/project-list-params.js';

/**
 * What this remote exposes to the shell (`activities/routes`, typed by @pams/shared-remote-contract).
 * Add pages here; keep all but the month view lazy (`lazy(() => import(...))`) so the first load stays small.
 */
const NewActivityPage = lazy(() => import('./edit/activity-form-page.js').then((m) => ({ default: m.NewActivityPage })));
const EditActivityPage = lazy(() => import('./edit/activity-form-page.js').then((m) => ({ default: m.EditActivityPage })));
const DraftsPage = lazy(() => import('./edit/drafts-page.js').then((m) => ({ default: m.DraftsPage })));
const AccountsPage = lazy(() => import('./accounts/accounts-page.js').then((m) => ({ default: m.AccountsPage })));
const AccountPage = lazy(() => import('./accounts/account-page.js').then((m) => ({ default: m.AccountPage })));
const ProjectsPage = lazy(() => import('./projects/projects-page.js').then((m) => ({ default: m.ProjectsPage })));
const ProjectPage = lazy(() => import('./projects/project-page.js').then((m) => ({ default: m.ProjectPage })));
const ResumeDraftPage = lazy(() => import('./edit/drafts-page.js').then((m) => ({ default: m.ResumeDraftPage })));

// Literal paths before `:param` ones: the first match wins.
export const routes: PortalRemoteModule['routes'] = [
  { path: '/activities', title: 'Activities', Component: MonthView },
  { path: '/activities/new', title: 'New activity', Component: NewActivityPage },
  { path: '/activities/drafts', title: 'Drafts', Component: DraftsPage },
  { path: '/activities/drafts/:id', title: 'Resume draft', Component: ResumeDraftPage },
  { path: '/activities/:id/edit', title: 'Edit activity', Component: EditActivityPage },
  { path: '/accounts', title: 'Accounts', Component: AccountsPage },
  { path: '/accounts/:id', title: 'Account', Component: AccountPage },
  { path: '/projects', title: 'Projects', Component: ProjectsPage },
  { path: '/projects/:id', title: 'Project', Component: ProjectPage },
];

/** The first queries of each page, for the intent prefetch (B-006). */
const warmers: Record<string, (client: Parameters<PortalRemoteModule['prefetch']>[0], url: URL) => Promise<unknown>[]> = {
  '/activities': (client, url) => [
    client.query({ query: MonthActivitiesDocument, variables: monthVariables(readMonthParams(url.searchParams, monthOf(new Date()))) }),
    client.query({ query: ActivitiesBootstrapDocument }),
  ],
  // The accounts list opens unsearched.
  '/accounts': (client) => [client.query({ query: AccountsPageDocument, variables: accountListVariables('') })],
  // The list's first page for the link's ?q=&status= (the page computes the same variables).
  '/projects': (client, url) => [client.query({ query: ProjectListPageDocument, variables: projectListVariables(readProjectListParams(url.searchParams)) })],
};

export const prefetch: PortalRemoteModule['prefetch'] = async (client, href) => {
  const url = new URL(href, window.location.origin);
  const match = findRoute(routes, url.pathname);
  const warm = match && warmers[match.route.path];
  if (warm) await Promise.allSettled(warm(client, url));
};

export const typePolicies: PortalRemoteModule['typePolicies'] = activitiesTypePolicies;
