import { useMemo, useState, type CSSProperties } from 'react';
import { useApolloClient, useQuery } from '@pams/client-graphql';
import { AdminReferenceDocument, type AdminReferenceQuery } from '@pams/client-admin-data-access';
import { ErrorPanel, Link, Loading, useLocation, VirtualList } from '@pams/client-ui';
import { AdminNav } from '../shared/admin-nav.js';
import { formatTime, humanize } from '../shared/format.js';
import { MergeJournal, MergePanel } from './merge-panel.js';
import { ADDABLE, editRate, editRecord, KINDS, readKind, type EditOutcome, type ReferenceKind } from './reference-edits.js';

type Data = AdminReferenceQuery;

/** One row of any kind, as the table shows it. */
interface RecordRow {
  id: string;
  name: string;
  active: boolean;
  version: number;
  detail: string;
}

function rowsOf(data: Data, kind: ReferenceKind): RecordRow[] {
  const industryName = new Map(data.industries.map((i) => [i.id, i.name]));
  switch (kind) {
    case 'industries':
      return data.industries.map((r) => ({ ...r, detail: '' }));
    case 'use-cases':
      return data.useCases.map((r) => ({ ...r, detail: `${humanize(r.bucket)} · ${r.industryId ? (industryName.get(r.industryId) ?? 'an industry') : 'general'}` }));
    case 'regions':
      return data.regions.map((r) => ({ ...r, detail: '' }));
    case 'products':
      return data.products.map((r) => ({ ...r, detail: '' }));
    case 'sales-reps':
      return data.salesReps.map((r) => ({ id: r.id, name: r.name, active: r.active, version: r.version, detail: `${r.email} · ${r.region.name} · ${r.currency}` }));
    case 'rates':
      return [];
  }
}

const MERGEABLE: Partial<Record<ReferenceKind, 'INDUSTRY' | 'USE_CASE'>> = { industries: 'INDUSTRY', 'use-cases': 'USE_CASE' };
const cell = (style: CSSProperties): CSSProperties => ({ ...style, overflow: 'hidden', textOverflow: 'ellipsis' });

