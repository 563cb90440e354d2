import { useQuery } from '@pams/client-graphql';
import { CollectionCountsDocument, type CollectionCountsQuery } from '@pams/client-admin-data-access';
import { ErrorPanel, Loading } from '@pams/client-ui';
import { AdminNav } from '../shared/admin-nav.js';

type Series = CollectionCountsQuery['collectionCounts']['collections'][number];

/** Days shown as columns, newest last: two weeks fit a laptop screen beside the collection names. */
const DAYS = 14;
const number = (n: number) => n.toLocaleString('en-US');
const NUMBER = { textAlign: 'right', padding: '.2rem .5rem' } as const;

function changeText(series: Series): string {
  if (series.change === null) return '—';
  if (series.change === 0) return '0';
  return `${series.change > 0 ? '+' : '−'}${number(Math.abs(series.change))}`;
}

/**
 * The platform's health for admins. First, the daily count check (PRODUCT.md "Never again"): each
 * collection's count per day, its last change, and whether that change was a sharp fall — which the
 * check also reported to every admin in-app and by mail.
 */
export function HealthPage() {
  const { data, error, refetch } = useQuery(CollectionCountsDocument, { variables: { days: DAYS } });
  const report = data?.collectionCounts;
  const days = report ? [...new Set(report.collections.flatMap((c) => c.points.map((p) => p.day)))].sort() : [];
  const drops = report?.collections.filter((c) => c.sharpDrop) ?? [];
  return (
    <section data-testid="health-page">
      <AdminNav />
      <div className="pams-page-head">
        <h1>Health</h1>
      </div>
      <h2>Daily count check</h2>
      {error && !data ? (
        <ErrorPanel title="The counts could not be loaded" onRetry={() => void refetch()}>
          <p>{error.message}</p>
        </ErrorPanel>
      ) : !report ? (
        <Loading label="Loading the counts…" />
      ) : report.lastDay === null ? (
        <p className="pams-muted" data-testid="counts-never">
          No count has been recorded yet: the check runs every night at 01:30 UTC.
        </p>
      ) : (
        <>
          <p className="pams-muted" data-testid="counts-summary">
            Counted every night (UTC); last on {report.lastDay}. A collection that falls by more than {report.dropPercent}% or more than{' '}
            {number(report.dropRows)} rows in a day is reported to every admin, here and by mail.
          </p>
          {drops.length > 0 ? (
            <p role="alert" className="pams-error-text" data-testid="counts-alert">
              Fell sharply at the last count: {drops.map((d) => `${d.label} (${changeText(d)})`).join(', ')}. If nobody deleted these on purpose, look at the
              audit history and restore from the last good backup.
            </p>
          ) : null}
          <div style={{ overflowX: 'auto' }}>
            <table className="pams-panel" style={{ borderCollapse: 'collapse' }} aria-label="Collection counts per day">
              <thead>
                <tr>
                  <th scope="col" style={{ textAlign: 'left' }}>
                    Collection
                  </th>
                  <th scope="col" style={NUMBER}>
                    Last count
                  </th>
                  <th scope="col" style={NUMBER}>
                    Change
                  </th>
                  {days.map((day) => (
                    <th key={day} scope="col" style={{ ...NUMBER, whiteSpace: 'nowrap' }}>
                      {day.slice(5)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.collections.map((series) => {
                  const byDay = new Map(series.points.map((p) => [p.day, p.count]));
                  return (
                    <tr key={series.collection} data-collection={series.collection}>
                      <th scope="row" style={{ textAlign: 'left', fontWeight: 'normal' }}>
                        {series.label}
                      </th>
                      <td style={NUMBER}>{series.latest === null ? '—' : number(series.latest)}</td>
                      <td style={NUMBER} className={series.sharpDrop ? 'pams-error-text' : undefined}>
                        {series.sharpDrop ? <strong>{changeText(series)} sharp fall</strong> : changeText(series)}
                      </td>
                      {days.map((day) => (
                        <td key={day} style={NUMBER} className="pams-muted">
                          {byDay.has(day) ? number(byDay.get(day)!) : '—'}
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
