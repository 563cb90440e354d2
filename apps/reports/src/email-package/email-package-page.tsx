import type { CSSProperties } from 'react';
import { useQuery } from '@pams/client-graphql';
import { emailPackageUrl, MonthlyEmailPreviewDocument, monthlyReportPdfUrl, ReportsBootstrapDocument, type MonthlyEmailPreviewQuery } from '@pams/client-reports-data-access';
import { ErrorPanel, Link, Loading, navigate, useLocation } from '@pams/client-ui';
import { RangeControls } from '../builder/range-controls.js';
import { monthOf, monthsOf } from '../report-params.js';
import { spanLabel, writeRange } from '../report-range.js';
import { emailPackageRange, emailPackageRangeHref, mayDownloadEmailPackage } from './email-package-access.js';
import { OverrideEditor } from './override-editor.js';

type Preview = MonthlyEmailPreviewQuery['monthlyReport'];

const count = new Intl.NumberFormat('en-US');
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const asOfFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' });
const FIGURE: CSSProperties = { display: 'flex', flexDirection: 'column', minWidth: '7rem' };

/**
 * The monthly email package (P-015): a preview of its headline figures, the PDF, and the zip a person
 * sends (HTML body with inline charts, plain text, attachments). The server has no HTML preview of the
 * email itself: the figures here come from `monthlyReport`, the query the package is rendered from.
 */
export function EmailPackagePage() {
  const location = useLocation();
  const currentMonth = monthOf(new Date());
  const range = emailPackageRange(location.search, currentMonth);
  const { from, to } = monthsOf(range, currentMonth);
  const bootstrap = useQuery(ReportsBootstrapDocument);
  const role = bootstrap.data?.bootstrap.viewer?.role;
  const allowed = mayDownloadEmailPackage(role);
  const preview = useQuery(MonthlyEmailPreviewDocument, { variables: { from, to }, skip: !allowed });
  const shown = (preview.data ?? preview.previousData)?.monthlyReport;
  const back = new URLSearchParams();
  writeRange(back, range);

  return (
    <section data-testid="email-package-page" style={{ display: 'flex', flexDirection: 'column', gap: '.8rem', flex: 1, minHeight: 0, overflow: 'auto' }}>
      <div className="pams-page-head">
        <h1>Monthly email package · {spanLabel(from, to)}</h1>
        <Link href={`/reports${back.size > 0 ? `?${back}` : ''}`}>Report builder</Link>
      </div>
      {!bootstrap.data ? (
        bootstrap.error ? (
          <ErrorPanel title="The page could not be loaded" onRetry={() => void bootstrap.refetch()}>
            <p>{bootstrap.error.message}</p>
          </ErrorPanel>
        ) : (
          <Loading label="Loading…" />
        )
      ) : !allowed ? (
        <p className="pams-muted">The monthly email package is prepared by managers and leaders.</p>
      ) : (
        <>
          <RangeControls range={range} currentMonth={currentMonth} onChange={(next) => navigate(emailPackageRangeHref(next))} />
          <div role="group" aria-label="Email package downloads" style={{ display: 'flex', gap: '.6rem', flexWrap: 'wrap', alignItems: 'center' }}>
            <a className="pams-button" style={{ textDecoration: 'none' }} href={emailPackageUrl(from, to)} download>
              Download email package
            </a>
            <a className="pams-button pams-button-quiet" style={{ textDecoration: 'none' }} href={monthlyReportPdfUrl(from, to)} download>
              Monthly report PDF
            </a>
            <span className="pams-muted">The zip holds email.html to paste into a message, email.txt, the charts and the attachments; nothing is sent from PAMS.</span>
          </div>
          {preview.error && !preview.loading ? (
            <ErrorPanel title="The preview could not be loaded" onRetry={() => void preview.refetch()}>
              <p>{preview.error.message}</p>
            </ErrorPanel>
          ) : !shown ? (
            <Loading label="Loading the preview…" />
          ) : (
            <EmailPreview report={shown} stale={preview.loading} />
          )}
          {from === to ? <OverrideEditor month={from} /> : <p className="pams-muted">Choose one month to edit its highlights and wins.</p>}
        </>
      )}
    </section>
  );
}

function EmailPreview({ report, stale }: { report: Preview; stale: boolean }) {
  const s = report.summary;
  const figures: [string, string][] = [
    ['Activities', count.format(s.activities)],
    ['External', count.format(s.external)],
    ['Internal', count.format(s.internal)],
    ['Accounts touched', count.format(s.accountsTouched)],
    ['Effort days', count.format(s.effortDays)],
    ['Wins', count.format(s.wins)],
    ['Losses', count.format(s.losses)],
    ['Win rate', s.winRate === null ? '—' : `${Math.round(s.winRate * 100)}%`],
    ['Won MRR', usd.format(s.wonMrr)],
  ];
  const win = report.winOfTheMonth;
  return (
    <article aria-label="Email preview" className={`pams-panel${stale ? ' pams-stale' : ''}`} style={{ maxWidth: '40rem' }}>
      <h2 style={{ marginTop: 0 }}>Pre-sales monthly report — {spanLabel(report.from, report.to)}</h2>
      <p className="pams-muted">
        {report.scope.allRegions ? 'All regions' : report.scope.regionNames.join(', ') || 'No regions'} · figures as of {asOfFormat.format(new Date(report.asOf))}
      </p>
      <dl style={{ display: 'flex', flexWrap: 'wrap', gap: '.8rem 1.4rem', margin: '0 0 1rem' }}>
        {figures.map(([label, value]) => (
          <div key={label} style={FIGURE} data-testid={`email-figure-${label.toLowerCase().replace(/ /g, '-')}`}>
            <dt className="pams-muted" style={{ fontSize: '.85rem' }}>
              {label}
            </dt>
            <dd style={{ margin: 0, fontSize: '1.3rem', fontWeight: 600 }}>{value}</dd>
          </div>
        ))}
      </dl>
      {report.highlights.length > 0 && (
        <>
          <h3>Highlights</h3>
          {report.highlights.map((h) => (
            <p key={h.month} style={{ whiteSpace: 'pre-line' }}>
              {h.text}
            </p>
          ))}
        </>
      )}
      <h3>Win of the month</h3>
      {win ? (
        <p>
          <strong>
            {win.outcome.accountName} · {win.outcome.projectName}
          </strong>
          {win.outcome.mrrReporting !== null && ` · ${usd.format(win.outcome.mrrReporting)} MRR`}
          <br />
          {win.story}
        </p>
      ) : (
        <p className="pams-muted">No win recorded in this range.</p>
      )}
    </article>
  );
}
