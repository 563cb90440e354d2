import type { ActivityCategory, ActivityType, CallType, ReportChart, ReportDimension, ReportsBootstrapQuery } from '@pams/client-reports-data-access';
import { ACTIVITY_TYPE_LABELS, EXTERNAL_TYPES, INTERNAL_TYPES } from '@pams/shared-util';
import { DIMENSIONS, MAX_DIMENSIONS, type FilterParams, type ReportParams } from '../report-params.js';
import { ListSelect } from './list-select.js';
import { RangeControls } from './range-controls.js';

type Bootstrap = ReportsBootstrapQuery['bootstrap'];

export const CALL_TYPE_OPTIONS: readonly { value: CallType; label: string }[] = [
  { value: 'DISCOVERY', label: 'Discovery' },
  { value: 'DEMO', label: 'Demo' },
  { value: 'SCOPING_DEEP_DIVE', label: 'Scoping deep dive' },
  { value: 'FOLLOW_UP', label: 'Follow-up' },
  { value: 'QA', label: 'Q&A' },
  { value: 'INTERNAL_KICKOFF', label: 'Internal kickoff' },
  { value: 'CUSTOMER_KICKOFF', label: 'Customer kickoff' },
];
const CATEGORY_OPTIONS: readonly { value: ActivityCategory; label: string }[] = [
  { value: 'EXTERNAL', label: 'External' },
  { value: 'INTERNAL', label: 'Internal' },
];
const VIEWS: readonly { value: ReportChart; label: string }[] = [
  { value: 'TABLE', label: 'Table' },
  { value: 'BAR', label: 'Bar chart' },
  { value: 'LINE', label: 'Line over months' },
];

/** Regions a role may filter by: managers and members report on their own only (the server refuses others). */
export function regionOptions(bootstrap: Bootstrap | null): { value: string; label: string }[] {
  if (!bootstrap) return [];
  const own = bootstrap.viewer.role === 'MANAGER' || bootstrap.viewer.role === 'MEMBER';
  return bootstrap.regions.filter((r) => !own || bootstrap.viewer.regionIds.includes(r.id)).map((r) => ({ value: r.id, label: r.name }));
}

interface ReportControlsProps {
  params: ReportParams;
  currentMonth: string;
  /** Reference data for the selects; null while it loads. */
  bootstrap: Bootstrap | null;
  onChange(next: ReportParams): void;
}

/** Range, grouping (up to three), filters, order, account counting and the view of the builder. */
export function ReportControls({ params, currentMonth, bootstrap, onChange }: ReportControlsProps) {
  // Any change but the view makes it another report: the preset it came from stays for "save changes".
  const set = (patch: Partial<ReportParams>) => onChange({ ...params, ...patch });
  const setFilter = (patch: Partial<FilterParams>) => set({ filter: { ...params.filter, ...patch } });
  const setDimension = (index: number, value: string) => {
    const groupBy = [...params.groupBy];
    if (value) groupBy[index] = value as ReportDimension;
    else groupBy.splice(index, 1);
    set({ groupBy: groupBy.filter((d, i) => groupBy.indexOf(d) === i) });
  };
  const category = params.filter.categories.length === 1 ? params.filter.categories[0] : undefined;
  const types = category === 'EXTERNAL' ? EXTERNAL_TYPES : category === 'INTERNAL' ? INTERNAL_TYPES : [...EXTERNAL_TYPES, ...INTERNAL_TYPES];
  const slots = Math.min(MAX_DIMENSIONS, params.groupBy.length + 1);

  return (
    <div role="search" aria-label="Build a report" style={{ display: 'flex', flexDirection: 'column', gap: '.6rem', marginBottom: '.8rem' }}>
      <RangeControls range={params.range} currentMonth={currentMonth} onChange={(range) => set({ range })} />
      <div className="pams-toolbar" role="group" aria-label="Grouping" style={{ marginBottom: 0 }}>
        {Array.from({ length: slots }, (_, index) => (
          <label className="pams-field" key={index}>
            {index === 0 ? 'Group by' : 'then by'}
            <select className="pams-select" aria-label={`Group by ${index + 1}`} value={params.groupBy[index] ?? ''} onChange={(e) => setDimension(index, e.target.value)}>
              <option value="">{index === 0 ? 'Nothing (totals)' : '—'}</option>
              {DIMENSIONS.filter((d) => d.value === params.groupBy[index] || !params.groupBy.includes(d.value)).map((d) => (
                <option key={d.value} value={d.value}>
                  {d.label}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label className="pams-field">
          Order
          <select className="pams-select" value={params.orderBy} onChange={(e) => set({ orderBy: e.target.value === 'KEY' ? 'KEY' : 'COUNT_DESC' })}>
            <option value="COUNT_DESC">Most activities first</option>
            <option value="KEY">By name / month</option>
          </select>
        </label>
        <label style={{ display: 'flex', gap: '.3rem', alignItems: 'center', paddingBottom: '.4rem' }}>
          <input type="checkbox" checked={params.countAccounts} onChange={(e) => set({ countAccounts: e.target.checked })} />
          Count accounts
        </label>
        {params.limit && (
          <span className="pams-chip">
            Top {params.limit}
            <button type="button" aria-label="Show every row" onClick={() => set({ limit: undefined })}>
              ×
            </button>
          </span>
        )}
      </div>
      <div className="pams-toolbar" role="group" aria-label="Filters" style={{ marginBottom: 0 }}>
        <ListSelect label="Region" values={params.filter.regionIds} options={regionOptions(bootstrap)} onChange={(regionIds) => setFilter({ regionIds })} />
        <ListSelect
          label="Category"
          values={params.filter.categories}
          options={CATEGORY_OPTIONS}
          onChange={(categories) => setFilter({ categories, types: params.filter.types.filter((t) => categories.length === 0 || categoryTypes(categories[0]).includes(t)) })}
        />
        <ListSelect<ActivityType>
          label="Type"
          values={params.filter.types}
          options={types.map((t) => ({ value: t as ActivityType, label: ACTIVITY_TYPE_LABELS[t] }))}
          onChange={(types) => setFilter({ types })}
        />
        <ListSelect label="Call type" values={params.filter.callTypes} options={CALL_TYPE_OPTIONS} onChange={(callTypes) => setFilter({ callTypes })} />
        <ListSelect
          label="Industry"
          values={params.filter.industryIds}
          options={(bootstrap?.industries ?? []).map((i) => ({ value: i.id, label: i.name }))}
          onChange={(industryIds) => setFilter({ industryIds })}
        />
        <div className="pams-field" role="radiogroup" aria-label="View">
          View
          <div style={{ display: 'flex', gap: '.3rem' }}>
            {VIEWS.map((view) => (
              <button
                key={view.value}
                type="button"
                role="radio"
                aria-checked={params.view === view.value}
                className={params.view === view.value ? 'pams-button' : 'pams-button pams-button-quiet'}
                onClick={() => set({ view: view.value })}
              >
                {view.label}
              </button>
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}

function categoryTypes(category: ActivityCategory): readonly string[] {
  return category === 'EXTERNAL' ? EXTERNAL_TYPES : INTERNAL_TYPES;
}
