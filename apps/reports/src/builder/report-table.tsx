import { useCallback, type CSSProperties, type ReactNode } from 'react';
import type { ActivityReportQuery, ActivityReportRow, ReportDimension } from '@pams/client-reports-data-access';
import { Link, VirtualList } from '@pams/client-ui';
import type { MonthLink } from '../month-links.js';
import { DIMENSION_LABELS } from '../report-params.js';

type Report = ActivityReportQuery['activityReport'];

/** Over this many rows the table is windowed (only the rows in view are in the page). */
export const VIRTUAL_FROM = 100;
const ROW_HEIGHT = 36;
const NUMBER: CSSProperties = { width: '4.8rem', flex: 'none', textAlign: 'right' };
// Key columns grow but never shrink below their basis: every row lines up, and a narrow table scrolls sideways.
const KEY: CSSProperties = { flex: '1 0 8rem', minWidth: 0 };
const PLAIN_ROW: CSSProperties = { position: 'relative', height: ROW_HEIGHT };

interface ReportTableProps {
  report: Report;
  countAccounts: boolean;
  /** The month view of a row, for its count's link. */
  linkOf(row: Pick<ActivityReportRow, 'keys'>): MonthLink;
}

const number = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
const perAccount = (count: number, accounts: number | null) => (accounts ? number.format(count / accounts) : '—');
export const rowKey = (row: Pick<ActivityReportRow, 'keys'>) => row.keys.map((k) => `${k.dimension}:${k.id ?? ''}`).join('|') || 'total';

/** The figures of a report, one row per key; each count links to the activities behind it. */
export function ReportTable({ report, countAccounts, linkOf }: ReportTableProps) {
  const dims = report.groupBy;
  const label = `Report by ${dims.map((d) => DIMENSION_LABELS[d]).join(', ') || 'nothing (totals)'}`;
  const cells = useCallback(
    (row: ActivityReportRow) => (
      <>
        {dims.map((dimension, i) => (
          <div role="cell" key={dimension} style={KEY}>
            {row.keys[i]?.label}
          </div>
        ))}
        <MeasureCells measures={row} link={linkOf(row)} countAccounts={countAccounts} />
      </>
    ),
    [dims, countAccounts, linkOf],
  );
  const header = <HeaderCells dims={dims} countAccounts={countAccounts} />;
  const totalCells = (
    <>
      {/* One cell per key column, as in the rows, so the figures line up under theirs. */}
      {(dims.length > 0 ? dims : [null]).map((dimension, i) => (
        <div role="cell" key={dimension ?? 'total'} style={KEY}>
          {i === 0 ? `Total${report.rowCount > report.rows.length ? ` (all ${report.rowCount})` : ''}` : ''}
        </div>
      ))}
      <MeasureCells measures={report.totals} link={linkOf({ keys: [] })} countAccounts={countAccounts} />
    </>
  );

  if (report.rows.length > VIRTUAL_FROM) {
    return (
      <div style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: '20rem' }}>
        <VirtualList items={report.rows} rowHeight={ROW_HEIGHT} getKey={rowKey} renderRow={cells} header={header} label={label} footer={<strong style={{ display: 'contents' }}>{totalCells}</strong>} />
      </div>
    );
  }
  return (
    <div role="table" aria-label={label} aria-rowcount={report.rows.length + 2} className="pams-vlist" style={{ contain: 'none', flex: 'none', minHeight: 0 }}>
      <div role="rowgroup" className="pams-vlist-head">
        <div role="row" aria-rowindex={1} className="pams-vlist-row">
          {header}
        </div>
      </div>
      <div role="rowgroup">
        {report.rows.map((row, index) => (
          <div role="row" aria-rowindex={index + 2} className="pams-vlist-row" key={rowKey(row)} style={PLAIN_ROW}>
            {cells(row)}
          </div>
        ))}
        <div role="row" className="pams-vlist-row" data-testid="report-totals" style={{ ...PLAIN_ROW, fontWeight: 600 }}>
          {totalCells}
        </div>
      </div>
    </div>
  );
}

type Measures = Pick<ActivityReportRow, 'activityCount' | 'effortDays' | 'effortHours' | 'accountCount'>;

function MeasureCells({ measures, link, countAccounts }: { measures: Measures; link: MonthLink; countAccounts: boolean }) {
  return (
    <>
      <div role="cell" style={NUMBER}>
        <Link href={link.href} title={link.exact ? 'These activities in the month view' : `In the month view with ${link.approximations.join(', ')}`}>
          {measures.activityCount}
        </Link>
      </div>
      <div role="cell" style={NUMBER}>{measures.effortDays}</div>
      <div role="cell" style={NUMBER}>{number.format(measures.effortHours)}</div>
      {countAccounts && (
        <>
          <div role="cell" style={NUMBER}>{measures.accountCount ?? '—'}</div>
          <div role="cell" style={NUMBER}>{perAccount(measures.activityCount, measures.accountCount)}</div>
        </>
      )}
    </>
  );
}

function HeaderCells({ dims, countAccounts }: { dims: readonly ReportDimension[]; countAccounts: boolean }): ReactNode {
  return (
    <>
      {dims.map((d) => (
        <div role="columnheader" key={d} style={KEY}>
          {DIMENSION_LABELS[d]}
        </div>
      ))}
      {dims.length === 0 && <div role="columnheader" style={KEY} />}
      <div role="columnheader" style={NUMBER}>Activities</div>
      <div role="columnheader" style={NUMBER}>Days</div>
      <div role="columnheader" style={NUMBER}>Hours</div>
      {countAccounts && (
        <>
          <div role="columnheader" style={NUMBER}>Accounts</div>
          <div role="columnheader" style={NUMBER} title="Activities per account">Per account</div>
        </>
      )}
    </>
  );
}
