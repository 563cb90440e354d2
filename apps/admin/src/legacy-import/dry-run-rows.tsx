import { useState } from 'react';
import { useQuery } from '@pams/client-graphql';
import { LegacyImportRowsDocument, type LegacyImportRowsQuery, type LegacyImportView, type LegacyRowStatus } from '@pams/client-admin-data-access';
import { ErrorPanel, Loading } from '@pams/client-ui';
import { humanize } from '../shared/format.js';
import { CELL, NUMBER, TableHead } from '../shared/table-head.js';
import { ROWS_PER_PAGE } from './legacy-import-params.js';
import { StepAlert, type LegacySteps } from './legacy-steps.js';

type Row = NonNullable<LegacyImportRowsQuery['legacyImport']>['rows']['nodes'][number];
type Counts = NonNullable<LegacyImportView['counts']>;

const FILTERS: readonly { status: LegacyRowStatus | null; label: string; count(c: Counts): number | null }[] = [
  { status: null, label: 'All rows', count: () => null },
  { status: 'NEW', label: 'New', count: (c) => c.new },
  { status: 'CONFLICT', label: 'Conflicts', count: (c) => c.conflict },
  { status: 'UNCHANGED', label: 'Unchanged', count: (c) => c.unchanged },
  { status: 'REJECTED', label: 'Rejected', count: (c) => c.rejected },
];

const value = (v: string | null) => (v === null || v === '' ? <span className="pams-muted">(none)</span> : v);

