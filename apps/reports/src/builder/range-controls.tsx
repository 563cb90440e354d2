import { monthsOf } from '../report-params.js';
import { QUICK_RANGES, type ReportRange } from '../report-range.js';

interface RangeControlsProps {
  range: ReportRange;
  currentMonth: string;
  onChange(range: ReportRange): void;
}

/** From/to month pickers and the one-click ranges (this month, last 3, 12 months). */
export function RangeControls({ range, currentMonth, onChange }: RangeControlsProps) {
  const { from, to } = monthsOf(range, currentMonth);
  const fixed = (next: { from: string; to: string }) => onChange({ kind: 'fixed', ...(next.from <= next.to ? next : { from: next.to, to: next.from }) });
  return (
    <div className="pams-toolbar" role="group" aria-label="Range" style={{ marginBottom: 0 }}>
      <label className="pams-field">
        From
        <input className="pams-input" type="month" aria-label="From month" value={from} onChange={(e) => e.target.value && fixed({ from: e.target.value, to })} />
      </label>
      <label className="pams-field">
        To
        <input className="pams-input" type="month" aria-label="To month" value={to} onChange={(e) => e.target.value && fixed({ from, to: e.target.value })} />
      </label>
      {QUICK_RANGES.map((quick) => {
        const active = range.kind === 'last' && range.months === quick.months;
        return (
          <button
            key={quick.months}
            type="button"
            className={active ? 'pams-button' : 'pams-button pams-button-quiet'}
            aria-pressed={active}
            onClick={() => onChange({ kind: 'last', months: quick.months })}
          >
            {quick.label}
          </button>
        );
      })}
    </div>
  );
}
