import { useState } from 'react';
import { useQuery } from '@pams/client-graphql';
import { OutcomeImportProjectSearchDocument, type OutcomeImportRow } from '@pams/client-reports-data-access';

export type RowEdit = { projectId: string } | { skip: boolean };

const money = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const CELL = { flex: '1 1 0', minWidth: 0 } as const;
const WIDE = { flex: '2 1 0', minWidth: 0 } as const;

/** One row of an import: what the file said, its match, and the reviewer's choices. */
export function ImportRowItem({ row, editable, busy, onEdit }: { row: OutcomeImportRow; editable: boolean; busy: boolean; onEdit: (change: RowEdit) => void }) {
  const [picking, setPicking] = useState(false);
  const fixable = editable && row.errors.length === 0 && !row.outcomeId;
  return (
    <div role="row" className="pams-vlist-row" data-testid={`import-row-${row.rowNumber}`} data-status={row.status} style={{ alignItems: 'flex-start', height: 'auto', padding: '.3rem 0' }}>
      <div role="cell" style={CELL}>{row.rowNumber}</div>
      <div role="cell" style={CELL}>{row.crmId ?? '—'}</div>
      <div role="cell" style={WIDE}>
        {row.accountName ?? '—'} / {row.projectName ?? '—'}
      </div>
      <div role="cell" style={CELL}>{row.result === 'WON' ? 'Won' : row.result === 'LOST' ? 'Lost' : '—'}</div>
      <div role="cell" style={CELL}>{row.closeDate ?? '—'}</div>
      <div role="cell" style={CELL}>{row.mrrAmount === null ? '—' : `${money.format(row.mrrAmount)} ${row.currency ?? ''}`}</div>
      <div role="cell" style={CELL} title={row.message ?? undefined}>
        <span className="pams-chip">{row.skipped ? `${row.status.toLowerCase()} · skipped` : row.status.toLowerCase()}</span>
        {row.message && <div className="pams-muted">{row.message}</div>}
      </div>
      <div role="cell" style={WIDE}>
        {row.project ? `${row.project.accountName} / ${row.project.projectName}` : '—'}
        {fixable && row.candidates.length > 0 && (
          <select className="pams-select" aria-label={`Project for row ${row.rowNumber}`} disabled={busy} value="" onChange={(e) => e.target.value && onEdit({ projectId: e.target.value })}>
            <option value="">Choose a project…</option>
            {row.candidates.map((c) => (
              <option key={c.projectId} value={c.projectId}>
                {c.accountName} / {c.projectName}
              </option>
            ))}
          </select>
        )}
        {fixable && picking && <ProjectSearch disabled={busy} onPick={(projectId) => { setPicking(false); onEdit({ projectId }); }} />}
      </div>
      <div role="cell" style={{ ...CELL, display: 'flex', gap: '.3rem', flexWrap: 'wrap' }}>
        {fixable && !picking && (
          <button type="button" className="pams-link-button" disabled={busy} onClick={() => setPicking(true)}>
            Pick project
          </button>
        )}
        {editable && !row.outcomeId && !row.skipped && (
          <button type="button" className="pams-link-button" disabled={busy} data-testid={`skip-row-${row.rowNumber}`} onClick={() => onEdit({ skip: true })}>
            Skip
          </button>
        )}
        {editable && !row.outcomeId && row.skipped && (row.status === 'MATCHED' || row.status === 'AMBIGUOUS' || row.status === 'UNMATCHED') && (
          <button type="button" className="pams-link-button" disabled={busy} onClick={() => onEdit({ skip: false })}>
            Take back
          </button>
        )}
      </div>
    </div>
  );
}

function ProjectSearch({ onPick, disabled }: { onPick: (projectId: string) => void; disabled: boolean }) {
  const [search, setSearch] = useState('');
  const found = useQuery(OutcomeImportProjectSearchDocument, { variables: { search }, skip: search.trim().length < 2 });
  return (
    <div>
      <input className="pams-input" placeholder="Search projects or accounts" value={search} disabled={disabled} onChange={(e) => setSearch(e.target.value)} autoFocus />
      {found.data?.projectList.nodes.map((p) => (
        <button key={p.id} type="button" className="pams-link-button" style={{ display: 'block' }} disabled={disabled} onClick={() => onPick(p.id)}>
          {p.account.name} / {p.name}
        </button>
      ))}
    </div>
  );
}
