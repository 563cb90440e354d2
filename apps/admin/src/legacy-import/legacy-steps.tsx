import { useCallback, useState } from 'react';
import { useApolloClient, useMutation } from '@pams/client-graphql';
import {
  CheckLegacyImportDocument,
  ChooseLegacyValuesDocument,
  CommitLegacyImportDocument,
  legacyImportAnswer,
  LegacyImportFieldsFragmentDoc,
  MapLegacyImportDocument,
  UndoLegacyImportDocument,
  type LegacyImportAnswer,
  type LegacyImportView,
  type LegacyValueChoice,
} from '@pams/client-admin-data-access';
import { CELL, NUMBER, TableHead } from '../shared/table-head.js';

/** Where a step was asked from: its problem is shown there. */
export type StepSource = 'mapping' | 'choices' | 'commit' | 'undo';

export type StepProblem = Exclude<LegacyImportAnswer, { kind: 'done' }> | { kind: 'error'; message: string };

export interface Choice {
  take: LegacyValueChoice;
  /** One conflicting row; none for every row. */
  rowNumber?: number;
  /** One property; none for every differing field. */
  field?: string;
}

export interface LegacySteps {
  /** A step is being sent: every step button waits. */
  busy: boolean;
  problem: { source: StepSource; problem: StepProblem } | null;
  clearProblem(): void;
  map(columns: readonly { field: string; column: number | null }[]): Promise<LegacyImportView | null>;
  /** The dry run, from `version` (the mapping just saved) or the import's. */
  check(version?: number): Promise<LegacyImportView | null>;
  choose(choice: Choice): Promise<LegacyImportView | null>;
  commit(): Promise<LegacyImportView | null>;
  undo(): Promise<LegacyImportView | null>;
}

/**
 * The steps of one import, each sent with the version the page shows: the import after it (the cache
 * holds it, so the page follows), or the problem in the server's words for where it was asked.
 */
export function useLegacySteps(imp: LegacyImportView): LegacySteps {
  // The answers' fragment is on the union, which the cache cannot match without possibleTypes: they are
  // taken as the server sent them (no-cache), and the import they carry is written to the cache by hand.
  const [mapImport] = useMutation(MapLegacyImportDocument, { fetchPolicy: 'no-cache' });
  const [checkImport] = useMutation(CheckLegacyImportDocument, { fetchPolicy: 'no-cache' });
  const [chooseValues] = useMutation(ChooseLegacyValuesDocument, { fetchPolicy: 'no-cache', refetchQueries: ['LegacyImportRows'], awaitRefetchQueries: true });
  const [commitImport] = useMutation(CommitLegacyImportDocument, { fetchPolicy: 'no-cache' });
  const [undoImport] = useMutation(UndoLegacyImportDocument, { fetchPolicy: 'no-cache' });
  const { cache } = useApolloClient();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<LegacySteps['problem']>(null);
  const { id, version } = imp;

  // The import after the step (or as it is now), so the page and its polling follow it at once.
  const remember = useCallback(
    (current: LegacyImportView) => cache.writeFragment({ id: cache.identify({ __typename: 'LegacyImport', id: current.id }), fragment: LegacyImportFieldsFragmentDoc, data: current }),
    [cache],
  );

  const run = useCallback(async (source: StepSource, send: () => Promise<Parameters<typeof legacyImportAnswer>[0] | null | undefined>) => {
    setBusy(true);
    setProblem(null);
    try {
      const answer = await send();
      if (!answer) {
        setProblem({ source, problem: { kind: 'error', message: 'The server gave no answer. Try again.' } });
        return null;
      }
      const outcome = legacyImportAnswer(answer);
      if (outcome.kind === 'done' || outcome.kind === 'stale') remember(outcome.current);
      if (outcome.kind === 'done') return outcome.current;
      setProblem({ source, problem: outcome });
      return null;
    } catch (caught) {
      setProblem({ source, problem: { kind: 'error', message: caught instanceof Error ? caught.message : String(caught) } });
      return null;
    } finally {
      setBusy(false);
    }
  }, [remember]);

  return {
    busy,
    problem,
    clearProblem: () => setProblem(null),
    map: (columns) => run('mapping', async () => (await mapImport({ variables: { input: { importId: id, expectedVersion: version, columns: [...columns] } } })).data?.mapLegacyImport),
    check: (at = version) => run('mapping', async () => (await checkImport({ variables: { id, expectedVersion: at } })).data?.checkLegacyImport),
    choose: ({ take, rowNumber, field }) =>
      run('choices', async () => (await chooseValues({ variables: { input: { importId: id, expectedVersion: version, take, rowNumber: rowNumber ?? null, field: field ?? null } } })).data?.chooseLegacyValues),
    commit: () => run('commit', async () => (await commitImport({ variables: { id, expectedVersion: version } })).data?.commitLegacyImport),
    undo: () => run('undo', async () => (await undoImport({ variables: { id, expectedVersion: version } })).data?.undoLegacyImport),
  };
}

/** The problem of the last step, where it was asked from: in the server's words, with a reload when the import moved on. */
export function StepAlert({ steps, source, onReload }: { steps: LegacySteps; source: StepSource; onReload(): void }) {
  if (steps.problem?.source !== source) return null;
  const { problem } = steps.problem;
  return (
    <div role="alert" className="pams-panel pams-panel-error" data-testid={`legacy-${source}-problem`}>
      <p style={{ margin: 0 }}>{problem.message}</p>
      {problem.kind === 'refused' && problem.fields.length > 0 ? (
        <ul>
          {problem.fields.map((f, i) => (
            <li key={i}>
              <code>{f.field}</code>: {f.message}
            </li>
          ))}
        </ul>
      ) : null}
      {problem.kind === 'undoRefused' ? <UndoBlockers total={problem.total} rows={problem.rows} /> : null}
      {problem.kind === 'stale' ? (
        <button
          type="button"
          className="pams-button"
          onClick={() => {
            steps.clearProblem();
            onReload();
          }}
        >
          Reload the import
        </button>
      ) : null}
    </div>
  );
}

/** The committed rows whose records were edited since: the undo would lose those edits. */
export function UndoBlockers({ total, rows }: { total: number; rows: readonly { rowNumber: number; reason: string }[] }) {
  return (
    <>
      <p style={{ margin: '.4rem 0' }} data-testid="undo-blockers-total">
        {total === 1 ? '1 row stops the undo' : `${total.toLocaleString('en-US')} rows stop the undo`}
        {total > rows.length ? ` (the first ${rows.length} below)` : ''}:
      </p>
      <table aria-label="Rows that stop the undo" style={{ borderCollapse: 'collapse' }}>
        <TableHead columns={['Row', 'Reason']} numbers={['Row']} />
        <tbody>
          {rows.map((r) => (
            <tr key={r.rowNumber}>
              <td style={NUMBER}>{r.rowNumber}</td>
              <td style={CELL}>{r.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
