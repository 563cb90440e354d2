import { useCallback, useState, type CSSProperties } from 'react';
import { usePages } from '@pams/client-graphql';
import { scheduledCommands, ScheduledCommandsDocument, type ScheduledCommandRow, type ScheduledCommandsQuery, type ScheduledCommandStatus } from '@pams/client-admin-data-access';
import { Link, navigate, useLocation } from '@pams/client-ui';
import { AdminNav } from '../shared/admin-nav.js';
import { PagedTable } from '../shared/paged-table.js';
import { formatTime, humanize } from '../shared/format.js';
import { CancelDialog } from './scheduled-list.js';

const STATUSES: readonly ScheduledCommandStatus[] = ['PENDING', 'DONE', 'FAILED', 'CANCELLED'];
const pageOf = (data: ScheduledCommandsQuery) => ({ nodes: scheduledCommands(data.scheduledCommands.nodes), pageInfo: data.scheduledCommands.pageInfo });
const fixed = (width: string): CSSProperties => ({ width, flex: 'none' });
const grow = (minWidth: string): CSSProperties => ({ flex: '1 1 0', minWidth });
const COLUMNS: [string, CSSProperties][] = [
  ['Runs at (UTC)', fixed('13rem')],
  ['Command', fixed('11rem')],
  ['User', grow('9rem')],
  ['Status', fixed('6rem')],
  ['Outcome', grow('10rem')],
  ['By', fixed('8rem')],
  ['', fixed('5rem')],
];

/** Scheduled admin commands, soonest first, filtered by status in the URL; pending ones can be cancelled. */
export function ScheduledPage() {
  const location = useLocation();
  const raw = location.search.get('status');
  const status = STATUSES.includes(raw as ScheduledCommandStatus) ? (raw as ScheduledCommandStatus) : null;
  const pages = usePages(ScheduledCommandsDocument, { filter: status ? { status } : null, first: 100 }, pageOf);
  const [cancelling, setCancelling] = useState<ScheduledCommandRow | null>(null);

  const renderRow = useCallback(
    (c: ScheduledCommandRow) => (
      <>
        <div role="cell" style={COLUMNS[0][1]}>
          {formatTime(c.runAt)}
        </div>
        <div role="cell" style={COLUMNS[1][1]}>
          {humanize(c.kind)}
        </div>
        <div role="cell" style={COLUMNS[2][1]}>
          <Link href={`/admin/users/${encodeURIComponent(c.target.id)}`}>{c.target.name}</Link>
        </div>
        <div role="cell" style={COLUMNS[3][1]}>
          {humanize(c.status)}
        </div>
        <div role="cell" style={COLUMNS[4][1]} title={c.outcome ?? ''}>
          {c.outcome ?? '—'}
        </div>
        <div role="cell" style={COLUMNS[5][1]}>
          {c.actor.name}
        </div>
        <div role="cell" style={COLUMNS[6][1]}>
          {c.status === 'PENDING' && (
            <button type="button" className="pams-link-button" onClick={() => setCancelling(c)}>
              Cancel
            </button>
          )}
        </div>
      </>
    ),
    [],
  );

  return (
    <section data-testid="scheduled-page" style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
      <AdminNav />
      <div className="pams-page-head">
        <h1>Scheduled actions</h1>
      </div>
      <div className="pams-toolbar">
        <label className="pams-field">
          Status
          <select className="pams-select" value={status ?? ''} onChange={(e) => navigate(e.target.value ? `/admin/scheduled?status=${e.target.value}` : '/admin/scheduled', { replace: true })}>
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <PagedTable
        pages={pages}
        what="scheduled actions"
        more="actions"
        label="Scheduled actions"
        columns={COLUMNS}
        getKey={(c) => c.id}
        renderRow={renderRow}
        empty={<p className="pams-muted">No scheduled actions{status ? ` are ${humanize(status).toLowerCase()}` : ''}.</p>}
      />
      {cancelling && (
        <CancelDialog
          command={cancelling}
          onClose={(changed) => {
            setCancelling(null);
            if (changed) pages.retry();
          }}
        />
      )}
    </section>
  );
}
