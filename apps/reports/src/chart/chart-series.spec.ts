import { describe, expect, it } from 'vitest';
import type { ReportDimension } from '@pams/client-reports-data-access';
import { chartOf, MAX_SERIES, stackedValues } from './chart-series.js';

const label = (d: ReportDimension) => d.charAt(0) + d.slice(1).toLowerCase();
const row = (count: number, ...keys: [ReportDimension, string][]) => ({ activityCount: count, keys: keys.map(([dimension, id]) => ({ dimension, id, label: id })) });
const range = { from: '2025-01', to: '2025-03' };

describe('chartOf', () => {
  it('draws one dimension as one series of bars in the report order', () => {
    const chart = chartOf([row(5, ['TYPE', 'POC']), row(2, ['TYPE', 'SOW'])], ['TYPE'], 'BAR', range, label);
    expect(chart).toEqual({ kind: 'bar', stacked: false, xLabel: 'Type', categories: ['POC', 'SOW'], series: [{ label: 'Activities', values: [5, 2] }], note: null });
  });

  it('draws a line over every month of the range, a series per other key, gaps as zero', () => {
    const rows = [row(3, ['TYPE', 'POC'], ['MONTH', '2025-01']), row(1, ['TYPE', 'SOW'], ['MONTH', '2025-03']), row(4, ['TYPE', 'POC'], ['MONTH', '2025-03'])];
    const chart = chartOf(rows, ['TYPE', 'MONTH'], 'LINE', range, label)!;
    expect(chart.kind).toBe('line');
    expect(chart.categories).toEqual(['Jan 2025', 'Feb 2025', 'Mar 2025']);
    expect(chart.series).toEqual([
      { label: 'POC', values: [3, 0, 4] },
      { label: 'SOW', values: [0, 0, 1] },
    ]);
  });

  it('stacks a second dimension on bars and folds the smallest series into "Other"', () => {
    const rows = Array.from({ length: MAX_SERIES + 2 }, (_, i) => row(100 - i, ['INDUSTRY', 'Retail'], ['REGION', `R${i}`]));
    const chart = chartOf(rows, ['INDUSTRY', 'REGION'], 'BAR', range, label)!;
    expect(chart.stacked).toBe(true);
    expect(chart.series).toHaveLength(MAX_SERIES);
    expect(chart.series.at(-1)).toEqual({ label: 'Other', values: [100 - 7 + 100 - 8 + 100 - 9] });
    expect(chart.note).toMatch(/"Other"/);
    expect(stackedValues([{ values: [1, 2] }, { values: [3, 4] }])).toEqual([[1, 2], [4, 6]]);
  });

  it('has nothing to draw without grouping or rows', () => {
    expect(chartOf([row(1)], [], 'BAR', range, label)).toBeNull();
    expect(chartOf([], ['TYPE'], 'BAR', range, label)).toBeNull();
  });
});
