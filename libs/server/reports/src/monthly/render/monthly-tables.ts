import type { MonthlyReport } from '../monthly-report.types.js';

export type Cell = string | number | null;

/** One table of the monthly report as every renderer shows it (PDF, email, CSV, XLSX). */
export interface ReportTable {
  /** File-name stem and sheet name source, e.g. `activity-by-type`. */
  key: string;
  title: string;
  columns: string[];
  rows: Cell[][];
  /** Which column a bar chart of this table draws (with column 0 as labels); none for no chart. */
  chartColumn?: number;
}

/** The reporting currency (kept as data on each outcome's rate; reference data says USD). */
export const REPORTING_CURRENCY = 'USD';

/** Bars drawn per chart at most: long tails (presales users) are cut, the table keeps every row. */
export const MAX_CHART_BARS = 15;

export function rangeLabel(report: Pick<MonthlyReport, 'from' | 'to'>): string {
  return report.from === report.to ? monthName(report.from) : `${monthName(report.from)} – ${monthName(report.to)}`;
}

/** `2026-03` → `March 2026`. */
export function monthName(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year, m - 1, 1)).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** A range's file-name part: `2026-03`, or `2026-01_2026-03`. */
export function rangeSlug(report: Pick<MonthlyReport, 'from' | 'to'>): string {
  return report.from === report.to ? report.from : `${report.from}_${report.to}`;
}

export function formatCount(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

export function formatMoney(value: number | null): string {
  return value === null ? '—' : `${REPORTING_CURRENCY} ${value.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
}

export function scopeLabel(report: MonthlyReport): string {
  if (report.scope.allRegions) return 'All regions';
  return report.scope.regionNames.length > 0 ? report.scope.regionNames.join(', ') : 'No regions';
}

/** The headline figures, in the order every renderer lists them. */
export function headlines(report: MonthlyReport): [string, string][] {
  const s = report.summary;
  return [
    ['Activities', formatCount(s.activities)],
    ['External', formatCount(s.external)],
    ['Internal', formatCount(s.internal)],
    ['Effort (days)', formatCount(s.effortDays)],
    ['Effort (hours)', formatCount(s.effortHours)],
    ['Accounts touched', formatCount(s.accountsTouched)],
    ['Wins', formatCount(s.wins)],
    ['Losses', formatCount(s.losses)],
    [`Won MRR (${REPORTING_CURRENCY})`, formatCount(s.wonMrr)],
  ];
}

/** The main tables of the report, in report order. */
export function monthlyTables(report: MonthlyReport): ReportTable[] {
  const effort = (rows: MonthlyReport['activityByType']): Cell[][] => rows.map((r) => [r.label, r.activityCount, r.effortDays, r.effortHours]);
  return [
    {
      key: 'wins-and-losses',
      title: 'Wins and losses',
      columns: ['Month', 'Result', 'Account', 'Project', 'Region', 'Industry', 'Use case', 'Won by', 'Currency', 'MRR (deal currency)', `MRR (${REPORTING_CURRENCY})`, 'Reason', 'CRM link'],
      rows: report.winsAndLosses.map((o) => [
        o.month, o.result, o.accountName, o.projectName, o.regionName, o.industryName, o.useCaseName, o.wonByName, o.currency, o.mrrAmount, o.mrrReporting, o.reason, o.crmLink,
      ]),
    },
    { key: 'activity-by-type', title: 'Activity by type', columns: ['Type', 'Activities', 'Effort days', 'Effort hours'], rows: effort(report.activityByType), chartColumn: 1 },
    { key: 'call-types', title: 'Customer calls by call type', columns: ['Call type', 'Calls', 'Effort days', 'Effort hours'], rows: effort(report.callTypes), chartColumn: 1 },
    {
      key: 'region-activity',
      title: 'Activity by region',
      columns: ['Region', 'Activities', 'External', 'Internal'],
      rows: report.regionActivity.map((r) => [r.label, r.activityCount, r.external, r.internal]),
      chartColumn: 1,
    },
    {
      key: 'missing-crm-links-by-region',
      title: 'Missing CRM links by region',
      columns: ['Region', 'External activities', 'Projects / accounts'],
      rows: report.missingCrmLinksByRegion.map((r) => [r.label, r.activities, r.records]),
      chartColumn: 1,
    },
    {
      key: 'missing-crm-links-by-sales-rep',
      title: 'Missing CRM links by sales rep',
      columns: ['Sales rep', 'External activities', 'Projects / accounts'],
      rows: report.missingCrmLinksBySalesRep.map((r) => [r.label, r.activities, r.records]),
      chartColumn: 1,
    },
    {
      key: 'activity-by-presales-user',
      title: 'Activity by presales user',
      columns: ['Presales user', 'Activities', 'Effort days', 'Effort hours'],
      rows: effort(report.activityByPresalesUser),
      chartColumn: 1,
    },
  ];
}

export interface ChartBar {
  label: string;
  value: number;
}

/** The bars of a table's chart (largest first, at most MAX_CHART_BARS). */
export function chartBars(table: ReportTable): ChartBar[] {
  if (table.chartColumn === undefined) return [];
  const column = table.chartColumn;
  return table.rows
    .map((row) => ({ label: String(row[0] ?? '—'), value: Number(row[column] ?? 0) }))
    .sort((a, b) => b.value - a.value)
    .slice(0, MAX_CHART_BARS);
}
