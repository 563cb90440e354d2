import type { ActivityReportRow, ReportChart, ReportDimension } from '@pams/client-reports-data-access';
import { monthLabel, shiftMonth } from '../report-range.js';

/** What a chart draws: categories along x, one or more series of activity counts over them. */
export interface ChartData {
  kind: 'bar' | 'line';
  /** Series are stacked (bars with a second dimension). */
  stacked: boolean;
  xLabel: string;
  categories: string[];
  series: { label: string; values: number[] }[];
  /** Why the chart shows less than the table (too many categories or series); null when it shows it all. */
  note: string | null;
}

export const MAX_CATEGORIES = 30;
export const MAX_SERIES = 8;

type Row = Pick<ActivityReportRow, 'keys' | 'activityCount'>;

function monthsFrom(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from; m <= to && months.length < 240; m = shiftMonth(m, 1)) months.push(m);
  return months;
}

/**
 * The chart of a report: a line over months when the view is LINE and the report is grouped by month,
 * else bars along the first dimension; the other dimensions (joined) make the series. Null without grouping.
 */
export function chartOf(
  rows: readonly Row[],
  groupBy: readonly ReportDimension[],
  view: ReportChart,
  range: { from: string; to: string },
  dimensionLabel: (d: ReportDimension) => string,
): ChartData | null {
  if (groupBy.length === 0 || rows.length === 0) return null;
  const monthAt = groupBy.indexOf('MONTH');
  const line = view === 'LINE' && monthAt >= 0;
  const xAt = line ? monthAt : 0;
  const keyOf = (row: Row) => row.keys[xAt]?.id ?? `\u0000${row.keys[xAt]?.label}`;
  const seriesOf = (row: Row) => row.keys.filter((_, i) => i !== xAt).map((k) => k.label).join(' · ') || 'Activities';

  // Categories: every month of the range for months (gaps are zero), else in the report's order.
  const labels = new Map<string, string>();
  if (groupBy[xAt] === 'MONTH') for (const m of monthsFrom(range.from, range.to)) labels.set(m, monthLabel(m));
  for (const row of rows) if (!labels.has(keyOf(row))) labels.set(keyOf(row), row.keys[xAt]?.label ?? '');
  const allKeys = [...labels.keys()];
  const keys = groupBy[xAt] === 'MONTH' ? allKeys : allKeys.slice(0, MAX_CATEGORIES);
  const index = new Map(keys.map((k, i) => [k, i]));

  // Series: the largest first; past MAX_SERIES they are summed as "Other".
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(seriesOf(row), (totals.get(seriesOf(row)) ?? 0) + row.activityCount);
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([label]) => label);
  const kept = ranked.length > MAX_SERIES ? ranked.slice(0, MAX_SERIES - 1) : ranked;
  const hasOther = kept.length < ranked.length;
  const series = [...kept, ...(hasOther ? ['Other'] : [])].map((label) => ({ label, values: keys.map(() => 0) }));
  const slot = new Map(kept.map((label, i) => [label, i]));
  for (const row of rows) {
    const x = index.get(keyOf(row));
    if (x === undefined) continue;
    series[slot.get(seriesOf(row)) ?? series.length - 1].values[x] += row.activityCount;
  }
  const notes: string[] = [];
  if (keys.length < allKeys.length) notes.push(`the first ${keys.length} of ${allKeys.length} ${dimensionLabel(groupBy[xAt]).toLowerCase()} values`);
  if (hasOther) notes.push(`the ${kept.length} largest series, the rest as "Other"`);
  return {
    kind: line ? 'line' : 'bar',
    stacked: !line && series.length > 1,
    xLabel: dimensionLabel(groupBy[xAt]),
    categories: keys.map((k) => labels.get(k)!),
    series,
    note: notes.length > 0 ? `The chart shows ${notes.join(' and ')}; the table has every row.` : null,
  };
}

/** Running sums of the series, for stacked bars drawn from the tallest down. */
export function stackedValues(series: readonly { values: number[] }[]): number[][] {
  const sums: number[][] = [];
  series.forEach((s, i) => sums.push(s.values.map((v, x) => v + (i > 0 ? sums[i - 1][x] : 0))));
  return sums;
}