/** The dry run's figures. */
export function DryRunCounts({ counts }: { counts: Counts }) {
  const figures = [
    ['New', counts.new],
    ['Conflicts', counts.conflict],
    ['Unchanged', counts.unchanged],
    ['Rejected', counts.rejected],
    ['Will change', counts.willChange],
  ] as const;
  return (
    <dl className="pams-totals" data-testid="legacy-counts" style={{ display: 'flex', gap: '1.2rem', flexWrap: 'wrap' }}>
      {figures.map(([label, n]) => (
        <div key={label} data-count={label}>
          <dt className="pams-muted">{label}</dt>
          <dd style={{ margin: 0, fontSize: '1.3rem' }}>{n.toLocaleString('en-US')}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One conflicting row's differences, each kept or taken from the file; the whole row at once. */
function Differences({ row, steps }: { row: Row; steps: LegacySteps }) {
  return (
    <>
      <table aria-label={`Differences of row ${row.rowNumber}`} style={{ borderCollapse: 'collapse' }}>
        <TableHead columns={['Field', 'In PAMS', 'In the file', 'Keeps']} />
        <tbody>
          {row.differences.map((d) => (
            <tr key={d.field} data-difference={d.field} data-choice={d.choice}>
              <td style={CELL}>{d.label}</td>
              <td style={CELL}>{value(d.before)}</td>
              <td style={CELL}>{value(d.after)}</td>
              <td style={CELL}>
                <div role="radiogroup" aria-label={`Row ${row.rowNumber}: ${d.label}`} style={{ display: 'flex', gap: '.6rem' }}>
                  {(['PAMS', 'FILE'] as const).map((take) => (
                    <label key={take}>
                      <input
                        type="radio"
                        name={`choice-${row.rowNumber}-${d.field}`}
                        checked={d.choice === take}
                        disabled={steps.busy}
                        onChange={() => void steps.choose({ take, rowNumber: row.rowNumber, field: d.field })}
                      />{' '}
                      {take === 'PAMS' ? 'Keep' : 'Take file'}
                    </label>
                  ))}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div style={{ display: 'flex', gap: '.6rem', marginTop: '.3rem' }}>
        <button type="button" className="pams-button pams-button-quiet" disabled={steps.busy} onClick={() => void steps.choose({ take: 'PAMS', rowNumber: row.rowNumber })} aria-label={`Keep all of row ${row.rowNumber}`}>
          Keep all
        </button>
        <button type="button" className="pams-button pams-button-quiet" disabled={steps.busy} onClick={() => void steps.choose({ take: 'FILE', rowNumber: row.rowNumber })} aria-label={`Overwrite all of row ${row.rowNumber}`}>
          Overwrite all
        </button>
      </div>
    </>
  );
}

function RowDetails({ row, steps }: { row: Row; steps: LegacySteps }) {
  if (row.status === 'REJECTED') {
    return (
      <ul style={{ margin: 0, paddingLeft: '1rem' }} className="pams-error-text">
        {row.reasons.map((r, i) => (
          <li key={i} data-reason={r.code}>
            {r.code}: {r.message}
          </li>
        ))}
      </ul>
    );
  }
  if (row.status === 'CONFLICT') return <Differences row={row} steps={steps} />;
  return null;
}

/**
 * Bulk choices per column: for every field that differs among the conflicts (the first page of them), the
 * file's value or PAMS's in every conflicting row.
 */
function BulkChoices({ imp, steps }: { imp: LegacyImportView; steps: LegacySteps }) {
  const { data } = useQuery(LegacyImportRowsDocument, { variables: { id: imp.id, status: 'CONFLICT', first: ROWS_PER_PAGE, after: 0 }, fetchPolicy: 'cache-and-network' });
  const fields = new Map<string, string>();
  for (const row of data?.legacyImport?.rows.nodes ?? []) for (const d of row.differences) fields.set(d.field, d.label);
  if (fields.size === 0) return null;
  return (
    <section aria-labelledby="legacy-bulk-title" data-testid="legacy-bulk">
      <h3 id="legacy-bulk-title">Every conflicting row at once</h3>
      <ul style={{ listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: '.3rem' }}>
        {[...fields].map(([field, label]) => (
          <li key={field} data-bulk={field} style={{ display: 'flex', gap: '.6rem', flexWrap: 'wrap' }}>
            <button type="button" className="pams-button pams-button-quiet" disabled={steps.busy} onClick={() => void steps.choose({ take: 'FILE', field })}>
              Take file values for {label} in every row
            </button>
            <button type="button" className="pams-button pams-button-quiet" disabled={steps.busy} onClick={() => void steps.choose({ take: 'PAMS', field })} aria-label={`Keep PAMS values for ${label} in every row`}>
              Keep PAMS values
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The dry run's rows, a status at a time, a page of at most 100 at a time (keyset on the row number). */
export function DryRunRows({ imp, steps, onReload }: { imp: LegacyImportView; steps: LegacySteps; onReload(): void }) {
  const [status, setStatus] = useState<LegacyRowStatus | null>(null);
  // The `after` of each page seen: Previous goes back one.
  const [pages, setPages] = useState<number[]>([0]);
  const after = pages[pages.length - 1];
  const { data, error, refetch } = useQuery(LegacyImportRowsDocument, { variables: { id: imp.id, status, first: ROWS_PER_PAGE, after }, fetchPolicy: 'cache-and-network' });
  const page = data?.legacyImport?.rows;
  const counts = imp.counts;
  const choose = (next: LegacyRowStatus | null) => {
    setStatus(next);
    setPages([0]);
  };

  return (
    <section className="pams-panel" aria-labelledby="legacy-rows-title" data-testid="legacy-rows">
      <h2 id="legacy-rows-title">Rows of the dry run</h2>
      {(counts?.conflict ?? 0) > 0 ? <BulkChoices imp={imp} steps={steps} /> : null}
      <StepAlert steps={steps} source="choices" onReload={onReload} />
      <div role="group" aria-label="Show rows" className="pams-chips" style={{ margin: '.6rem 0' }}>
        {FILTERS.map((f) => {
          const n = counts ? f.count(counts) : null;
          return (
            <button key={f.label} type="button" className="pams-chip" aria-pressed={status === f.status} onClick={() => choose(f.status)} data-filter={f.status ?? 'ALL'}>
              {f.label}
              {n === null ? '' : ` (${n.toLocaleString('en-US')})`}
            </button>
          );
        })}
      </div>
      {error && !data ? (
        <ErrorPanel title="The rows could not be loaded" onRetry={() => void refetch()}>
          <p>{error.message}</p>
        </ErrorPanel>
      ) : !page ? (
        <Loading label="Loading the rows…" />
      ) : page.nodes.length === 0 ? (
        <p className="pams-muted">No rows{status ? ` are ${humanize(status).toLowerCase()}` : ''}.</p>
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <table aria-label="Rows" style={{ borderCollapse: 'collapse', width: '100%' }}>
            <TableHead columns={['Row', 'Status', 'Key', 'Details']} numbers={['Row']} />
            <tbody>
              {page.nodes.map((row) => (
                <tr key={row.rowNumber} data-row={row.rowNumber} data-status={row.status}>
                  <td style={NUMBER}>{row.rowNumber}</td>
                  <td style={CELL}>{humanize(row.status)}</td>
                  <td style={CELL}>{row.key}</td>
                  <td style={CELL}>
                    <RowDetails row={row} steps={steps} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div style={{ display: 'flex', gap: '.6rem', marginTop: '.5rem' }}>
        <button type="button" className="pams-button pams-button-quiet" disabled={pages.length === 1} onClick={() => setPages(pages.slice(0, -1))}>
          Previous
        </button>
        <button type="button" className="pams-button pams-button-quiet" disabled={!page || page.next === null} onClick={() => page?.next != null && setPages([...pages, page.next])}>
          Next
        </button>
      </div>
    </section>
  );
}
