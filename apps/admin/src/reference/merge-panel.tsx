import { useState } from 'react';
import { useApolloClient, useMutation, useQuery } from '@pams/client-graphql';
import {
  MergeReferencesDocument,
  ReferenceMergePreviewDocument,
  ReferenceMergesDocument,
  UndoReferenceMergeDocument,
  type ReferenceMergeKind,
  type ReferenceMergePreviewQuery,
} from '@pams/client-admin-data-access';
import { formatTime } from '../shared/format.js';

type Preview = Extract<ReferenceMergePreviewQuery['referenceMergePreview'], { __typename: 'ReferenceMergePreview' }>;

export interface MergeCandidate {
  id: string;
  name: string;
}

const COUNT_LABELS: [keyof Preview['counts'], string][] = [
  ['accounts', 'accounts'],
  ['primaryUseCases', 'projects (primary use case)'],
  ['secondaryUseCaseProjects', 'projects (secondary use cases)'],
  ['secondaryUseCaseLinks', 'secondary use-case links'],
  ['industryUseCases', 'industry use cases'],
  ['reportPresets', 'report presets'],
  ['monthlyReportOverrides', 'monthly report overrides'],
];

/**
 * Merging industries or use cases (P-005): the records chosen, the merged name, the base; Preview shows what
 * moves and what blocks; Merge sends the versions the preview saw, so a record changed meanwhile is refused.
 */
export function MergePanel({ kind, records, onDone, onCancel }: { kind: ReferenceMergeKind; records: readonly MergeCandidate[]; onDone: (message: string) => void; onCancel: () => void }) {
  const client = useApolloClient();
  const [baseId, setBaseId] = useState(records[0].id);
  const [name, setName] = useState(records[0].name);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [merge] = useMutation(MergeReferencesDocument);
  const input = { kind, ids: records.map((r) => r.id), baseId, name: name.trim() };

  const runPreview = async () => {
    setBusy(true);
    setProblem(null);
    setPreview(null);
    try {
      const { data } = await client.query({ query: ReferenceMergePreviewDocument, variables: { input }, fetchPolicy: 'network-only' });
      const answer = data?.referenceMergePreview;
      if (answer?.__typename === 'ReferenceMergePreview') setPreview(answer);
      else setProblem(answer?.__typename === 'ValidationFailed' ? answer.fields.map((f) => f.message).join(' ') || answer.message : 'No answer from the server.');
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!preview) return;
    setBusy(true);
    setProblem(null);
    try {
      const expectedVersions = [preview.base, ...preview.merged].map((r) => ({ id: r.id, version: r.version }));
      const { data } = await merge({ variables: { input, expectedVersions } });
      const answer = data?.mergeReferences;
      if (answer?.__typename === 'ReferenceMerge') onDone(`Merged ${records.length} records into "${answer.name}". The merge can be undone from the journal below.`);
      else {
        setPreview(null);
        setProblem(answer && 'message' in answer ? answer.message : 'No answer from the server.');
      }
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const blocked = !!preview && preview.blockers.length > 0;
  return (
    <div className="pams-panel" role="dialog" aria-label="Merge records" data-testid="merge-panel" style={{ maxWidth: 'none', margin: '0 0 .8rem' }}>
      <strong>Merge {records.length} records</strong>
      <p className="pams-muted" style={{ margin: '.3rem 0' }}>{records.map((r) => r.name).join(', ')}</p>
      <div className="pams-toolbar">
        <label className="pams-field">
          Keep as the base
          <select
            className="pams-select"
            value={baseId}
            onChange={(e) => {
              setBaseId(e.target.value);
              setName(records.find((r) => r.id === e.target.value)?.name ?? name);
              setPreview(null);
            }}
          >
            {records.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label className="pams-field">
          Merged name
          <input
            className="pams-input"
            value={name}
            maxLength={120}
            onChange={(e) => {
              setName(e.target.value);
              setPreview(null);
            }}
          />
        </label>
        <button type="button" className="pams-button" disabled={busy || name.trim() === ''} onClick={() => void runPreview()}>
          Preview
        </button>
        <button type="button" className="pams-button pams-button-quiet" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
      {problem && (
        <p className="pams-error-text" role="alert">
          {problem}
        </p>
      )}
      {preview && (
        <div data-testid="merge-preview">
          <p style={{ margin: '.3rem 0' }}>What moves to "{name.trim()}":</p>
          <ul style={{ margin: '0 0 .5rem' }}>
            {COUNT_LABELS.filter(([key]) => preview.counts[key] > 0).map(([key, label]) => (
              <li key={key}>
                {preview.counts[key]} {label}
              </li>
            ))}
            {COUNT_LABELS.every(([key]) => preview.counts[key] === 0) && <li>No references: only the records change.</li>}
          </ul>
          {blocked ? (
            <ul className="pams-error-text">
              {preview.blockers.map((b) => (
                <li key={b.code}>{b.message}</li>
              ))}
            </ul>
          ) : (
            <button type="button" className="pams-button" disabled={busy} onClick={() => void confirm()}>
              Merge into "{name.trim()}"
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/** The merges of a kind, newest first, each undoable until undone (refused, naming the rows, when they changed since). */
export function MergeJournal({ kind, onUndone }: { kind: ReferenceMergeKind; onUndone: (message: string) => void }) {
  const { data, refetch } = useQuery(ReferenceMergesDocument, { variables: { kind }, fetchPolicy: 'cache-and-network' });
  const [undo] = useMutation(UndoReferenceMergeDocument);
  const [problem, setProblem] = useState<string | null>(null);
  const merges = data?.referenceMerges ?? [];
  if (merges.length === 0) return null;
  const run = async (id: string, version: number) => {
    setProblem(null);
    try {
      const { data: answer } = await undo({ variables: { id, expectedVersion: version } });
      const result = answer?.undoReferenceMerge;
      if (result?.__typename === 'ReferenceMerge') onUndone('The merge was undone: the records and their references are as they were.');
      else if (result?.__typename === 'ReferenceMergeChangedSince') setProblem(`${result.message} ${result.rows.map((r) => `${r.entityType} ${r.label ?? ''}`.trim()).join(', ')}`);
      else setProblem(result && 'message' in result ? result.message : 'No answer from the server.');
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      void refetch();
    }
  };
  return (
    <section aria-label="Merge journal" style={{ marginTop: '1rem' }}>
      <h2>Merge journal</h2>
      {problem && (
        <p className="pams-error-text" role="alert">
          {problem}
        </p>
      )}
      <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="merge-journal">
        {merges.map((m) => (
          <li key={m.id} style={{ padding: '.25rem 0', borderBottom: '1px solid var(--pams-line)' }}>
            <span className="pams-muted">{formatTime(m.createdAt)}</span> · {m.mergedIds.length} merged into <strong>{m.name}</strong>
            {m.undoneAt ? (
              <span className="pams-muted"> · undone {formatTime(m.undoneAt)}</span>
            ) : (
              <>
                {' '}
                ·{' '}
                <button type="button" className="pams-link-button" onClick={() => void run(m.id, m.version)}>
                  Undo
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
