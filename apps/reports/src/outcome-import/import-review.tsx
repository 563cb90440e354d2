import { useState } from 'react';
import { useMutation, useQuery } from '@pams/client-graphql';
import {
  ApplyOutcomeImportDocument,
  OutcomeImportDocument,
  outcomeImportSummary,
  ReviewOutcomeImportRowDocument,
  type OutcomeImportRowStatus,
} from '@pams/client-reports-data-access';
import { ErrorPanel, Loading } from '@pams/client-ui';
import { ImportRowItem, type RowEdit } from './import-row.js';

const PAGE = 100;
const STATUSES: OutcomeImportRowStatus[] = ['MATCHED', 'AMBIGUOUS', 'UNMATCHED', 'DUPLICATE', 'INVALID'];
type Status = { kind: 'ok' | 'error'; text: string } | null;

/** One import: its rows with their match, fixes and skips at the import's version, and the apply. */
export function ImportReview({ id }: { id: string }) {
  const [filter, setFilter] = useState<OutcomeImportRowStatus | ''>('');
  const [status, setStatus] = useState<Status>(null);
  const variables = { id, first: PAGE, status: filter || null };
  const query = useQuery(OutcomeImportDocument, { variables, fetchPolicy: 'cache-and-network' });
  const refetch = { refetchQueries: [{ query: OutcomeImportDocument, variables }], awaitRefetchQueries: true };
  const [review, { loading: reviewing }] = useMutation(ReviewOutcomeImportRowDocument, refetch);
  const [apply, { loading: applying }] = useMutation(ApplyOutcomeImportDocument, refetch);
  const data = query.data?.outcomeImport;

  if (query.error && !data) {
    return (
      <ErrorPanel title="The import could not be loaded" onRetry={() => void query.refetch()}>
        <p>{query.error.message}</p>
      </ErrorPanel>
    );
  }
  if (!query.data) return <Loading label="Loading the import…" />;
  if (!data) return <p className="pams-muted">No such import, or it is not yours to see.</p>;
  const imp = outcomeImportSummary(data);
  const busy = reviewing || applying;

  async function edit(rowId: string, change: RowEdit) {
    setStatus(null);
    try {
      const { data: answer } = await review({ variables: { input: { importId: imp.id, expectedVersion: imp.version, rowId, ...change } } });
      const result = answer?.reviewOutcomeImportRow;
      if (!result || result.__typename === 'OutcomeImport') return;
      if (result.__typename === 'OutcomeImportVersionConflict') setStatus({ kind: 'error', text: `${result.message} The rows now show the current state.` });
      else if (result.__typename === 'ValidationFailed') setStatus({ kind: 'error', text: result.fields.map((f) => f.message).join(' ') || result.message });
      else setStatus({ kind: 'error', text: result.message });
    } catch (error) {
      setStatus({ kind: 'error', text: `Not saved: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  async function onApply() {
    setStatus(null);
    try {
      const { data: answer } = await apply({ variables: { id: imp.id, expectedVersion: imp.version } });
      const result = answer?.applyOutcomeImport;
      if (!result) return;
      if (result.__typename === 'OutcomeImport') {
        const done = outcomeImportSummary(result);
        setStatus({ kind: 'ok', text: `Applied: ${done.appliedCount ?? 0} outcomes recorded; their presales owners are notified by mail.` });
      } else if (result.__typename === 'ValidationFailed') setStatus({ kind: 'error', text: result.fields.map((f) => f.message).join(' ') || result.message });
      else setStatus({ kind: 'error', text: result.message });
    } catch (error) {
      setStatus({ kind: 'error', text: `Not applied: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  const c = imp.counts;
  return (
    <div className={query.loading ? 'pams-stale' : undefined} style={{ display: 'flex', flexDirection: 'column', gap: '.6rem', minHeight: 0, flex: 1 }}>
      <div className="pams-toolbar">
        <strong>{imp.fileName}</strong>
        <span className="pams-totals" data-testid="import-counts">
          {c.matched} matched · {c.ambiguous} ambiguous · {c.unmatched} unmatched · {c.duplicate} duplicate · {c.invalid} invalid · {c.skipped} skipped
        </span>
        <label className="pams-field">
          Show
          <select className="pams-select" value={filter} onChange={(e) => setFilter(e.target.value as OutcomeImportRowStatus | '')}>
            <option value="">All rows</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        {imp.status === 'APPLIED' ? (
          <span data-testid="import-applied">
            Applied by {imp.appliedByName} · {imp.appliedCount} outcomes
          </span>
        ) : (
          imp.editable && (
            <button type="button" className="pams-button" data-testid="apply-import" disabled={busy || c.pending > 0 || c.ready === 0} onClick={() => void onApply()}>
              {c.pending > 0 ? `Review ${c.pending} more row(s) to apply` : `Apply ${c.ready} outcome(s)`}
            </button>
          )
        )}
      </div>
      {status && (
        <p role={status.kind === 'error' ? 'alert' : 'status'} className={status.kind === 'error' ? 'pams-error-text' : undefined} data-testid="import-status">
          {status.text}
        </p>
      )}
      <div role="table" aria-label="Import rows" className="pams-vlist" style={{ overflow: 'auto', flex: 1, minHeight: 0 }}>
        <div role="rowgroup" className="pams-vlist-head">
          <div role="row" className="pams-vlist-row">
            {['Row', 'CRM', 'Account / opportunity', 'Result', 'Closed', 'MRR', 'Status', 'Project', ''].map((h) => (
              <div role="columnheader" key={h} style={{ flex: h === 'Account / opportunity' || h === 'Project' ? '2 1 0' : '1 1 0' }}>
                {h}
              </div>
            ))}
          </div>
        </div>
        <div role="rowgroup">
          {data.rows.nodes.map((row) => (
            <ImportRowItem key={row.id} row={row} editable={imp.editable} busy={busy} onEdit={(change) => void edit(row.id, change)} />
          ))}
        </div>
      </div>
      {data.rows.pageInfo.hasNextPage && (
        <button
          type="button"
          className="pams-button-quiet"
          onClick={() =>
            void query.fetchMore({
              variables: { after: data.rows.pageInfo.endCursor },
              updateQuery: (prev, { fetchMoreResult }) =>
                prev.outcomeImport && fetchMoreResult?.outcomeImport
                  ? {
                      outcomeImport: {
                        ...fetchMoreResult.outcomeImport,
                        rows: { ...fetchMoreResult.outcomeImport.rows, nodes: [...prev.outcomeImport.rows.nodes, ...fetchMoreResult.outcomeImport.rows.nodes] },
                      },
                    }
                  : prev,
            })
          }
        >
          More rows
        </button>
      )}
    </div>
  );
}
