import { lazy } from 'react';
import type { PortalRemoteModule } from '@pams/client-graphql';
import { ActivityReportDocument, OutcomeReportDocument, ReportPresetsDocument, ReportsBootstrapDocument, reportsTypePolicies } from '@pams/client-reports-data-access';
import { findRoute } from '@pams/shared-remote-contract';
import { ReportPage } from './builder/report-page.js';
import { outcomeInput, readOutcomeParams } from './outcome-params.js';
import { monthOf, readReportParams, reportInput } from './report-params.js';

/**
 * What this remote exposes to the shell (`reports/routes`, typed by @pams/shared-remote-contract). The builder
 * is the landing page of managers and leaders, so it is in the first chunk; other pages and the chart are lazy.
 */
const OutcomesPage = lazy(() => import('./outcomes/outcomes-page.js').then((m) => ({ default: m.OutcomesPage })));
const OutcomeImportPage = lazy(() => import('./outcome-import/outcome-import-page.js').then((m) => ({ default: m.OutcomeImportPage })));
const EmailPackagePage = lazy(() => import('./email-package/email-package-page.js').then((m) => ({ default: m.EmailPackagePage })));

export const routes: PortalRemoteModule['routes'] = [
  { path: '/reports', title: 'Reports', Component: ReportPage },
  { path: '/reports/outcomes', title: 'Wins & losses', Component: OutcomesPage },
  { path: '/reports/outcome-imports', title: 'Outcomes from the CRM', Component: OutcomeImportPage },
  { path: '/reports/email-package', title: 'Monthly email package', Component: EmailPackagePage },
];

type Warmer = (client: Parameters<PortalRemoteModule['prefetch']>[0], url: URL) => Promise<unknown>[];

/** The first queries of each page, for the intent prefetch (B-006): the same variables the page computes. */
const warmers: Record<string, Warmer> = {
  '/reports': (client, url) => [
    client.query({ query: ActivityReportDocument, variables: { input: reportInput(readReportParams(url.searchParams), monthOf(new Date())) } }),
    client.query({ query: ReportsBootstrapDocument }),
    client.query({ query: ReportPresetsDocument }),
  ],
  '/reports/outcomes': (client, url) => [
    client.query({ query: OutcomeReportDocument, variables: { input: outcomeInput(readOutcomeParams(url.searchParams), monthOf(new Date())) } }),
    client.query({ query: ReportsBootstrapDocument }),
  ],
};

export const prefetch: PortalRemoteModule['prefetch'] = async (client, href) => {
  const url = new URL(href, window.location.origin);
  const match = findRoute(routes, url.pathname);
  const warm = match && warmers[match.route.path];
  if (warm) await Promise.allSettled(warm(client, url));
};

export const typePolicies: PortalRemoteModule['typePolicies'] = reportsTypePolicies;
