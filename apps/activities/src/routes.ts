import type { PortalRemoteModule } from '@pams/client-graphql';
import { activitiesTypePolicies, ActivitiesBootstrapDocument, MonthActivitiesDocument } from '@pams/client-activities-data-access';
import { findRoute } from '@pams/shared-remote-contract';
import { MonthView } from './month/month-view.js';
import { monthOf, monthVariables, readMonthParams } from './month/month-params.js';

/**
 * What this remote exposes to the shell (`activities/routes`, typed by @pams/shared-remote-contract).
 * Add pages here; keep all but the month view lazy (`lazy(() => import(...))`) so the first load stays small.
 */
export const routes: PortalRemoteModule['routes'] = [{ path: '/activities', title: 'Activities', Component: MonthView }];

/** The first queries of each page, for the intent prefetch (B-006). */
const warmers: Record<string, (client: Parameters<PortalRemoteModule['prefetch']>[0], url: URL) => Promise<unknown>[]> = {
  '/activities': (client, url) => [
    client.query({ query: MonthActivitiesDocument, variables: monthVariables(readMonthParams(url.searchParams, monthOf(new Date()))) }),
    client.query({ query: ActivitiesBootstrapDocument }),
  ],
};

export const prefetch: PortalRemoteModule['prefetch'] = async (client, href) => {
  const url = new URL(href, window.location.origin);
  const match = findRoute(routes, url.pathname);
  const warm = match && warmers[match.route.path];
  if (warm) await Promise.allSettled(warm(client, url));
};

export const typePolicies: PortalRemoteModule['typePolicies'] = activitiesTypePolicies;
