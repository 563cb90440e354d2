import { lazy, Suspense, useMemo } from 'react';
import type { ActivityReportQuery, ReportChart as ChartKind } from '@pams/client-reports-data-access';
import { Loading } from '@pams/client-ui';
import { DIMENSION_LABELS } from '../report-params.js';
import { chartOf } from './chart-series.js';

// uPlot is loaded here, on the first chart shown: a chunk of its own, never with the page (STYLE.md).
const ReportChart = lazy(() => import('./report-chart.js').then((m) => ({ default: m.ReportChart })));

type Report = ActivityReportQuery['activityReport'];

/** The chart of a report, once its chunk has arrived; until then (and when there is nothing to draw) a line saying so. */
export function LazyChart({ report, view }: { report: Report; view: ChartKind }) {
  const chart = useMemo(
    () => chartOf(report.rows, report.groupBy, view, { from: report.from, to: report.to }, (d) => DIMENSION_LABELS[d]),
    [report, view],
  );
  if (!chart) {
    return <p className="pams-muted" data-testid="chart-empty">Nothing to chart: choose a grouping with at least one row.</p>;
  }
  const title = `${chart.kind === 'line' ? 'Line' : 'Bar'} chart of activities by ${chart.xLabel.toLowerCase()}`;
  return (
    <>
      {view === 'LINE' && chart.kind === 'bar' && <p className="pams-muted">A line needs Month in the grouping; shown as bars.</p>}
      <Suspense fallback={<Loading label="Loading the chart…" />}>
        <ReportChart chart={chart} title={title} />
      </Suspense>
    </>
  );
}
