import { useState } from 'react';
import { useApolloClient, useMutation } from '@pams/client-graphql';
import { editableActivity, fieldErrors, UpdateActivityDocument, type EditableActivity } from '@pams/client-activities-data-access';
import { ErrorPanel, navigate } from '@pams/client-ui';
import { describeValue, differingFields, FIELD_LABELS, monthOfDate, toFormValues, toInput, type FormValues } from './form-model.js';
import { evictMonths, forgetDrafts } from './month-cache.js';

export interface ConflictState {
  /** What the user typed (their form, or the input kept in the Draft). */
  mine: FormValues;
  /** The server's copy now. */
  current: EditableActivity;
  /** The Draft the server kept; the retry names it so it is discarded once it applies. */
  draftId: string;
  /** Names of accounts and projects the user's side refers to. */
  names?: Record<string, string>;
}

/**
 * Mine vs theirs, only the fields that differ, each taken from either side (P-007). Saving retries with
 * the server's version and the Draft's id; a new conflict starts the comparison again from the new copy.
 */
export function ConflictView({ state: initial }: { state: ConflictState }) {
  const client = useApolloClient();
  const [state, setState] = useState(initial);
  const [update, { loading }] = useMutation(UpdateActivityDocument);
  const [failure, setFailure] = useState<string | null>(null);
  const theirs = toFormValues(state.current);
  const fields = differingFields(state.mine, theirs);
  const [choice, setChoice] = useState<Record<string, 'mine' | 'theirs'>>({});
  const names: Record<string, string> = { ...state.names };
  if (state.current.account) names[state.current.account.id] = state.current.account.name;
  if (state.current.project) names[state.current.project.id] = state.current.project.name;

  const merged = (): FormValues => {
    const result = { ...theirs };
    for (const field of fields) {
      if ((choice[field] ?? 'mine') === 'mine') {
        Object.assign(result, field === 'effort' ? { effort: state.mine.effort, effortUnit: state.mine.effortUnit } : { [field]: state.mine[field] });
      }
    }
    return result;
  };

  const save = async () => {
    setFailure(null);
    const values = merged();
    const { data } = await update({ variables: { id: state.current.id, expectedVersion: state.current.version, input: toInput(values), draftId: state.draftId } });
    const result = data?.updateActivity;
    if (!result) return setFailure('The save did not go through; your edit is kept as a draft.');
    switch (result.__typename) {
      case 'Activity': {
        const saved = editableActivity(result);
        evictMonths(client, [monthOfDate(state.current.date), monthOfDate(saved.date)]);
        forgetDrafts(client.cache);
        navigate(`/activities?month=${monthOfDate(saved.date)}`);
        return;
      }
      case 'VersionConflict':
        setChoice({});
        setState({ mine: values, current: editableActivity(result.current), draftId: result.draft.id, names });
        return;
      case 'ValidationFailed':
        return setFailure(
          Object.entries(fieldErrors(result))
            .map(([field, text]) => `${FIELD_LABELS[field as keyof FormValues] ?? field}: ${text}`)
            .join(' '),
        );
      default:
        return setFailure(result.message);
    }
  };

  if (state.current.deletedAt) {
    return (
      <ErrorPanel title="This activity was deleted meanwhile">
        <p>Your edit is kept as a draft; discard it from the Drafts page.</p>
      </ErrorPanel>
    );
  }
  return (
    <section data-testid="conflict-view" className="pams-panel" style={{ maxWidth: '56rem' }}>
      <h2>Someone else changed this activity</h2>
      <p>
        {fields.length === 0
          ? 'Their version now matches yours.'
          : 'Choose, for each field that differs, whether to keep yours or take theirs. Your edit is kept as a draft until this is saved.'}
      </p>
      {fields.length > 0 && (
        <table style={{ borderCollapse: 'collapse', width: '100%', marginBottom: '1rem' }}>
          <thead>
            <tr>
              <th style={{ textAlign: 'left' }}>Field</th>
              <th style={{ textAlign: 'left' }}>Mine</th>
              <th style={{ textAlign: 'left' }}>Theirs</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((field) => {
              const picked = choice[field] ?? 'mine';
              const pick = (side: 'mine' | 'theirs') => setChoice((c) => ({ ...c, [field]: side }));
              return (
                <tr key={field} data-testid={`conflict-${field}`} style={{ borderTop: '1px solid var(--pams-line)' }}>
                  <th scope="row" style={{ textAlign: 'left', padding: '.4rem .6rem .4rem 0' }}>
                    {FIELD_LABELS[field]}
                  </th>
                  <td style={{ padding: '.4rem .6rem' }}>
                    <label>
                      <input type="radio" name={`pick-${field}`} checked={picked === 'mine'} onChange={() => pick('mine')} aria-label={`Keep mine for ${FIELD_LABELS[field]}`} />{' '}
                      {describeValue(state.mine, field, names)}
                    </label>
                  </td>
                  <td style={{ padding: '.4rem .6rem' }}>
                    <label>
                      <input type="radio" name={`pick-${field}`} checked={picked === 'theirs'} onChange={() => pick('theirs')} aria-label={`Take theirs for ${FIELD_LABELS[field]}`} />{' '}
                      {describeValue(theirs, field, names)}
                    </label>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {failure && (
        <p className="pams-error-text" role="alert">
          {failure}
        </p>
      )}
      <button type="button" className="pams-button" disabled={loading} onClick={() => save().catch((error: Error) => setFailure(`${error.message} Your edit is kept as a draft.`))}>
        {loading ? 'Saving…' : 'Save merged version'}
      </button>
    </section>
  );
}
