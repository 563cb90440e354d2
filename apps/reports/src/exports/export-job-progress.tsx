import { useEffect } from 'react';
import { useQuery } from '@pams/client-graphql';
import { ExportJobDocument, exportJobView, type ExportJobView } from '@pams/client-reports-data-access';

const POLL_MS = 1_000;
const count = new Intl.NumberFormat('en');

function progressText(job: ExportJobView): string {
  if (job.status === 'QUEUED') return 'Waiting to start…';
  if (job.total === null) return `${count.format(job.done)} rows written…`;
  return `${count.format(job.done)} of ${count.format(job.total)} rows`;
}

/**
 * One background export, polled every second until it is DONE (then its file is offered) or FAILED
 * (then why). `first` is the job as startExport answered, shown until the first poll returns.
 */
export function ExportJobProgress({ first, onDismiss }: { first: ExportJobView; onDismiss(): void }) {
  const poll = useQuery(ExportJobDocument, { variables: { id: first.id }, pollInterval: POLL_MS, fetchPolicy: 'network-only' });
  const ref = poll.data?.exportJob;
  const job = ref ? exportJobView(ref) : poll.data ? null : first;
  const finished = job === null || job.status === 'DONE' || job.status === 'FAILED';
  const { stopPolling } = poll;
  useEffect(() => {
    if (finished) stopPolling();
  }, [finished, stopPolling]);

  const label = `Export ${first.fileName}`;
  return (
    <div role="status" aria-label={label} data-testid="export-job" style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '.6rem', margin: '0 0 .6rem' }}>
      {job === null ? (
        <span className="pams-error-text">This export is no longer available (files are kept for a day); start it again.</span>
      ) : job.status === 'DONE' ? (
        <>
          <span>Export ready ({count.format(job.done)} rows):</span>
          <a href={job.downloadUrl ?? undefined} download={job.fileName}>
            Download {job.fileName}
          </a>
        </>
      ) : job.status === 'FAILED' ? (
        <span className="pams-error-text" role="alert">
          The export of {job.fileName} failed: {job.error ?? 'no reason was given'}
        </span>
      ) : (
        <>
          <span>Exporting {job.fileName}:</span>
          <ProgressBar job={job} />
          <span data-testid="export-job-progress">{progressText(job)}</span>
        </>
      )}
      {poll.error && !finished && <span className="pams-error-text">Progress could not be read ({poll.error.message}); still trying.</span>}
      {finished && (
        <button type="button" className="pams-link-button" onClick={onDismiss}>
          Close
        </button>
      )}
    </div>
  );
}

function ProgressBar({ job }: { job: ExportJobView }) {
  const total = job.total ?? 0;
  const share = total > 0 ? Math.min(1, job.done / total) : 0;
  return (
    <div
      role="progressbar"
      aria-label={`Progress of ${job.fileName}`}
      aria-valuemin={0}
      aria-valuemax={job.total ?? undefined}
      aria-valuenow={job.total === null ? undefined : job.done}
      aria-valuetext={progressText(job)}
      style={{ width: '12rem', height: '.6rem', border: '1px solid var(--pams-line)', borderRadius: 'var(--pams-radius)', overflow: 'hidden', background: 'var(--pams-surface)' }}
    >
      <div style={{ width: `${Math.round(share * 100)}%`, height: '100%', background: 'var(--pams-accent)', transition: 'width .3s' }} />
    </div>
  );
}
