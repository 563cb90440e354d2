import { useEffect, useState } from 'react';
import { useMutation, useQuery } from '@pams/client-graphql';
import { BackupReportDocument, backupRow, BackupsDocument, StartBackupDocument, type BackupRow } from '@pams/client-admin-data-access';
import { ErrorPanel, Loading } from '@pams/client-ui';
import { AdminNav } from '../shared/admin-nav.js';
import { ConfirmDialog } from '../shared/confirm-dialog.js';
import { formatTime, humanize } from '../shared/format.js';

const SNAPSHOTS = 30;
/** While a backup runs, the page asks for its progress every second, as the export progress does. */
const POLL_MS = 1_000;
const CELL = { padding: '.25rem .5rem', textAlign: 'left', verticalAlign: 'top' } as const;
const NUMBER = { ...CELL, textAlign: 'right' } as const;

const number = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toLocaleString('en-US'));
const running = (b: BackupRow) => b.status === 'QUEUED' || b.status === 'DUMPING' || b.status === 'VERIFYING';

function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

/** "0 2 * * *" → "02:00". */
function nightlyTime(cron: string): string {
  const [minute, hour] = cron.split(' ');
  return `${hour.padStart(2, '0')}:${minute.padStart(2, '0')}`;
}

const seconds = (ms: number | null | undefined) => (ms === null || ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);

function StatusCell({ b }: { b: BackupRow }) {
  if (running(b)) {
    return (
      <span>
        {humanize(b.status)} · {b.step ?? 'starting'}{' '}
        <progress max={b.stepsTotal} value={b.stepsDone} aria-label={`Backup progress: step ${b.stepsDone} of ${b.stepsTotal}`} style={{ verticalAlign: 'middle' }} />
      </span>
    );
  }
  if (b.status === 'VERIFIED') return <strong>Verified</strong>;
  return <strong className="pams-error-text">Failed</strong>;
}