/** Reference data (P-005): every kind, its records with rename and retire, adding, and the industry / use-case merge. */
export function ReferencePage() {
  const location = useLocation();
  const kind = readKind(location.search.get('kind'));
  const meta = KINDS.find((k) => k.kind === kind)!;
  const { data, error, refetch } = useQuery(AdminReferenceDocument, { fetchPolicy: 'cache-and-network' });
  const client = useApolloClient();
  const [status, setStatus] = useState<{ kind: ReferenceKind; text: string; failed: boolean } | null>(null);
  const [selected, setSelected] = useState<{ kind: ReferenceKind; ids: ReadonlySet<string> }>({ kind, ids: new Set() });
  const [merging, setMerging] = useState(false);
  const [editing, setEditing] = useState<{ id: string; value: string } | null>(null);
  const [adding, setAdding] = useState('');
  // A merge made here: the journal reads itself again.
  const [merges, setMerges] = useState(0);
  const rows = useMemo(() => (data ? rowsOf(data, kind) : []), [data, kind]);
  const chosen = selected.kind === kind ? selected.ids : new Set<string>();
  const mergeKind = MERGEABLE[kind];

  const report = async (outcome: EditOutcome, done: string) => {
    setStatus({ kind, text: outcome.ok ? done : outcome.message, failed: !outcome.ok });
    if (outcome.ok || outcome.conflict) await refetch();
  };
  const save = async (row: RecordRow, input: Record<string, unknown>, done: string) => {
    await report(await editRecord(client, kind, meta.one, { id: row.id, expectedVersion: row.version, input }), done);
    setEditing(null);
  };
  const toggle = (id: string, on: boolean) => {
    const ids = new Set(chosen);
    if (on) ids.add(id);
    else ids.delete(id);
    setSelected({ kind, ids });
  };

  const columns: [string, CSSProperties][] = [
    ...(mergeKind ? ([['', { width: '2rem', flex: 'none' }]] as [string, CSSProperties][]) : []),
    ['Name', { flex: '1 1 0', minWidth: '12rem' }],
    ['', { flex: '1 1 0', minWidth: '10rem' }],
    ['Status', { width: '6rem', flex: 'none' }],
    ['', { width: '11rem', flex: 'none' }],
  ];
  const renderRow = (row: RecordRow) => {
    const styles = columns.map(([, style]) => cell(style));
    const offset = mergeKind ? 1 : 0;
    return (
      <>
        {mergeKind && (
          <div role="cell" style={styles[0]}>
            <input type="checkbox" aria-label={`Select ${row.name}`} checked={chosen.has(row.id)} disabled={merging} onChange={(e) => toggle(row.id, e.target.checked)} />
          </div>
        )}
        <div role="cell" style={styles[offset]}>
          {editing?.id === row.id ? (
            <form
              style={{ display: 'flex', gap: '.3rem' }}
              onSubmit={(e) => {
                e.preventDefault();
                void save(row, { name: editing.value }, `Renamed to "${editing.value.trim()}".`);
              }}
            >
              <input className="pams-input" aria-label={`New name of ${row.name}`} value={editing.value} maxLength={120} autoFocus onChange={(e) => setEditing({ id: row.id, value: e.target.value })} />
              <button type="submit" className="pams-link-button">
                Save
              </button>
            </form>
          ) : (
            row.name
          )}
        </div>
        <div role="cell" style={styles[offset + 1]} className="pams-muted" title={row.detail}>
          {row.detail}
        </div>
        <div role="cell" style={styles[offset + 2]}>
          {row.active ? 'Active' : 'Retired'}
        </div>
        <div role="cell" style={{ ...styles[offset + 3], display: 'flex', gap: '.8rem' }}>
          <button type="button" className="pams-link-button" onClick={() => setEditing(editing?.id === row.id ? null : { id: row.id, value: row.name })}>
            {editing?.id === row.id ? 'Cancel' : 'Rename'}
          </button>
          <button type="button" className="pams-link-button" onClick={() => void save(row, { active: !row.active }, row.active ? `"${row.name}" is retired: kept on old records, no longer offered.` : `"${row.name}" is offered again.`)}>
            {row.active ? 'Retire' : 'Restore'}
          </button>
        </div>
      </>
    );
  };

  const shownStatus = status?.kind === kind ? status : null;
  return (
    <section data-testid="reference-page" style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
      <AdminNav />
      <div className="pams-page-head">
        <h1>Reference data</h1>
      </div>
      <nav aria-label="Kinds of reference data" className="pams-chips">
        {KINDS.map((k) => (
          <Link key={k.kind} href={`/admin/reference?kind=${k.kind}`} className="pams-chip" style={{ padding: '.15rem .6rem', textDecoration: 'none' }} aria-current={k.kind === kind ? 'page' : undefined}>
            {k.kind === kind ? <strong>{k.label}</strong> : k.label}
          </Link>
        ))}
      </nav>
      <p role="status" data-testid="reference-status" className={shownStatus?.failed ? 'pams-error-text' : undefined} style={{ margin: shownStatus ? '0 0 .6rem' : 0 }}>
        {shownStatus?.text}
      </p>
      {error && !data ? (
        <ErrorPanel title="The reference data could not be loaded" onRetry={() => void refetch()}>
          <p>{error.message}</p>
        </ErrorPanel>
      ) : !data ? (
        <Loading label="Loading reference data…" />
      ) : kind === 'rates' ? (
        <RatesTable data={data} onSaved={(outcome, done) => void report(outcome, done)} />
      ) : (
        <>
          <div className="pams-toolbar">
            {ADDABLE.includes(kind) && (
              <form
                style={{ display: 'flex', gap: '.4rem', alignItems: 'flex-end' }}
                onSubmit={(e) => {
                  e.preventDefault();
                  const name = adding.trim();
                  void editRecord(client, kind, meta.one, { input: { name } }).then((outcome) => {
                    if (outcome.ok) setAdding('');
                    return report(outcome, `Added "${name}".`);
                  });
                }}
              >
                <label className="pams-field">
                  New {meta.one}
                  <input className="pams-input" value={adding} maxLength={120} onChange={(e) => setAdding(e.target.value)} />
                </label>
                <button type="submit" className="pams-button" disabled={adding.trim() === ''}>
                  Add
                </button>
              </form>
            )}
            {mergeKind && (
              <button type="button" className="pams-button" disabled={chosen.size < 2 || merging} onClick={() => setMerging(true)}>
                Merge {chosen.size >= 2 ? `${chosen.size} selected` : 'selected'}…
              </button>
            )}
          </div>
          {mergeKind && merging && (
            <MergePanel
              kind={mergeKind}
              records={rows.filter((r) => chosen.has(r.id))}
              onCancel={() => setMerging(false)}
              onDone={(text) => {
                setMerging(false);
                setMerges((n) => n + 1);
                setSelected({ kind, ids: new Set() });
                setStatus({ kind, text, failed: false });
                void refetch();
              }}
            />
          )}
          <div style={{ display: 'flex', flex: 1, minHeight: '12rem' }}>
            <VirtualList
              items={rows}
              rowHeight={36}
              label={meta.label}
              getKey={(r) => r.id}
              header={columns.map(([name, style], i) => (
                <div role="columnheader" key={i} style={style}>
                  {name}
                </div>
              ))}
              renderRow={renderRow}
            />
          </div>
          {mergeKind && (
            <MergeJournal
              key={merges}
              kind={mergeKind}
              onUndone={(text) => {
                setStatus({ kind, text, failed: false });
                void refetch();
              }}
            />
          )}
        </>
      )}
    </section>
  );
}

