import type { CSSProperties } from 'react';
import { useQuery } from '@pams/client-graphql';
import { OutcomeReportDocument, ReportsBootstrapDocument, type OutcomeDimension, type OutcomeReportQuery, type Role } from '@pams/client-reports-data-access';
import { OutcomeExports } from './outcome-exports.js';
import { ErrorPanel, Link, Loading, navigate, useLocation, VirtualList } from '@pams/client-ui';
import { regionOptions } from '../builder/report-controls.js';
import { ListSelect } from '../builder/list-select.js';
import { RangeControls } from '../builder/range-controls.js';
import { OUTCOME_DIMENSIONS, outcomeHref, outcomeInput, readOutcomeParams, type OutcomeParams } from '../outcome-params.js';
import { monthOf } from '../report-params.js';
import { spanLabel, writeRange } from '../report-range.js';

type Report = OutcomeReportQuery['outcomeReport'];
type Measures = Report['totals'];
type Outcome = Report['outcomes'][number];

const usd = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
const pct = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);
const asOfFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' });
const NUM: CSSProperties = { width: '7rem', flex: 'none', textAlign: 'right' };
const KEY: CSSProperties = { flex: '1 1 0', minWidth: '8rem' };
const ROW: CSSProperties = { position: 'relative', height: 36 };
const DIM_LABELS = Object.fromEntries(OUTCOME_DIMENSIONS.map((d) => [d.value, d.label])) as Record<OutcomeDimension, string>;

function MeasureCells({ m }: { m: Measures }) {
  return (
    <>
      <div role="cell" style={NUM}>{m.won}</div>
      <div role="cell" style={NUM}>{m.lost}</div>
      <div role="cell" style={NUM}>{pct(m.winRate)}</div>
      <div role="cell" style={NUM}>{usd.format(m.wonMrr)}</div>
      <div role="cell" style={NUM}>{usd.format(m.lostMrr)}</div>
      <div role="cell" style={NUM}>{m.activitiesPerWin === null ? '—' : one.format(m.activitiesPerWin)}</div>
    </>
  );
}

const OUTCOME_COLUMNS = ['Month', 'Result', 'Account', 'Project', 'Industry', 'Region', 'Won by', 'MRR (USD)', 'Reason'];
const outcomeCells = (o: Outcome) => (
  <>
    <div role="cell" style={{ width: '5.5rem', flex: 'none' }}>{o.month}</div>
    <div role="cell" style={{ width: '4rem', flex: 'none' }}>{o.result === 'WON' ? 'Won' : 'Lost'}</div>
    <div role="cell" style={KEY}>{o.accountName}</div>
    <div role="cell" style={KEY}>{o.projectName}</div>
    <div role="cell" style={KEY}>{o.industryName ?? '—'}</div>
    <div role="cell" style={KEY}>{o.regionName ?? '—'}</div>
    <div role="cell" style={KEY}>{o.wonByName ?? '—'}</div>
    <div role="cell" style={NUM}>{o.mrrReporting === null ? '—' : usd.format(o.mrrReporting)}</div>
    <div role="cell" style={{ ...KEY, flex: '2 1 0' }} title={o.reason}>{o.reason}</div>
  </>
);
const outcomeHeader = OUTCOME_COLUMNS.map((c, i) => (
  <div role="columnheader" key={c} style={i < 2 ? { width: i === 0 ? '5.5rem' : '4rem', flex: 'none' } : c === 'MRR (USD)' ? NUM : c === 'Reason' ? { ...KEY, flex: '2 1 0' } : KEY}>
    {c}
  </div>
));

/** Wins & losses (P-013, P-023): win rate, MRR in the reporting currency, activities per win, and the outcomes. */
/** Who reads the CRM imports (leaders read, managers and admins upload and apply; ADR 0016). */
const CRM_READERS: readonly Role[] = ['MANAGER', 'LEADER', 'ADMIN'];

