import type { ChangeEvent } from 'react';
import type { ActivitiesBootstrapQuery, ActivityCategory, ActivityScope, ActivityType } from '@pams/client-activities-data-access';
import { ACTIVITY_TYPE_LABELS, EXTERNAL_TYPES, INTERNAL_TYPES } from '@pams/shared-util';
import { SearchField } from '../shared/search-field.js';
import { shiftMonth, type MonthParams } from './month-params.js';

type Bootstrap = ActivitiesBootstrapQuery['bootstrap'];

interface MonthFiltersProps {
  params: MonthParams;
  /** Reference data for the selects; null while it loads (the selects then offer only "All"). */
  bootstrap: Bootstrap | null;
  onChange(next: MonthParams, options?: { replace?: boolean }): void;
}

const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });

export function monthTitle(month: string): string {
  return monthFormat.format(new Date(`${month}-01T00:00:00Z`));
}

/** Month switcher and the filters of the month view (P-002, P-009). */
export function MonthFilters({ params, bootstrap, onChange }: MonthFiltersProps) {
  const set = (patch: Partial<MonthParams>, replace = false) => onChange({ ...params, ...patch }, { replace });
  const select = (field: 'region' | 'industry') => (event: ChangeEvent<HTMLSelectElement>) => set({ [field]: event.target.value || undefined });
  const types = params.category === 'EXTERNAL' ? EXTERNAL_TYPES : params.category === 'INTERNAL' ? INTERNAL_TYPES : [...EXTERNAL_TYPES, ...INTERNAL_TYPES];
  const presets = bootstrap?.presets ?? [{ id: 'mine', label: 'My activities', scope: 'MINE' as ActivityScope }];

  return (
    <div className="pams-toolbar" role="search" aria-label="Filter activities">
      <div className="pams-month-switcher">
        <button type="button" className="pams-button pams-button-quiet" aria-label="Previous month" onClick={() => set({ month: shiftMonth(params.month, -1) })}>
          ‹
        </button>
        <input
          className="pams-input"
          type="month"
          aria-label="Month"
          value={params.month}
          onChange={(event) => event.target.value && set({ month: event.target.value })}
        />
        <button type="button" className="pams-button pams-button-quiet" aria-label="Next month" onClick={() => set({ month: shiftMonth(params.month, 1) })}>
          ›
        </button>
      </div>
      <label className="pams-field">
        Show
        <select className="pams-select" value={params.scope} onChange={(event) => set({ scope: event.target.value as ActivityScope, owner: undefined })}>
          {presets.map((preset) => (
            <option key={preset.id} value={preset.scope}>
              {preset.label}
            </option>
          ))}
          {!presets.some((preset) => preset.scope === params.scope) && <option value={params.scope}>{params.scope.toLowerCase()}</option>}
        </select>
      </label>
      <label className="pams-field">
        Category
        <select
          className="pams-select"
          value={params.category ?? ''}
          onChange={(event) => set({ category: (event.target.value || undefined) as ActivityCategory | undefined, type: undefined })}
        >
          <option value="">All</option>
          <option value="EXTERNAL">External</option>
          <option value="INTERNAL">Internal</option>
        </select>
      </label>
      <label className="pams-field">
        Type
        <select className="pams-select" value={params.type ?? ''} onChange={(event) => set({ type: (event.target.value || undefined) as ActivityType | undefined })}>
          <option value="">All</option>
          {types.map((type) => (
            <option key={type} value={type}>
              {ACTIVITY_TYPE_LABELS[type]}
            </option>
          ))}
        </select>
      </label>
      <label className="pams-field">
        Region
        <select className="pams-select" value={params.region ?? ''} onChange={select('region')}>
          <option value="">All</option>
          {bootstrap?.regions.map((region) => (
            <option key={region.id} value={region.id}>
              {region.name}
            </option>
          ))}
        </select>
      </label>
      <label className="pams-field">
        Industry
        <select className="pams-select" value={params.industry ?? ''} onChange={select('industry')}>
          <option value="">All</option>
          {bootstrap?.industries.map((industry) => (
            <option key={industry.id} value={industry.id}>
              {industry.name}
            </option>
          ))}
        </select>
      </label>
      <SearchField label="Text" value={params.text ?? ''} placeholder="Name, topic, account…" onChange={(text) => set({ text: text || undefined }, true)} />
    </div>
  );
}
