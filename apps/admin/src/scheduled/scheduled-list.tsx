import { useState } from 'react';
import { useMutation } from '@pams/client-graphql';
import { CancelScheduledCommandDocument, type ScheduledCommandRow } from '@pams/client-admin-data-access';
import { ConfirmDialog } from '../shared/confirm-dialog.js';
import { formatTime, humanize } from '../shared/format.js';

/** A short list of scheduled commands (a user's own: at most 50) with Cancel on the pending ones. */
export function ScheduledList({ commands, showTarget, onChanged }: { commands: readonly ScheduledCommandRow[]; showTarget: boolean; onChanged(): void }) {
  const [cancelling, setCancelling] = useState<ScheduledCommandRow | null>(null);
  if (commands.length === 0) return <p className="pams-muted">None.</p>;
  return (
    <>
      <ul aria-label="Scheduled commands" style={{ paddingLeft: '1.2rem' }}>
        {commands.map((c) => (
          <li key={c.id} style={{ marginBottom: '.3rem' }}>
            <ScheduledLine command={c} showTarget={showTarget} />{' '}
            {c.status === 'PENDING' && (
              <button type="button" className="pams-link-button" onClick={() => setCancelling(c)}>
                Cancel
              </button>
            )}
          </li>
        ))}
      </ul>
      {cancelling && (
        <CancelDialog
          command={cancelling}
          onClose={(changed) => {
            setCancelling(null);
            if (changed) onChanged();
          }}
        />
      )}
    </>
  );
}

export function ScheduledLine({ command: c, showTarget }: { command: ScheduledCommandRow; showTarget: boolean }) {
  return (
    <span>
      <strong>{humanize(c.kind)}</strong>
      {showTarget ? ` for ${c.target.name}` : ''} at {formatTime(c.runAt)} · {humanize(c.status)}
      {c.outcome ? ` · ${c.outcome}` : ''} <span className="pams-muted">(by {c.actor.name})</span>
    </span>
  );
}

/** Confirms cancelling one pending command; a refusal (it ran meanwhile) is said in plain words. */
export function CancelDialog({ command, onClose }: { command: ScheduledCommandRow; onClose(changed: boolean): void }) {
  const [cancel, { loading }] = useMutation(CancelScheduledCommandDocument);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setError(null);
    try {
      const { data } = await cancel({ variables: { id: command.id } });
      const result = data?.cancelScheduledCommand;
      if (result && result.__typename !== 'ScheduledCommand') setError(result.message);
      else onClose(true);
    } catch (caught) {
      setError(`The cancel could not be sent (${caught instanceof Error ? caught.message : String(caught)}). Try again.`);
    }
  };
  return (
    <ConfirmDialog
      title={`Cancel: ${humanize(command.kind)} for ${command.target.name}`}
      confirmLabel="Cancel the command"
      busy={loading}
      error={error}
      onConfirm={() => void confirm()}
      onCancel={() => onClose(error !== null)}
    >
      <p style={{ margin: 0 }}>It was to run at {formatTime(command.runAt)}. Cancelled, it never runs.</p>
    </ConfirmDialog>
  );
}