export function OutcomesPage() {
  const location = useLocation();
  const currentMonth = monthOf(new Date());
  const params = readOutcomeParams(location.search);
  const input = outcomeInput(params, currentMonth);
  const report = useQuery(OutcomeReportDocument, { variables: { input } });
  const bootstrap = useQuery(ReportsBootstrapDocument);
  const shown = (report.data ?? report.previousData)?.outcomeReport;
  const go = (patch: Partial<OutcomeParams>) => navigate(outcomeHref({ ...params, ...patch }));
  const setDimension = (index: number, value: string) => {
    const groupBy = [...params.groupBy];
    if (value) groupBy[index] = value as OutcomeDimension;
    else groupBy.splice(index, 1);
    go({ groupBy: groupBy.filter((d, i) => groupBy.indexOf(d) === i) });
  };
  const back = new URLSearchParams();
  writeRange(back, params.range);
  if (params.regionIds.length > 0) back.set('region', params.regionIds.join(','));

  return (
    <section data-testid="outcomes-page" style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0, gap: '.6rem' }}>
      <div className="pams-page-head">
        <h1>Wins & losses · {spanLabel(input.from, input.to)}</h1>
        {shown && (
          <span className="pams-totals" data-testid="report-as-of">
            Figures as of {asOfFormat.format(new Date(shown.asOf))} · from the recorded outcomes
          </span>
        )}
        <Link href={`/reports${back.size > 0 ? `?${back}` : ''}`}>Report builder</Link>
        {CRM_READERS.includes(bootstrap.data?.bootstrap.viewer?.role ?? 'MEMBER') && <Link href="/reports/outcome-imports">Outcomes from the CRM</Link>}
      </div>
      <RangeControls range={params.range} currentMonth={currentMonth} onChange={(range) => go({ range })} />
      <div className="pams-toolbar" role="group" aria-label="Grouping and filters">
        {[0, 1].slice(0, Math.min(2, params.groupBy.length + 1)).map((index) => (
          <label className="pams-field" key={index}>
            {index === 0 ? 'Group by' : 'then by'}
            <select className="pams-select" value={params.groupBy[index] ?? ''} onChange={(e) => setDimension(index, e.target.value)}>
              <option value="">{index === 0 ? 'Nothing (totals)' : '—'}</option>
              {OUTCOME_DIMENSIONS.filter((d) => d.value === params.groupBy[index] || !params.groupBy.includes(d.value)).map((d) => (
                <option key={d.value} value={d.value}>
                  {d.label}
                </option>
              ))}
            </select>
          </label>
        ))}
        <ListSelect label="Region" values={params.regionIds} options={regionOptions(bootstrap.data?.bootstrap ?? null)} onChange={(regionIds) => go({ regionIds })} />
      </div>
      {report.error && !report.loading ? (
        <ErrorPanel title="Wins & losses could not be loaded" onRetry={() => void report.refetch()}>
          <p>{report.error.message}</p>
        </ErrorPanel>
      ) : !shown ? (
        <Loading label="Loading wins & losses…" />
      ) : (
        <div className={report.loading ? 'pams-stale' : undefined} style={{ display: 'flex', flexDirection: 'column', gap: '1rem', flex: 1, minHeight: 0 }}>
          <OutcomeExports input={input} table="rows" />
          <div role="table" aria-label="Wins and losses" className="pams-vlist" style={{ contain: 'none', flex: 'none', minHeight: 0 }}>
            <div role="rowgroup" className="pams-vlist-head">
              <div role="row" className="pams-vlist-row">
                {(shown.groupBy.length > 0 ? shown.groupBy : [null]).map((d) => (
                  <div role="columnheader" key={d ?? 'none'} style={KEY}>
                    {d ? DIM_LABELS[d] : ''}
                  </div>
                ))}
                {['Won', 'Lost', 'Win rate', 'Won MRR', 'Lost MRR', 'Activities per win'].map((c) => (
                  <div role="columnheader" key={c} style={NUM}>
                    {c}
                  </div>
                ))}
              </div>
            </div>
            <div role="rowgroup">
              {shown.rows.map((row) => (
                <div role="row" className="pams-vlist-row" style={ROW} key={row.keys.map((k) => `${k.dimension}:${k.id}`).join('|')}>
                  {row.keys.map((k) => (
                    <div role="cell" key={k.dimension} style={KEY}>
                      {k.label}
                    </div>
                  ))}
                  <MeasureCells m={row} />
                </div>
              ))}
              <div role="row" className="pams-vlist-row" style={{ ...ROW, fontWeight: 600 }} data-testid="outcome-totals">
                <div role="cell" style={{ ...KEY, flex: `${Math.max(1, shown.groupBy.length)} 1 0` }}>
                  Total
                </div>
                <MeasureCells m={shown.totals} />
              </div>
            </div>
          </div>
          <h2 style={{ margin: 0 }}>Outcomes ({shown.outcomes.length})</h2>
          {shown.outcomes.length > 0 && <OutcomeExports input={input} table="outcomes" />}
          {shown.outcomes.length === 0 ? (
            <p className="pams-muted">No wins or losses recorded in this range.</p>
          ) : (
            <div style={{ display: 'flex', flex: 1, minHeight: '16rem' }}>
              <VirtualList items={shown.outcomes} rowHeight={36} getKey={(o) => o.id} renderRow={outcomeCells} header={outcomeHeader} label="Outcomes" />
            </div>
          )}
        </div>
      )}
    </section>
  );
}
