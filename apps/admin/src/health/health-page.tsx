import { useQuery } from '@pams/client-graphql';
import { CollectionCountsDocument, ServiceLevelsDocument, type CollectionCountsQuery, type ServiceLevelsQuery } from '@pams/client-admin-data-access';
import { ErrorPanel, Loading } from '@pams/client-ui';
import { AdminNav } from '../shared/admin-nav.js';
import { formatTime } from '../shared/format.js';
import { Sparkline } from './sparkline.js';

type Series = CollectionCountsQuery['collectionCounts']['collections'][number];
type Objective = ServiceLevelsQuery['serviceLevels']['objectives'][number];

/** The service levels refresh every half minute while the page is open. */
const SLO_POLL_MS = 30_000;

function objectiveValue(o: Objective): string {
  if (o.current === null) return 'no data yet';
  return `${o.current.toLocaleString('en-US')} ${o.unit}`;
}

/** This gateway's objectives against their thresholds, each with its last hour as a chart. */
function ServiceLevels() {
  const { data, error, refetch } = useQuery(ServiceLevelsDocument, { pollInterval: SLO_POLL_MS });
  const report = data?.serviceLevels;
  if (error && !data) {
    return (
      <ErrorPanel title="The service levels could not be loaded" onRetry={() => void refetch()}>
        <p>{error.message}</p>
      </ErrorPanel>
    );
  }
  if (!report) return <Loading label="Loading the service levels…" />;
  const missed = report.objectives.filter((o) => o.met === false);
  return (
    <>
      <p className="pams-muted" data-testid="slo-summary">
        Measured by this gateway process over the last {report.windowMinutes} minutes (since {formatTime(report.since)}); with several processes,
        each shows its own and Prometheus (/metrics) has them all.
      </p>
      {missed.length > 0 ? (
        <p role="alert" className="pams-error-text" data-testid="slo-alert">
          Objective missed: {missed.map((o) => `${o.label} is ${objectiveValue(o)}, above ${o.threshold.toLocaleString('en-US')} ${o.unit}`).join('; ')}.
        </p>
      ) : null}
      <table className="pams-panel" style={{ borderCollapse: 'collapse' }} aria-label="Service-level objectives">
        <thead>
          <tr>
            <th scope="col" style={{ textAlign: 'left' }}>
              Objective
            </th>
            <th scope="col" style={NUMBER}>
              Now
            </th>
            <th scope="col" style={NUMBER}>
              Threshold
            </th>
            <th scope="col" style={NUMBER}>
              Operations
            </th>
            <th scope="col" style={{ textAlign: 'left' }}>
              Status
            </th>
            <th scope="col" style={{ textAlign: 'left' }}>
              Last hour, per minute
            </th>
          </tr>
        </thead>
        <tbody>
          {report.objectives.map((o) => (
            <tr key={o.key} data-objective={o.key}>
              <th scope="row" style={{ textAlign: 'left', fontWeight: 'normal' }}>
                {o.label}
              </th>
              <td style={NUMBER}>{objectiveValue(o)}</td>
              <td style={NUMBER}>
                ≤ {o.threshold.toLocaleString('en-US')} {o.unit}
              </td>
              <td style={NUMBER}>{number(o.samples)}</td>
              <td className={o.met === false ? 'pams-error-text' : undefined}>{o.met === null ? '—' : o.met ? 'met' : <strong>missed</strong>}</td>
              <td>
                <Sparkline
                  label={`${o.label}, last hour per minute`}
                  threshold={o.threshold}
                  values={report.minutes.map((m) => (o.key === 'activitiesP95' ? m.activitiesP95Ms : m.errorRatePercent))}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

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
      <h2>Service levels</h2>
      <ServiceLevels />
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
                  <th scope="col">Trend</th>
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
                      <td>
                        <Sparkline width={120} height={24} label={`${series.label} per day`} values={days.map((day) => byDay.get(day) ?? null)} />
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
