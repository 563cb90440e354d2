import { useEffect, useState } from 'react';
import { useQuery } from '@pams/client-graphql';
import { LegacyImportDocument, legacyImportView, type LegacyImportView } from '@pams/client-admin-data-access';
import { ErrorPanel, Loading } from '@pams/client-ui';
import { ConfirmDialog } from '../shared/confirm-dialog.js';
import { formatTime } from '../shared/format.js';
import { CELL, TableHead } from '../shared/table-head.js';
import { DryRunCounts, DryRunRows } from './dry-run-rows.js';
import { isRunning, kindLabel, POLL_MS, STATUS_LABEL } from './legacy-import-params.js';
import { StepAlert, UndoBlockers, useLegacySteps, type LegacySteps, type StepSource } from './legacy-steps.js';
import { MappingForm } from './mapping-form.js';
import { ProgressBar } from './progress-bar.js';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

const STEP_LABEL = { STAGING: 'Reading the file', CHECKING: 'Dry run', COMMITTING: 'Commit', UNDOING: 'Undo' } as const;

function PostChecks({ imp }: { imp: LegacyImportView }) {
  if (!imp.postChecks || imp.postChecks.length === 0) return null;
  return (
    <table aria-label="Post-checks" data-testid="legacy-post-checks" style={{ borderCollapse: 'collapse' }}>
      <TableHead columns={['Check', 'Before', 'After', 'Expected', 'Result']} />
      <tbody>
        {imp.postChecks.map((c) => (
          <tr key={c.name} data-check={c.name} data-ok={c.ok}>
            <td style={CELL}>{c.name}</td>
            <td style={CELL}>{c.before}</td>
            <td style={CELL}>{c.after}</td>
            <td style={CELL}>{c.expected}</td>
            <td style={CELL} className={c.ok ? undefined : 'pams-error-text'}>
              {c.ok ? 'ok' : 'failed'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** After the dry run: the report, and the commit once confirmed. */
function CommitPanel({ imp, steps, onReload }: { imp: LegacyImportView; steps: LegacySteps; onReload(): void }) {
  const [confirming, setConfirming] = useState(false);
  const counts = imp.counts;
  if (!counts) return null;
  const commit = async () => {
    if (await steps.commit()) setConfirming(false);
  };
  return (
    <section className="pams-panel" aria-labelledby="legacy-commit-title" data-testid="legacy-commit">
      <h2 id="legacy-commit-title">Commit</h2>
      <p style={{ marginTop: 0 }}>
        <a href={`/legacy-imports/${encodeURIComponent(imp.id)}/report.csv`} download>
          Download diff report (CSV)
        </a>
      </p>
      <p className="pams-muted">
        The commit creates {plural(counts.new, 'record', 'records')} and changes {plural(counts.willChange, 'existing record', 'existing records')} in one transaction;
        rejected and unchanged rows are left out. It can be undone until someone edits what it wrote.
      </p>
      {!confirming ? <StepAlert steps={steps} source="commit" onReload={onReload} /> : null}
      <button type="button" className="pams-button" disabled={steps.busy || counts.new + counts.willChange === 0} onClick={() => setConfirming(true)}>
        Commit
      </button>
      {confirming ? (
        <ConfirmDialog
          title="Commit the import"
          confirmLabel="Commit"
          busy={steps.busy}
          error={steps.problem?.source === 'commit' ? steps.problem.problem.message : null}
          onConfirm={() => void commit()}
          onCancel={() => {
            setConfirming(false);
            steps.clearProblem();
          }}
        >
          <p style={{ margin: 0 }} data-testid="legacy-commit-summary">
            {plural(counts.new, 'record', 'records')} will be created and {plural(counts.willChange, 'record', 'records')} changed, from{' '}
            <code>{imp.fileName}</code>.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

/** Committed: what it did, its post-checks, and the undo once confirmed. */
function CommittedPanel({ imp, steps, onReload }: { imp: LegacyImportView; steps: LegacySteps; onReload(): void }) {
  const [confirming, setConfirming] = useState(false);
  const undo = async () => {
    await steps.undo();
    setConfirming(false);
  };
  return (
    <section className="pams-panel" aria-labelledby="legacy-committed-title" data-testid="legacy-committed">
      <h2 id="legacy-committed-title">Committed</h2>
      <p data-testid="legacy-applied">
        {plural(imp.createdRecords ?? 0, 'record', 'records')} created, {plural(imp.updatedRecords ?? 0, 'record', 'records')} updated
        {imp.committedByName ? ` by ${imp.committedByName}` : ''}, {formatTime(imp.committedAt)}.
      </p>
      <h3>Post-checks</h3>
      <PostChecks imp={imp} />
      {imp.undoBlockers && imp.undoBlockers.length > 0 && steps.problem?.problem.kind !== 'undoRefused' ? (
        <div className="pams-panel pams-panel-error" role="alert">
          <UndoBlockers total={imp.undoBlockers.length} rows={imp.undoBlockers} />
        </div>
      ) : null}
      <StepAlert steps={steps} source="undo" onReload={onReload} />
      <button type="button" className="pams-button" disabled={steps.busy} onClick={() => setConfirming(true)} style={{ marginTop: '.6rem' }}>
        Undo this import
      </button>
      {confirming ? (
        <ConfirmDialog title="Undo this import" confirmLabel="Undo the import" busy={steps.busy} onConfirm={() => void undo()} onCancel={() => setConfirming(false)}>
          <p style={{ margin: 0 }}>
            The {plural(imp.createdRecords ?? 0, 'record', 'records')} it created are removed and the {plural(imp.updatedRecords ?? 0, 'record', 'records')} it changed
            get their values back. It is refused if any of them was edited since.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

/** Where each step's problem shows at a status; elsewhere it shows under the header. */
function shownAt(status: LegacyImportView['status']): readonly StepSource[] {
  if (status === 'STAGED') return ['mapping'];
  if (status === 'CHECKED') return ['mapping', 'choices', 'commit'];
  if (status === 'COMMITTED') return ['undo'];
  return [];
}

function ImportBody({ imp, onReload }: { imp: LegacyImportView; onReload(): void }) {
  const steps = useLegacySteps(imp);
  const running = isRunning(imp.status);
  return (
    <>
      {running ? (
        <ProgressBar
          label={`${STEP_LABEL[imp.status as keyof typeof STEP_LABEL]} progress`}
          done={imp.progress?.done ?? 0}
          total={imp.progress?.total}
          message={imp.progress?.message ?? 'Waiting to start'}
        />
      ) : null}
      {imp.error ? (
        <p role="alert" className="pams-error-text" data-testid="legacy-error">
          {imp.error}
        </p>
      ) : null}
      {imp.status === 'CHECKED' && imp.counts ? <DryRunCounts counts={imp.counts} /> : null}
      {imp.status === 'STAGED' || imp.status === 'CHECKED' ? <MappingForm key={`${imp.id}:${imp.version}`} imp={imp} steps={steps} onReload={onReload} /> : null}
      {imp.status === 'CHECKED' ? (
        <>
          <DryRunRows imp={imp} steps={steps} onReload={onReload} />
          <CommitPanel imp={imp} steps={steps} onReload={onReload} />
        </>
      ) : null}
      {imp.status === 'COMMITTED' ? <CommittedPanel imp={imp} steps={steps} onReload={onReload} /> : null}
      {imp.status === 'UNDONE' ? (
        <section className="pams-panel" aria-labelledby="legacy-undone-title" data-testid="legacy-undone">
          <h2 id="legacy-undone-title">Undone</h2>
          <p>
            Undone {formatTime(imp.undoneAt)}: the records are as they were before the commit.
          </p>
          <PostChecks imp={imp} />
        </section>
      ) : null}
      {steps.problem && !shownAt(imp.status).includes(steps.problem.source) ? <StepAlert steps={steps} source={steps.problem.source} onReload={onReload} /> : null}
    </>
  );
}

/**
 * One import, followed while a step runs (every second, and while its file is still uploading): its
 * status and figures, then what can be done at that step.
 */
export function ImportPanel({ id, uploading, onClose }: { id: string; uploading: boolean; onClose(): void }) {
  const { data, error, refetch, startPolling, stopPolling } = useQuery(LegacyImportDocument, { variables: { id } });
  const imp = data?.legacyImport ? legacyImportView(data.legacyImport) : null;
  const polling = uploading || (imp !== null && isRunning(imp.status));
  useEffect(() => {
    if (!polling) return;
    startPolling(POLL_MS);
    return () => stopPolling();
  }, [polling, startPolling, stopPolling]);
  const reload = () => void refetch();

  return (
    <section aria-labelledby="legacy-import-title" data-testid="legacy-import" data-status={imp?.status ?? (uploading ? 'UPLOADING' : 'UNKNOWN')}>
      <div className="pams-page-head">
        <h2 id="legacy-import-title">{imp ? `${kindLabel(imp.kind)} from ${imp.fileName}` : 'Import'}</h2>
        <button type="button" className="pams-button pams-button-quiet" onClick={onClose}>
          Close
        </button>
      </div>
      {error && !data ? (
        <ErrorPanel title="The import could not be loaded" onRetry={reload}>
          <p>{error.message}</p>
        </ErrorPanel>
      ) : !imp ? (
        uploading ? (
          <ProgressBar label="Upload progress" done={0} total={null} message="Sending the file…" />
        ) : data ? (
          <p className="pams-muted">No such import.</p>
        ) : (
          <Loading label="Loading the import…" />
        )
      ) : (
        <>
          <p data-testid="legacy-status">
            <strong>{STATUS_LABEL[imp.status]}</strong> · {plural(imp.stagedRows, 'row', 'rows')} read · uploaded by {imp.uploadedByName}, {formatTime(imp.createdAt)}
            {imp.checkedAt ? ` · dry run ${formatTime(imp.checkedAt)}` : ''}
          </p>
          <ImportBody imp={imp} onReload={reload} />
        </>
      )}
    </section>
  );
}
