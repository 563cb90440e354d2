import { describe, expect, it } from 'vitest';
import type { ReportPreset } from '@pams/client-reports-data-access';
import { applyBuiltin, BUILTIN_REPORTS, builtinHref, currentBuiltin } from './builtin-reports.js';
import { outcomeHref, outcomeInput, readOutcomeParams } from './outcome-params.js';
import { definitionOf, paramsOfPreset, readReportParams, reportHref, reportInput } from './report-params.js';

const REGION = '0b6f3f4e-8a47-4c1e-9d55-3f1d9c2b7a10';
const OTHER_REGION = '1c7a4e5f-9b58-4d2f-8e66-4a2e8d3c8b21';
const read = (query: string) => readReportParams(new URLSearchParams(query));

describe('report URL ↔ activityReport input', () => {
  it('opens on this month by type, everything else default', () => {
    const params = read('');
    expect(reportInput(params, '2025-03')).toEqual({ from: '2025-03', to: '2025-03', groupBy: ['TYPE'], orderBy: 'COUNT_DESC' });
    expect(reportHref(params)).toBe('/reports');
  });

  it('maps every parameter to the input, and back to the same URL', () => {
    const url = `/reports?from=2024-11&to=2025-02&by=INDUSTRY%2CREGION%2CMONTH&region=${REGION}&category=EXTERNAL&type=CUSTOMER_CALL%2CPOC&call=DEMO&order=KEY&accounts=1&limit=10&view=BAR`;
    const params = read(url.split('?')[1]);
    expect(reportInput(params, '2025-03')).toEqual({
      from: '2024-11',
      to: '2025-02',
      groupBy: ['INDUSTRY', 'REGION', 'MONTH'],
      orderBy: 'KEY',
      filter: { regionIds: [REGION], categories: ['EXTERNAL'], types: ['CUSTOMER_CALL', 'POC'], callTypes: ['DEMO'] },
      countAccounts: true,
      limit: 10,
    });
    expect(reportHref(params)).toBe(url);
  });

  it('resolves "the last N months" against the current month, across a year end', () => {
    expect(reportInput(read('last=3'), '2025-02')).toMatchObject({ from: '2024-12', to: '2025-02' });
    expect(reportInput(read('last=12'), '2025-02')).toMatchObject({ from: '2024-03', to: '2025-02' });
  });

  it('sorts filter ids, so the same filter in any order asks the same (cached) question', () => {
    const a = reportInput(read(`region=${OTHER_REGION},${REGION}`), '2025-03');
    const b = reportInput(read(`region=${REGION},${OTHER_REGION}`), '2025-03');
    expect(a).toEqual(b);
  });

  it('drops what a hand-edited URL gets wrong instead of sending it', () => {
    const params = read('from=2025-13&last=0&by=TYPE,NOPE,TYPE,REGION,MONTH,OWNER&region=not-an-id&type=NAP&order=X&limit=99999&view=PIE');
    expect(reportInput(params, '2025-03')).toEqual({ from: '2025-03', to: '2025-03', groupBy: ['TYPE', 'REGION', 'MONTH'], orderBy: 'COUNT_DESC' });
    expect(params.view).toBe('TABLE');
    // A reversed range is read the right way round; "by=" alone is totals only.
    expect(reportInput(read('from=2025-04&to=2025-01&by='), '2025-06')).toMatchObject({ from: '2025-01', to: '2025-04', groupBy: [] });
  });
});

