import { useCallback, useMemo } from 'react';
import { useQuery } from '@pams/client-graphql';
import { ActivityReportDocument, ReportsBootstrapDocument, type ActivityReportRow, type ReportSource } from '@pams/client-reports-data-access';
import { ErrorPanel, Link, Loading, navigate, useLocation } from '@pams/client-ui';
import { BUILD_LABEL } from '../build-label.js';
import { BUILTIN_REPORTS, builtinHref, currentBuiltin } from '../builtin-reports.js';
import { WinOfTheMonthCallout } from '../callouts/win-of-the-month-callout.js';
import { WinsLossesCallout } from '../callouts/wins-losses-callout.js';
import { LazyChart } from '../chart/lazy-chart.js';
import { emailPackageHref, mayDownloadEmailPackage } from '../email-package/email-package-access.js';
import { monthLinkOf } from '../month-links.js';
import { PresetPanel } from '../presets/preset-panel.js';
import { monthOf, NO_FILTER, readReportParams, reportHref, reportInput, type FilterParams, type ReportParams } from '../report-params.js';
import { shiftMonth, spanLabel } from '../report-range.js';
import { ReportControls } from './report-controls.js';
import { ReportExports } from './report-exports.js';
import { ReportTable } from './report-table.js';

const SOURCES: Record<ReportSource, string> = {
  REGION_ROLLUP: 'the region rollup',
  INDUSTRY_ROLLUP: 'the industry rollup',
  SALES_REP_ROLLUP: 'the sales-rep rollup',
  USE_CASE_ROLLUP: 'the use-case rollup',
  DETAIL_ROLLUP: 'the detailed rollup',
};
const asOfFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' });

/** Filters the builder has no select for (they come from presets and links): shown as removable chips. */
const HIDDEN_FILTERS: readonly [keyof FilterParams, string][] = [
  ['ownerIds', 'presales user'],
  ['accountIds', 'account'],
  ['useCaseIds', 'use case'],
  ['salesRepIds', 'sales rep'],
];

/** The report builder (P-013): the landing page of managers and leaders; its whole state is in the URL. */
export function ReportPage() {
  const location = useLocation();
  const currentMonth = monthOf(new Date());
  const params = readReportParams(location.search);
  const input = reportInput(params, currentMonth);
  const report = useQuery(ActivityReportDocument, { variables: { input } });
  const bootstrap = useQuery(ReportsBootstrapDocument);
  const viewer = bootstrap.data?.bootstrap.viewer;
  const go = (next: ReportParams) => navigate(reportHref(next));
  // While another report loads, keep showing the last one, dimmed, rather than blanking it.
  const shown = (report.data ?? report.previousData)?.activityReport;
  const builtin = currentBuiltin(params);

  const role = viewer?.role ?? 'MEMBER';
  // The params are read anew on each render: key the rows' link builder on their content, so rows stay memoised.
  const filterKey = JSON.stringify(params.filter);
  const filter = useMemo(() => JSON.parse(filterKey) as FilterParams, [filterKey]);
  const linkOf = useCallback(
    (row: Pick<ActivityReportRow, 'keys'>) => monthLinkOf(row, { role, from: input.from, to: input.to, filter }),
    [role, input.from, input.to, filter],
  );

  return (
    <section data-testid="report-page" style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 15rem', gap: '1.2rem', flex: 1, minHeight: 0 }}>
      <div style={{ display: 'flex', flexDirection: 'column', minWidth: 0, minHeight: 0 }}>
        <div className="pams-page-head">
          <h1>Reports · {spanLabel(input.from, input.to)}</h1>
          {shown && (
            <span className="pams-totals" data-testid="report-as-of">
              Figures as of {asOfFormat.format(new Date(shown.asOf))} · from {SOURCES[shown.source]}
            </span>
          )}
          {mayDownloadEmailPackage(role) && <Link href={emailPackageHref(params.range)}>Monthly email package</Link>}
          <span className="pams-muted" data-testid="reports-build" title="Build of the reports module">
            build {BUILD_LABEL}
          </span>
        </div>
        <nav aria-label="Named reports" className="pams-chips">
          {BUILTIN_REPORTS.map((named) => (
            <Link key={named.id} className="pams-chip" style={{ padding: '.15rem .6rem', textDecoration: 'none' }} href={builtinHref(named, params, reportHref)} aria-current={named === builtin ? 'page' : undefined}>
              {named === builtin ? <strong>{named.label}</strong> : named.label}
            </Link>
          ))}
        </nav>
        <ReportControls params={params} currentMonth={currentMonth} bootstrap={bootstrap.data?.bootstrap ?? null} onChange={go} />
        {HIDDEN_FILTERS.some(([field]) => params.filter[field].length > 0) && (
          <div className="pams-chips">
            {HIDDEN_FILTERS.filter(([field]) => params.filter[field].length > 0).map(([field, name]) => (
              <span className="pams-chip" key={field}>
                {params.filter[field].length} {name}
                {params.filter[field].length > 1 ? 's' : ''}
                <button type="button" aria-label={`Remove the ${name} filter`} onClick={() => go({ ...params, filter: { ...params.filter, [field]: NO_FILTER[field] } })}>
                  ×
                </button>
              </span>
            ))}
          </div>
        )}
        {role === 'MEMBER' && viewer && (
          <p className="pams-muted" style={{ margin: '0 0 .6rem' }}>
            You see your own activities and your regions’ totals; rows per person show only yours.
          </p>
        )}
        <ReportExports input={input} rowCount={shown?.rowCount} />
        {report.error && !report.loading ? (
          // Never show a failed read as an empty report.
          <ErrorPanel title="The report could not be loaded" onRetry={() => void report.refetch()}>
            <p>{report.error.message}</p>
          </ErrorPanel>
        ) : !shown ? (
          <Loading label="Loading the report…" />
        ) : (
          <div
            className={report.loading ? 'pams-stale' : undefined}
            aria-busy={report.loading}
            style={{ display: 'flex', flexWrap: 'wrap', gap: '1rem', alignItems: 'flex-start', flex: 1, minHeight: 0 }}
          >
            {params.view !== 'TABLE' && (
              <div style={{ flex: '1 1 26rem', minWidth: 0 }}>
                <LazyChart report={shown} view={params.view} />
              </div>
            )}
            <div style={{ flex: '1 1 30rem', minWidth: 0, display: 'flex', flexDirection: 'column', alignSelf: 'stretch' }}>
              {shown.rowCount > shown.rows.length && (
                <p className="pams-muted" style={{ margin: '0 0 .4rem' }}>
                  The first {shown.rows.length} of {shown.rowCount} rows; the total covers them all.
                </p>
              )}
              <ReportTable report={shown} countAccounts={params.countAccounts} linkOf={linkOf} />
            </div>
          </div>
        )}
      </div>
      <div style={{ display: 'flex', flexDirection: 'column', gap: '.8rem', minHeight: 0, overflow: 'auto' }}>
        <WinOfTheMonthCallout month={shiftMonth(currentMonth, -1)} />
        <WinsLossesCallout />
        <PresetPanel params={params} bootstrap={bootstrap.data?.bootstrap ?? null} onOpen={go} suggestedName={builtin?.label ?? 'My report'} />
      </div>
    </section>
  );
}
