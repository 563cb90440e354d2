import { useQuery } from '@pams/client-graphql';
import { WinOfTheMonthCalloutDocument } from '@pams/client-reports-data-access';
import { Link } from '@pams/client-ui';
import { monthLabel } from '../report-range.js';

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

/**
 * Win of the month (P-020): last month's largest win, or the one a manager picked, with its story. A callout:
 * the builder works without it, so a failed read shows nothing rather than an error.
 */
export function WinOfTheMonthCallout({ month }: { month: string }) {
  const { data, error } = useQuery(WinOfTheMonthCalloutDocument, { variables: { month } });
  const report = data?.monthlyReport;
  if (error || !report) return null;
  const win = report.winOfTheMonth;
  return (
    <aside className="pams-panel" data-testid="win-of-the-month" aria-label={`Win of the month, ${monthLabel(month)}`}>
      <strong>Win of the month · {monthLabel(month)}</strong>
      {win ? (
        <>
          <p style={{ margin: '.3rem 0' }}>
            <span data-testid="win-of-the-month-title">
              {win.outcome.accountName} · {win.outcome.projectName}
            </span>
            {win.outcome.mrrReporting !== null && <> · {usd.format(win.outcome.mrrReporting)} MRR</>}
            {win.source === 'PICKED' && <span className="pams-muted"> (picked by a manager)</span>}
          </p>
          <p style={{ margin: 0, whiteSpace: 'pre-line' }} data-testid="win-of-the-month-story">
            {win.story}
          </p>
        </>
      ) : (
        <p className="pams-muted" style={{ margin: '.3rem 0 0' }}>
          No win recorded in {monthLabel(month)}.
        </p>
      )}
      <Link href={`/reports/outcomes?from=${month}&to=${month}`}>Wins & losses of {monthLabel(month)}</Link>
    </aside>
  );
}