describe('presets', () => {
  it('keep a relative range relative and a fixed one fixed, and open as the report that was saved', () => {
    const relative = read(`last=3&by=OWNER&region=${REGION}&view=LINE`);
    expect(definitionOf(relative)).toEqual({
      lastMonths: 3,
      groupBy: ['OWNER'],
      orderBy: 'COUNT_DESC',
      countAccounts: false,
      chart: 'LINE',
      filter: { regionIds: [REGION] },
    });
    const fixed = read('from=2025-01&to=2025-02&by=TYPE&accounts=1');
    expect(definitionOf(fixed)).toMatchObject({ from: '2025-01', to: '2025-02', countAccounts: true, chart: 'TABLE' });
    expect(definitionOf(fixed)).not.toHaveProperty('lastMonths');

    const preset: ReportPreset = {
      id: 'f3a1b2c4-1111-4222-8333-944455556666',
      name: 'Mine',
      version: 1,
      visibility: 'PERSONAL',
      regionId: null,
      regionName: null,
      ownerId: 'o',
      ownerName: 'O',
      editable: true,
      definition: {
        chart: 'LINE',
        countAccounts: false,
        from: null,
        to: null,
        lastMonths: 3,
        groupBy: ['OWNER'],
        orderBy: 'COUNT_DESC',
        limit: null,
        filter: { regionIds: [REGION], accountIds: null, callTypes: null, categories: null, industryIds: null, ownerIds: null, salesRepIds: null, types: null, useCaseIds: null },
      },
    };
    expect(paramsOfPreset(preset)).toEqual({ ...relative, preset: preset.id });

    // A top 10 stays a top 10 when saved and opened again.
    const top = read('last=1&by=SALES_REP&limit=10');
    expect(definitionOf(top)).toMatchObject({ groupBy: ['SALES_REP'], limit: 10 });
    expect(paramsOfPreset({ ...preset, definition: { ...preset.definition, groupBy: ['SALES_REP'], lastMonths: 1, filter: null, chart: 'TABLE', limit: 10 } })).toMatchObject({ limit: 10 });
  });
});

describe('named reports', () => {
  it('map to the activityReport inputs they name, keeping the range and the region filter', () => {
    const current = read(`last=3&region=${REGION}&by=MONTH&accounts=1`);
    const input = (id: string) => reportInput(applyBuiltin(BUILTIN_REPORTS.find((r) => r.id === id)!, current), '2025-03');
    const base = { from: '2025-01', to: '2025-03', orderBy: 'COUNT_DESC' };
    expect(input('call-types')).toEqual({ ...base, groupBy: ['CALL_TYPE'], filter: { regionIds: [REGION], types: ['CUSTOMER_CALL'] } });
    expect(input('industry-region')).toEqual({ ...base, groupBy: ['INDUSTRY', 'REGION'], filter: { regionIds: [REGION] } });
    expect(input('industry-totals')).toEqual({ ...base, groupBy: ['INDUSTRY'], filter: { regionIds: [REGION] }, countAccounts: true });
    expect(input('top-sales-reps')).toEqual({ ...base, groupBy: ['SALES_REP'], filter: { regionIds: [REGION], categories: ['EXTERNAL'] }, limit: 10 });
    expect(input('by-presales-user')).toEqual({ ...base, groupBy: ['OWNER'], filter: { regionIds: [REGION] } });
  });

  it('are recognised when the URL is one, and wins & losses open the outcomes page with the same range', () => {
    expect(currentBuiltin(read('by=CATEGORY&view=BAR'))?.id).toBe('internal-external');
    expect(currentBuiltin(read('by=CATEGORY&accounts=1'))).toBeUndefined();
    const wins = BUILTIN_REPORTS.find((r) => r.outcomes)!;
    expect(builtinHref(wins, read(`last=12&region=${REGION}`), reportHref)).toBe(`/reports/outcomes?last=12&region=${REGION}`);
  });
});

describe('outcome URL ↔ outcomeReport input', () => {
  it('groups by industry by default, at most two dimensions, and round-trips', () => {
    expect(outcomeInput(readOutcomeParams(new URLSearchParams('')), '2025-03')).toEqual({ from: '2025-03', to: '2025-03', groupBy: ['INDUSTRY'] });
    const params = readOutcomeParams(new URLSearchParams(`from=2025-01&to=2025-03&by=USE_CASE,REGION,MONTH&region=${REGION}`));
    expect(outcomeInput(params, '2025-06')).toEqual({ from: '2025-01', to: '2025-03', groupBy: ['USE_CASE', 'REGION'], regionIds: [REGION] });
    expect(outcomeHref(params)).toBe(`/reports/outcomes?from=2025-01&to=2025-03&by=USE_CASE%2CREGION&region=${REGION}`);
  });
});
