import { useState } from 'react';
import { CombinedGraphQLErrors, useApolloClient } from '@pams/client-graphql';
import { runAdminCommand, type AdminUserProfile, type CommandInput, type CommandOutcome, type Role } from '@pams/client-admin-data-access';
import { ConfirmDialog } from '../shared/confirm-dialog.js';
import { humanize } from '../shared/format.js';
import { confirmLabel, type CommandSpec } from './command-specs.js';
import { ROLES } from './user-params.js';

interface CommandDialogProps {
  spec: CommandSpec;
  user: AdminUserProfile;
  regions: readonly { id: string; name: string }[];
  onDone(outcome: CommandOutcome): void;
  onCancel(): void;
}

/** A failure of the request itself, in plain words (user errors are answers, shown by the page). */
function plainError(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) return `The server refused the command: ${error.errors.map((e) => e.message).join('; ')}`;
  return `The command could not be sent (${error instanceof Error ? error.message : String(error)}). Nothing was changed; try again.`;
}

/** Confirms one command: its arguments, "now" or a time, then it runs; refusals stay in the dialog. */
export function CommandDialog({ spec, user, regions, onDone, onCancel }: CommandDialogProps) {
  const client = useApolloClient();
  const [input, setInput] = useState<CommandInput>({
    runAt: null,
    role: user.role,
    regionIds: user.regions.map((r) => r.id),
    defaultRegionId: user.defaultRegionId,
    subject: '',
    message: '',
    title: '',
    description: '',
    dueDate: new Date().toISOString().slice(0, 10),
    priority: 3,
  });
  const [later, setLater] = useState(false);
  const [runAtLocal, setRunAtLocal] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<CommandInput>) => setInput((i) => ({ ...i, ...patch }));

  const confirm = async () => {
    const runAt = later ? (runAtLocal ? new Date(runAtLocal).toISOString() : '') : null;
    if (runAt === '') return setError('Choose when it should run.');
    setBusy(true);
    setError(null);
    try {
      const outcome = await runAdminCommand(client, spec.kind, user, { ...input, runAt });
      if (outcome.kind === 'refused') {
        setError([outcome.message, ...outcome.fields.map((f) => `${f.field}: ${f.message}`)].join(' '));
      } else {
        onDone(outcome);
      }
    } catch (caught) {
      setError(plainError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog title={`${spec.label}: ${user.name}`} confirmLabel={confirmLabel(spec, user, later)} busy={busy} error={error} onConfirm={() => void confirm()} onCancel={onCancel}>
      <p style={{ margin: 0 }}>{spec.explain(user)}</p>
      {spec.kind === 'NOTIFY' && (
        <>
          <label className="pams-field">
            Subject (3–160 characters)
            <input className="pams-input" value={input.subject} maxLength={160} onChange={(e) => set({ subject: e.target.value })} />
          </label>
          <label className="pams-field">
            Message (3–5,000 characters)
            <textarea className="pams-input" rows={5} value={input.message} maxLength={5000} onChange={(e) => set({ message: e.target.value })} />
          </label>
        </>
      )}
      {spec.kind === 'SCHEDULE_REVIEW' && (
        <>
          <label className="pams-field">
            Title (3–160 characters)
            <input className="pams-input" value={input.title} maxLength={160} onChange={(e) => set({ title: e.target.value })} />
          </label>
          <label className="pams-field">
            Description
            <textarea className="pams-input" rows={3} value={input.description} onChange={(e) => set({ description: e.target.value })} />
          </label>
          <label className="pams-field">
            Due date
            <input className="pams-input" type="date" value={input.dueDate} onChange={(e) => set({ dueDate: e.target.value })} />
          </label>
          <label className="pams-field">
            Priority (1 is highest)
            <select className="pams-select" value={input.priority} onChange={(e) => set({ priority: Number(e.target.value) })}>
              {[1, 2, 3, 4, 5].map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
      {spec.kind === 'CHANGE_ROLE' && (
        <label className="pams-field">
          New role
          <select className="pams-select" value={input.role} onChange={(e) => set({ role: e.target.value as Role })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {humanize(r)}
              </option>
            ))}
          </select>
        </label>
      )}
      {spec.kind === 'CHANGE_REGIONS' && (
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend className="pams-muted">Regions</legend>
          {regions.map((r) => (
            <label key={r.id} style={{ display: 'block' }}>
              <input
                type="checkbox"
                checked={input.regionIds?.includes(r.id) ?? false}
                onChange={(e) => {
                  const ids = e.target.checked ? [...(input.regionIds ?? []), r.id] : (input.regionIds ?? []).filter((id) => id !== r.id);
                  set({ regionIds: ids, defaultRegionId: ids.includes(input.defaultRegionId ?? '') ? input.defaultRegionId : (ids[0] ?? null) });
                }}
              />{' '}
              {r.name}
            </label>
          ))}
          <label className="pams-field">
            Default region
            <select className="pams-select" value={input.defaultRegionId ?? ''} onChange={(e) => set({ defaultRegionId: e.target.value || null })}>
              <option value="">None</option>
              {regions
                .filter((r) => input.regionIds?.includes(r.id))
                .map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
            </select>
          </label>
        </fieldset>
      )}
      <label>
        <input type="checkbox" checked={later} onChange={(e) => setLater(e.target.checked)} /> Run it later
      </label>
      {later && (
        <label className="pams-field">
          Run at (your time)
          <input className="pams-input" type="datetime-local" value={runAtLocal} onChange={(e) => setRunAtLocal(e.target.value)} />
        </label>
      )}
    </ConfirmDialog>
  );
}
