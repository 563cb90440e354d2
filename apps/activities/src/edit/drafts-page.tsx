import { useState } from 'react';
import { useMutation, useQuery } from '@pams/client-graphql';
import { DiscardDraftDocument, DraftsDocument, editableActivity, ResumeDraftDocument } from '@pams/client-activities-data-access';
import type { RemoteRouteProps } from '@pams/shared-remote-contract';
import { ErrorPanel, Link, Loading, navigate, Notice } from '@pams/client-ui';
import { ACTIVITY_TYPE_LABELS } from '@pams/shared-util';
import { ConflictView } from './conflict-view.js';
import { DeleteConflictView } from './delete-activity.js';
import { toFormValues, type FormValues } from './form-model.js';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** `/activities/drafts`: edits the server kept when they met a conflict (P-008); they survive reloads and devices. */
export function DraftsPage() {
  // Always from the server: a draft made on another device must show.
  const drafts = useQuery(DraftsDocument, { fetchPolicy: 'network-only' });
  const [discard, discarding] = useMutation(DiscardDraftDocument);
  const [failure, setFailure] = useState<string | null>(null);
  if (drafts.error) return <ErrorPanel title="The drafts could not be loaded" onRetry={() => void drafts.refetch()} />;
  if (!drafts.data) return <Loading label="Loading drafts…" />;
  const list = drafts.data.drafts;
  return (
    <section data-testid="drafts-page">
      <div className="pams-page-head">
        <h1>Drafts</h1>
        <Link href="/activities">Back to activities</Link>
      </div>
      {list.length === 0 ? (
        <p className="pams-muted" data-testid="drafts-empty">
          No pending drafts.
        </p>
      ) : (
        <ul aria-label="Pending drafts" style={{ listStyle: 'none', padding: 0, display: 'flex', flexDirection: 'column', gap: '.5rem' }}>
          {list.map((draft) => {
            const input = (draft.input ?? {}) as Partial<FormValues> & { type?: keyof typeof ACTIVITY_TYPE_LABELS };
            const what = draft.operation === 'DELETE' ? 'Delete' : `${input.type ? ACTIVITY_TYPE_LABELS[input.type] : 'Activity'}${input.name ? ` · ${input.name}` : ''}${input.date ? ` · ${input.date}` : ''}`;
            return (
              <li key={draft.id} className="pams-panel" data-testid="draft-item" style={{ display: 'flex', gap: '1rem', alignItems: 'center', maxWidth: '56rem' }}>
                <span style={{ flex: 1 }}>
                  {what} <span className="pams-muted">— kept {timeFormat.format(new Date(draft.updatedAt))}</span>
                </span>
                <Link href={`/activities/drafts/${draft.id}`}>Resume</Link>
                <button
                  type="button"
                  className="pams-button pams-button-quiet"
                  disabled={discarding.loading}
                  onClick={() => {
                    setFailure(null);
                    void discard({ variables: { id: draft.id } })
                      .then(() => drafts.refetch())
                      .catch((error: Error) => setFailure(`The draft could not be discarded (${error.message}). Try again.`));
                  }}
                >
                  Discard
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {failure && (
        <p className="pams-error-text" role="alert">
          {failure}
        </p>
      )}
    </section>
  );
}

/**
 * `/activities/drafts/:id`: the draft against the server's copy now. An edit opens the conflict view;
 * a delete shows the activity as it is now, to delete with the current version or to discard.
 */
export function ResumeDraftPage({ params }: RemoteRouteProps) {
  const result = useQuery(ResumeDraftDocument, { variables: { id: params.id }, fetchPolicy: 'network-only' });
  const [discard, discarding] = useMutation(DiscardDraftDocument);
  const [failure, setFailure] = useState<string | null>(null);
  if (result.error) return <ErrorPanel title="The draft could not be loaded" onRetry={() => void result.refetch()} />;
  if (!result.data) return <Loading label="Loading the draft…" />;
  const resumed = result.data.resumeDraft;
  if (resumed.__typename === 'NotFound') return <ErrorPanel title="This draft is gone">{resumed.message}</ErrorPanel>;
  const current = resumed.current && editableActivity(resumed.current);
  const isDelete = resumed.draft.operation === 'DELETE';
  // A delete draft has no input (DraftNode.input is null for DELETE); an edit draft always has one.
  if (!current || current.deletedAt || (!isDelete && !resumed.draft.input)) {
    return (
      <Notice title="The activity no longer exists">
        <p>{isDelete ? 'What you wanted to delete is gone already.' : 'Your edit has nothing left to apply to.'}</p>
        <div style={{ display: 'flex', gap: '.6rem', alignItems: 'center' }}>
          <button
            type="button"
            className="pams-button"
            disabled={discarding.loading}
            onClick={() => {
              setFailure(null);
              void discard({ variables: { id: resumed.draft.id } })
                .then(() => navigate('/activities/drafts'))
                .catch((error: Error) => setFailure(`The draft could not be discarded (${error.message}). Try again.`));
            }}
          >
            Discard draft
          </button>
          <Link href="/activities/drafts">Back to drafts</Link>
        </div>
        {failure && (
          <p className="pams-error-text" role="alert">
            {failure}
          </p>
        )}
      </Notice>
    );
  }
  if (isDelete) return <DeleteConflictView key={resumed.draft.id} state={{ current, draftId: resumed.draft.id }} mode="draft" />;
  const mine = toFormValues(resumed.draft.input as Record<string, unknown>, current.date);
  return <ConflictView key={resumed.draft.id} state={{ mine, current, draftId: resumed.draft.id }} />;
}
