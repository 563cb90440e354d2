import { useEffect, useRef, useState } from 'react';
import { useApolloClient, useMutation } from '@pams/client-graphql';
import { DeleteActivityDocument, DiscardDraftDocument, editableActivity, type EditableActivity } from '@pams/client-activities-data-access';
import { Link, navigate, Notice } from '@pams/client-ui';
import { describeValue, differingFields, FIELD_LABELS, fieldsFor, monthOfDate, toFormValues, type FormValues } from './form-model.js';
import { evictMonths, forgetActivities, forgetDrafts } from './month-cache.js';

/** A delete refused because the activity changed meanwhile; the server keeps it as a Draft (P-008). */
export interface DeleteConflictState {
  /** The server's copy now. */
  current: EditableActivity;
  /** The Draft that keeps the delete; deleting with it discards it. */
  draftId: string;
  /** The copy the user decided on, when known: only what changed since is shown. */
  before?: EditableActivity;
}

export type DeleteOutcome =
  | { kind: 'deleted'; month: string }
  | { kind: 'conflict'; state: DeleteConflictState }
  /** Someone else deleted it first: nothing is left to do (the kept delete is discarded). */
  | { kind: 'gone'; month: string }
  | { kind: 'failed'; message: string };

/**
 * deleteActivity with the version the user saw (and the Draft being retried). On success the month
 * lists holding the activity are dropped from the cache, so the month view shows it gone, with its
 * totals, without a reload.
 */
export function useDeleteActivity() {
  const client = useApolloClient();
  const [mutate, { loading }] = useMutation(DeleteActivityDocument);
  const [discard] = useMutation(DiscardDraftDocument);
  const run = async (seen: Pick<EditableActivity, 'id' | 'version' | 'date'>, draftId: string | null = null): Promise<DeleteOutcome> => {
    const { data } = await mutate({ variables: { id: seen.id, expectedVersion: seen.version, draftId } });
    const result = data?.deleteActivity;
    if (!result) return { kind: 'failed', message: 'No answer from the server: the activity may not be deleted. Try again.' };
    switch (result.__typename) {
      case 'Activity':
        forgetActivities(client, [result.id], [seen.date, result.date]);
        if (draftId) forgetDrafts(client.cache);
        return { kind: 'deleted', month: monthOfDate(result.date) };
      case 'VersionConflict': {
        const current = editableActivity(result.current);
        if (!current.deletedAt) return { kind: 'conflict', state: { current, draftId: result.draft.id } };
        await discard({ variables: { id: result.draft.id } });
        forgetActivities(client, [current.id], [seen.date, current.date]);
        forgetDrafts(client.cache);
        return { kind: 'gone', month: monthOfDate(current.date) };
      }
      default:
        return { kind: 'failed', message: result.message };
    }
  };
  return { run, deleting: loading };
}

/** The fields a summary of one activity shows: date, type, effort and what its type takes, when set. */
function summaryFields(values: FormValues): (keyof FormValues)[] {
  const fields: (keyof FormValues)[] = ['date', 'type', 'effort', ...fieldsFor(values.type)];
  return fields.filter((field) => values[field] !== '');
}

/**
 * A delete that met a conflict, right after it (`mode: 'conflict'`, the edit page) or resumed from the
 * Drafts page (`mode: 'draft'`): the activity as it is now, then delete it with the current version
 * (discarding the Draft) or keep it (discarding the Draft). A new conflict shows what changed again.
 */
export function DeleteConflictView({ state: initial, mode }: { state: DeleteConflictState; mode: 'conflict' | 'draft' }) {
  const client = useApolloClient();
  const [state, setState] = useState(initial);
  const { run, deleting } = useDeleteActivity();
  const [discard, discarding] = useMutation(DiscardDraftDocument);
  const [failure, setFailure] = useState<string | null>(null);
  const [goneMonth, setGoneMonth] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), [state]);

  const now = toFormValues(state.current);
  const before = state.before ? toFormValues(state.before) : null;
  const fields = before ? differingFields(before, now) : summaryFields(now);
  const names: Record<string, string> = {};
  for (const ref of [state.before?.account, state.before?.project, state.current.account, state.current.project]) if (ref) names[ref.id] = ref.name;

  const deleteNow = async () => {
    setFailure(null);
    const outcome = await run(state.current, state.draftId);
    switch (outcome.kind) {
      case 'deleted':
        return navigate(`/activities?month=${outcome.month}`);
      case 'conflict':
        return setState({ ...outcome.state, before: state.current });
      case 'gone':
        return setGoneMonth(outcome.month);
      default:
        return setFailure(outcome.message);
    }
  };
  const keep = async () => {
    setFailure(null);
    // Done or NotFound: either way the Draft is gone.
    await discard({ variables: { id: state.draftId } });
    forgetDrafts(client.cache);
    // It stays, but changed: the months that list it read it again.
    evictMonths(client, [state.current.date, state.before?.date ?? ''].map(monthOfDate));
    navigate(mode === 'draft' ? '/activities/drafts' : `/activities?month=${monthOfDate(state.current.date)}`);
  };

  if (goneMonth) {
    return (
      <Notice title="Someone else deleted this activity already">
        <Link href={`/activities?month=${goneMonth}`}>Back to the month</Link>
      </Notice>
    );
  }
  const busy = deleting || discarding.loading;
  return (
    <section data-testid="delete-conflict" className="pams-panel" style={{ maxWidth: '56rem' }}>
      <h2 ref={headingRef} tabIndex={-1}>
        {mode === 'conflict' || state.before ? 'Someone else changed this activity' : 'Delete this activity?'}
      </h2>
      <p>
        {mode === 'conflict' || state.before
          ? 'It changed after you opened it, so it was not deleted. Your delete is kept as a draft until you decide.'
          : 'Your delete was kept as a draft because someone else had changed the activity. This is it now.'}
      </p>
      {before && fields.length === 0 && <p className="pams-muted">None of its fields differ from what you saw.</p>}
      {fields.length > 0 && (
        <table style={{ borderCollapse: 'collapse', width: '100%', marginBottom: '1rem' }} aria-label={before ? 'What changed' : 'The activity now'}>
          <thead>
            <tr>
              <th style={{ textAlign: 'left' }}>Field</th>
              {before && <th style={{ textAlign: 'left' }}>When you opened it</th>}
              <th style={{ textAlign: 'left' }}>Now</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((field) => (
              <tr key={field} data-testid={`delete-conflict-${field}`} style={{ borderTop: '1px solid var(--pams-line)' }}>
                <th scope="row" style={{ textAlign: 'left', padding: '.4rem .6rem .4rem 0' }}>
                  {FIELD_LABELS[field]}
                </th>
                {before && <td style={{ padding: '.4rem .6rem' }}>{describeValue(before, field, names)}</td>}
                <td style={{ padding: '.4rem .6rem' }}>{describeValue(now, field, names)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {failure && (
        <p className="pams-error-text" role="alert" data-testid="delete-conflict-message">
          {failure}
        </p>
      )}
      <div style={{ display: 'flex', gap: '.6rem' }}>
        <button type="button" className="pams-button" disabled={busy} onClick={() => deleteNow().catch((error: Error) => setFailure(error.message))}>
          {deleting ? 'Deleting…' : mode === 'conflict' ? 'Delete anyway' : 'Delete now'}
        </button>
        <button type="button" className="pams-button pams-button-quiet" disabled={busy} onClick={() => keep().catch((error: Error) => setFailure(error.message))}>
          {mode === 'conflict' ? 'Cancel' : 'Discard draft'}
        </button>
      </div>
    </section>
  );
}