/** Each currency's rate to the reporting currency, edited in place. */
function RatesTable({ data, onSaved }: { data: Data; onSaved: (outcome: EditOutcome, done: string) => void }) {
  const client = useApolloClient();
  const [typed, setTyped] = useState<Record<string, string>>({});
  if (data.currencyRates.length === 0) return <p className="pams-muted">No currency rates yet: the demo seed (`npm run seed`) adds one for every currency.</p>;
  return (
    <table className="pams-panel" style={{ maxWidth: '40rem', borderCollapse: 'collapse' }} aria-label="Currency rates">
      <thead>
        <tr>
          <th style={{ textAlign: 'left' }}>Currency</th>
          <th style={{ textAlign: 'left' }}>USD per unit</th>
          <th style={{ textAlign: 'left' }}>Updated (UTC)</th>
        </tr>
      </thead>
      <tbody>
        {data.currencyRates.map((r) => (
          <tr key={r.currency}>
            <td>{r.currency}</td>
            <td>
              <form
                style={{ display: 'flex', gap: '.3rem' }}
                onSubmit={(e) => {
                  e.preventDefault();
                  const value = Number(typed[r.currency]);
                  void editRate(client, r.currency, r.version, value).then((outcome) => {
                    if (outcome.ok) setTyped((t) => ({ ...t, [r.currency]: '' }));
                    onSaved(outcome, `${r.currency} is now ${value} USD.`);
                  });
                }}
              >
                <input className="pams-input" aria-label={`Rate of ${r.currency}`} inputMode="decimal" placeholder={String(r.rateToReporting)} value={typed[r.currency] ?? ''} onChange={(e) => setTyped((t) => ({ ...t, [r.currency]: e.target.value }))} />
                <button type="submit" className="pams-link-button" disabled={!typed[r.currency]}>
                  Save
                </button>
              </form>
            </td>
            <td>{formatTime(r.updatedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