/** One snapshot's verification report: what did not match, and every table's rows at dump time beside the restore's. */
function Report({ id, onClose }: { id: string; onClose(): void }) {
  const { data, error } = useQuery(BackupReportDocument, { variables: { id } });
  const report = data?.backup;
  const fields = report ? backupRow(report) : null;
  return (
    <section className="pams-panel" data-testid="backup-report" aria-label="Verification report">
      <div className="pams-page-head">
        <h2>Verification report</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {error && !data ? (
        <p className="pams-error-text">{error.message}</p>
      ) : !report || !fields ? (
        <Loading label="Loading the report…" />
      ) : (
        <>
          <p>
            Taken {formatTime(fields.createdAt)}
            {fields.serverVersion ? ` from PostgreSQL ${fields.serverVersion}` : ''}
            {fields.sha256 ? (
              <>
                {' '}
                · sha256 <code>{fields.sha256}</code>
              </>
            ) : null}
          </p>
          {fields.error ? (
            <p role="alert" className="pams-error-text">
              {fields.error}
            </p>
          ) : null}
          {report.mismatches.length > 0 ? (
            <table aria-label="Figures that differ" style={{ borderCollapse: 'collapse' }}>
              <thead>
                <tr>
                  <th style={CELL}>Check</th>
                  <th style={NUMBER}>At dump time</th>
                  <th style={NUMBER}>In the restore</th>
                </tr>
              </thead>
              <tbody>
                {report.mismatches.map((m) => (
                  <tr key={m.check}>
                    <td style={CELL}>{m.check}</td>
                    <td style={NUMBER}>{m.expected}</td>
                    <td style={NUMBER}>{m.actual}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {report.tables.length > 0 ? (
            <table aria-label="Tables checked" style={{ borderCollapse: 'collapse' }}>
              <thead>
                <tr>
                  <th style={CELL}>Table</th>
                  <th style={NUMBER}>Rows at dump time</th>
                  <th style={NUMBER}>Rows restored</th>
                  <th style={NUMBER}>Max id</th>
                  <th style={CELL}>Checks</th>
                </tr>
              </thead>
              <tbody>
                {report.tables.map((t) => (
                  <tr key={t.table} data-table={t.table}>
                    <td style={CELL}>
                      <code>{t.table}</code>
                    </td>
                    <td style={NUMBER}>{number(t.rows)}</td>
                    <td style={NUMBER}>{number(t.restoredRows)}</td>
                    <td style={NUMBER}>{t.maxId ?? '—'}</td>
                    <td style={CELL} className={t.ok ? undefined : 'pams-error-text'}>
                      {t.ok ? 'equal' : t.restoredRows === null ? 'not restored' : 'differ'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      )}
    </section>
  );
}

/**
 * Backups (B-001, P-017): every nightly (and asked-for) snapshot with its verification — restored into a
 * scratch database and compared with the live figures taken at dump time — and the last good restore
 * point, which docs/runbooks/restore.md brings back.
 */
export function BackupsPage() {
  const { data, error, refetch, startPolling, stopPolling } = useQuery(BackupsDocument, { variables: { limit: SNAPSHOTS } });
  const [start, { loading: starting }] = useMutation(StartBackupDocument);
  const [confirming, setConfirming] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const [reportId, setReportId] = useState<string | null>(null);
  const overview = data?.backups;
  const snapshots = overview ? overview.snapshots.map(backupRow) : [];
  const good = overview?.lastGoodRestorePoint ? backupRow(overview.lastGoodRestorePoint) : null;
  const anyRunning = snapshots.some(running);
  useEffect(() => {
    if (!anyRunning) return;
    startPolling(POLL_MS);
    return () => stopPolling();
  }, [anyRunning, startPolling, stopPolling]);

  const confirm = async () => {
    setStartError(null);
    try {
      await start();
      setConfirming(false);
      await refetch();
    } catch (caught) {
      setStartError(`The backup could not be started (${caught instanceof Error ? caught.message : String(caught)}). Try again.`);
    }
  };

  return (
    <section data-testid="backups-page">
      <AdminNav />
      <div className="pams-page-head">
        <h1>Backups</h1>
        <button type="button" onClick={() => setConfirming(true)} disabled={!overview || anyRunning}>
          Back up now
        </button>
      </div>
      {error && !data ? (
        <ErrorPanel title="The backups could not be loaded" onRetry={() => void refetch()}>
          <p>{error.message}</p>
        </ErrorPanel>
      ) : !overview ? (
        <Loading label="Loading the backups…" />
      ) : (
        <>
          <p className="pams-muted" data-testid="backups-summary">
            A snapshot is taken every night at {nightlyTime(overview.schedule)} UTC into{' '}
            <code>{overview.directory}</code>, restored into a scratch database and checked against the live figures; files are kept {overview.retentionDays} days
            (the last good one always). A failure is told to every admin, here and by mail.
          </p>
          {!overview.toolsReady ? (
            <p role="alert" className="pams-error-text" data-testid="backups-tools">
              Backups cannot run on this server: {overview.toolsMessage}
            </p>
          ) : null}
          <section className="pams-panel" data-testid="restore-point" aria-label="Last good restore point">
            <h2>Last good restore point</h2>
            {good ? (
              <p>
                <strong>{formatTime(good.createdAt)}</strong> · <code>{good.fileName}</code> · {bytes(good.byteSize)} · {number(good.activities)} activities,{' '}
                {number(good.totalRows)} rows in {good.tableCount} tables, verified {formatTime(good.verifiedAt)}.{' '}
                <button type="button" onClick={() => setReportId(good.id)}>
                  Report
                </button>
              </p>
            ) : (
              <p className="pams-error-text">None yet: no backup has been verified. Back up now, or wait for tonight&apos;s.</p>
            )}
            <p className="pams-muted">To restore it, follow docs/runbooks/restore.md.</p>
          </section>
          {reportId ? <Report id={reportId} onClose={() => setReportId(null)} /> : null}
          <h2>Snapshots</h2>
          {snapshots.length === 0 ? (
            <p className="pams-muted">No backup yet.</p>
          ) : (
            <div style={{ overflowX: 'auto' }}>
              <table className="pams-panel" style={{ borderCollapse: 'collapse', width: '100%' }} aria-label="Snapshots">
                <thead>
                  <tr>
                    <th style={CELL}>Taken</th>
                    <th style={CELL}>By</th>
                    <th style={CELL}>Status</th>
                    <th style={NUMBER}>Size</th>
                    <th style={NUMBER}>Dump</th>
                    <th style={NUMBER}>Verify</th>
                    <th style={NUMBER}>Activities</th>
                    <th style={CELL}>Notes</th>
                  </tr>
                </thead>
                <tbody>
                  {snapshots.map((b) => (
                    <tr key={b.id} data-backup={b.id} data-status={b.status}>
                      <td style={CELL}>{formatTime(b.createdAt)}</td>
                      <td style={CELL}>{b.trigger === 'SCHEDULE' ? 'Nightly' : (b.requestedByName ?? 'An admin')}</td>
                      <td style={CELL}>
                        <StatusCell b={b} />
                      </td>
                      <td style={NUMBER}>{bytes(b.byteSize)}</td>
                      <td style={NUMBER}>{seconds(b.dumpMs)}</td>
                      <td style={NUMBER}>{seconds(b.verifyMs)}</td>
                      <td style={NUMBER}>{number(b.activities)}</td>
                      <td style={CELL}>
                        {b.error ? <span className="pams-error-text">{b.error} </span> : null}
                        {b.expiredAt ? <span className="pams-muted">File removed {formatTime(b.expiredAt)}. </span> : null}
                        {!running(b) && b.tableCount > 0 ? (
                          <button type="button" onClick={() => setReportId(b.id)} aria-label={`Report of the backup taken ${formatTime(b.createdAt)}`}>
                            Report
                          </button>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      {confirming ? (
        <ConfirmDialog
          title="Back up now"
          confirmLabel="Start the backup"
          busy={starting}
          error={startError}
          onConfirm={() => void confirm()}
          onCancel={() => {
            setConfirming(false);
            setStartError(null);
          }}
        >
          <p style={{ margin: 0 }}>
            A snapshot of the whole database is written, restored into a scratch database and checked. It runs in the background; this page shows its
            progress.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
