import { useCallback, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useApolloClient, useLiveEvents, useMutation, useQuery } from '@pams/client-graphql';
import {
  ActivityForEditDocument,
  ActivityFormBootstrapDocument,
  CreateActivityDocument,
  editableActivity,
  fieldErrors,
  UpdateActivityDocument,
  type EditableActivity,
} from '@pams/client-activities-data-access';
import type { RemoteRouteProps } from '@pams/shared-remote-contract';
import { ErrorPanel, Loading, navigate } from '@pams/client-ui';
import { ConfirmPanel } from '../shared/confirm-panel.js';
import { AttachmentsPanel } from '../shared/attachments-panel.js';
import { ActivityFields, type FieldErrors } from './activity-fields.js';
import { ConflictView, type ConflictState } from './conflict-view.js';
import { DeleteConflictView, useDeleteActivity, type DeleteConflictState } from './delete-activity.js';
import { emptyForm, monthOfDate, newClientId, toFormValues, toInput, type FormValues } from './form-model.js';
import { evictMonths } from './month-cache.js';

const ENABLEMENT_WITHOUT_EFFORT = 'ENABLEMENT_WITHOUT_EFFORT';

/** `/activities/new`: a new activity, dated by default with the last logged date (P-001). */
export function NewActivityPage() {
  const bootstrap = useQuery(ActivityFormBootstrapDocument, { fetchPolicy: 'cache-and-network' });
  if (bootstrap.error && !bootstrap.data) return <ErrorPanel title="The form could not be loaded" onRetry={() => void bootstrap.refetch()} />;
  // Wait for the server's answer: the default date must be the current last logged date, not a cached one.
  if (!bootstrap.data || bootstrap.loading) return <Loading label="Loading the form…" />;
  return <ActivityForm initial={emptyForm(bootstrap.data.bootstrap.defaultActivityDate)} activity={null} />;
}

/** `/activities/:id/edit`. */
export function EditActivityPage({ params }: RemoteRouteProps) {
  const result = useQuery(ActivityForEditDocument, { variables: { id: params.id }, fetchPolicy: 'network-only' });
  if (result.error) return <ErrorPanel title="The activity could not be loaded" onRetry={() => void result.refetch()} />;
  if (!result.data) return <Loading label="Loading the activity…" />;
  const activity = result.data.activity && editableActivity(result.data.activity);
  if (!activity || activity.deletedAt) return <ErrorPanel title="This activity does not exist (any more)" />;
  return <ActivityForm key={activity.id} initial={toFormValues(activity)} activity={activity} />;
}

function backToMonth(date: string) {
  navigate(date ? `/activities?month=${monthOfDate(date)}` : '/activities');
}

function ActivityForm({ initial, activity }: { initial: FormValues; activity: EditableActivity | null }) {
  const client = useApolloClient();
  // One id per form: pressing Save again after a lost answer repeats the same create, never a second one.
  const [clientId] = useState(newClientId);
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [conflict, setConflict] = useState<ConflictState | null>(null);
  const [create, creating] = useMutation(CreateActivityDocument);
  const [update, updating] = useMutation(UpdateActivityDocument);
  const saving = creating.loading || updating.loading;
  const stale = useStaleWarning(activity, saving);
  const { run: runDelete, deleting } = useDeleteActivity();
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [deleteConflict, setDeleteConflict] = useState<DeleteConflictState | null>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);

  const onChange = useCallback((patch: Partial<FormValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    setErrors((e) => {
      const next = { ...e };
      for (const key of Object.keys(patch)) delete next[key];
      if ('effort' in patch || 'effortUnit' in patch) {
        delete next.effortDays;
        delete next.effortHours;
      }
      return next;
    });
    if ('effort' in patch || 'type' in patch) setWarnings([]);
  }, []);

  const submit = async (acknowledge: string[] = []) => {
    if (values.type === '') return setErrors({ type: 'Choose a type.' });
    setMessage(null);
    const input = toInput(values, acknowledge);
    const result = activity
      ? (await update({ variables: { id: activity.id, expectedVersion: activity.version, input } })).data?.updateActivity
      : (await create({ variables: { input: { ...input, id: clientId } } })).data?.createActivity;
    if (!result) return setMessage('No answer from the server; press Save again (it will not create a duplicate).');
    switch (result.__typename) {
      case 'Activity': {
        const saved = editableActivity(result);
        evictMonths(client, [monthOfDate(saved.date), activity ? monthOfDate(activity.date) : '']);
        return backToMonth(saved.date);
      }
      case 'ValidationFailed':
        setErrors(fieldErrors(result));
        return setMessage(result.message);
      case 'NeedsAcknowledgement':
        return setWarnings(result.warnings);
      case 'VersionConflict':
        return setConflict({ mine: values, current: editableActivity(result.current), draftId: result.draft.id });
      default:
        return setMessage(result.message);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit().catch((error: Error) => setMessage(error.message));
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      backToMonth(activity?.date ?? '');
    }
  };

  const confirmDelete = async (seen: EditableActivity) => {
    setMessage(null);
    const outcome = await runDelete(seen);
    switch (outcome.kind) {
      case 'deleted':
      case 'gone':
        return navigate(`/activities?month=${outcome.month}`);
      case 'conflict':
        return setDeleteConflict({ ...outcome.state, before: seen });
      default:
        setConfirmingDelete(false);
        deleteButton.current?.focus();
        return setMessage(outcome.message);
    }
  };
  const cancelDelete = () => {
    setConfirmingDelete(false);
    deleteButton.current?.focus();
  };

  if (conflict) return <ConflictView state={conflict} />;
  if (deleteConflict) return <DeleteConflictView state={deleteConflict} mode="conflict" />;
  return (
    <section data-testid="activity-form" style={{ overflow: 'auto' }}>
      <div className="pams-page-head">
        <h1>{activity ? 'Edit activity' : 'New activity'}</h1>
        {activity ? (
          <a href={`/calendar/activities/${activity.id}.ics`} download data-testid="activity-calendar">
            Add to calendar
          </a>
        ) : null}
      </div>
      <form onSubmit={onSubmit} onKeyDown={onKeyDown} aria-label={activity ? 'Edit activity' : 'New activity'} noValidate>
        <ActivityFields values={values} errors={errors} onChange={onChange} initialAccount={activity?.account} />
        {warnings.includes(ENABLEMENT_WITHOUT_EFFORT) && (
          <div className="pams-panel" role="alert" data-testid="enablement-warning" style={{ marginBottom: '.8rem' }}>
            <p>Enablement without effort: is that intended? Give the effort, or save it without.</p>
            <button type="button" className="pams-button" disabled={saving} onClick={() => submit(warnings).catch((error: Error) => setMessage(error.message))}>
              Save without effort
            </button>
          </div>
        )}
        {stale && !conflict && (
          <div className="pams-panel" role="status" data-testid="stale-warning" style={{ marginBottom: '.8rem' }}>
            <p>
              {stale === 'deleted'
                ? 'This activity was deleted elsewhere since you opened it.'
                : 'This activity was changed elsewhere since you opened it. Saving shows both versions field by field, so nothing is lost.'}
            </p>
          </div>
        )}
        {message && (
          <p className="pams-error-text" role="alert" data-testid="form-message">
            {message}
          </p>
        )}
        <div style={{ display: 'flex', gap: '.6rem' }}>
          <button type="submit" className="pams-button" disabled={saving || deleting}>
            {saving ? 'Saving…' : 'Save'}
          </button>
          <button type="button" className="pams-button pams-button-quiet" onClick={() => backToMonth(activity?.date ?? '')}>
            Cancel
          </button>
          {activity && (
            <button
              type="button"
              ref={deleteButton}
              className="pams-button pams-button-quiet"
              style={{ marginLeft: 'auto' }}
              data-testid="delete-activity"
              aria-expanded={confirmingDelete}
              disabled={saving || deleting}
              onClick={() => setConfirmingDelete(true)}
            >
              Delete
            </button>
          )}
        </div>
      </form>
      {activity && confirmingDelete && (
        <ConfirmPanel
          testId="delete-confirm"
          title="Delete this activity? It leaves the month and its totals."
          action={deleting ? 'Deleting…' : 'Delete'}
          busy={deleting}
          onConfirm={() => confirmDelete(activity).catch((error: Error) => setMessage(error.message))}
          onCancel={cancelDelete}
          style={{ marginTop: '1rem' }}
        />
      )}
      {activity ? <AttachmentsPanel owner={{ type: 'ACTIVITY', id: activity.id }} /> : null}
    </section>
  );
}

/**
 * The open form learns from the tab's live stream that its activity changed after it was loaded (by another
 * tab, a manager, a bulk edit), before Save: Save then opens the field-by-field merge, as a stale save does.
 * Events that arrive while this form is saving are its own.
 */
function useStaleWarning(activity: EditableActivity | null, saving: boolean): 'changed' | 'deleted' | null {
  const [stale, setStale] = useState<'changed' | 'deleted' | null>(null);
  useLiveEvents((message) => {
    const e = message.event;
    if (!activity || saving || message.kind !== 'EVENT' || !e || e.entityType !== 'Activity' || e.entityId !== activity.id) return;
    const version = e.changes.find((c) => c.field === 'version')?.after;
    if (typeof version === 'number' && version <= activity.version) return;
    const deleted = e.action.endsWith('.deleted') || e.changes.some((c) => c.field === 'deletedAt' && c.after != null);
    setStale(deleted ? 'deleted' : 'changed');
  });
  return stale;
}
