import type { EntityManager } from '@mikro-orm/postgresql';
import { publicError, type Viewer } from '@pams/server-core';
import { OutcomeDimension, outcomeReport, type OutcomeMeasures, type OutcomeReportInput } from '@pams/server-reports';
import { checkShape, enumOf, ID_LIST, listOf, type Shape } from '../input-shape.js';
import { inMemorySource, type ExportColumn, type ExportRow, type TableSource } from '../table-source.js';
import { monthRangeLabel, monthRangeSlug } from './describe.js';

export type OutcomeTable = 'rows' | 'outcomes';

export interface OutcomeReportParams {
  input: OutcomeReportInput;
  /** The grouped rows with their totals, or the wins and losses themselves. */
  table: OutcomeTable;
}

const INPUT: Shape = {
  kind: 'object',
  name: 'OutcomeReportInput',
  required: true,
  fields: {
    from: { kind: 'string', required: true },
    to: { kind: 'string', required: true },
    groupBy: listOf(enumOf(OutcomeDimension, 'OutcomeDimension'), true),
    regionIds: ID_LIST,
  },
};

const DIMENSION_HEADERS: Record<OutcomeDimension, string> = {
  MONTH: 'Month',
  REGION: 'Region',
  INDUSTRY: 'Industry',
  USE_CASE: 'Use case',
  WON_BY: 'Won by',
  ACCOUNT_KIND: 'Account kind',
};

const MEASURE_COLUMNS: ExportColumn[] = [
  { key: 'won', header: 'Won', type: 'number' },
  { key: 'lost', header: 'Lost', type: 'number' },
  { key: 'winRate', header: 'Win rate', type: 'number' },
  { key: 'wonMrr', header: 'Won MRR', type: 'number' },
  { key: 'lostMrr', header: 'Lost MRR', type: 'number' },
  { key: 'wonOneTime', header: 'Won one-time', type: 'number' },
  { key: 'wonActivities', header: 'Activities on wins', type: 'number' },
  { key: 'wonEffortDays', header: 'Effort on wins (days)', type: 'number' },
  { key: 'wonEffortHours', header: 'Effort on wins (hours)', type: 'number' },
  { key: 'activitiesPerWin', header: 'Activities per win', type: 'number' },
];

const OUTCOME_COLUMNS: ExportColumn[] = [
  { key: 'month', header: 'Month', type: 'text', pdfWidth: 1 },
  { key: 'result', header: 'Result', type: 'text', pdfWidth: 0.8 },
  { key: 'accountName', header: 'Account', type: 'text' },
  { key: 'projectName', header: 'Project', type: 'text' },
  { key: 'industryName', header: 'Industry', type: 'text' },
  { key: 'useCaseName', header: 'Use case', type: 'text' },
  { key: 'regionName', header: 'Region', type: 'text', pdfWidth: 1.4 },
  { key: 'wonByName', header: 'Won by', type: 'text' },
  { key: 'currency', header: 'Currency', type: 'text', pdfWidth: 0 },
  { key: 'mrrAmount', header: 'MRR (deal currency)', type: 'number', pdfWidth: 0 },
  { key: 'mrrReporting', header: 'MRR', type: 'number' },
  { key: 'oneTimeReporting', header: 'One-time', type: 'number' },
  { key: 'reason', header: 'Reason', type: 'text', pdfWidth: 0 },
  { key: 'competitors', header: 'Competitors', type: 'text', pdfWidth: 0 },
  { key: 'accountKind', header: 'Account kind', type: 'text', pdfWidth: 0 },
  { key: 'crmLink', header: 'CRM link', type: 'text', pdfWidth: 0 },
];

export function parseOutcomeReportParams(params: Record<string, unknown>): OutcomeReportParams {
  const input = checkShape<OutcomeReportInput>(params.input, INPUT, 'input');
  const table = params.table ?? 'rows';
  if (table !== 'rows' && table !== 'outcomes') throw publicError('BAD_USER_INPUT', '"table" must be rows or outcomes.');
  return { input, table };
}

export function outcomeReportFileBase(params: OutcomeReportParams): string {
  return `pams-${params.table === 'outcomes' ? 'outcomes' : 'outcome-report'}-${monthRangeSlug(params.input.from, params.input.to)}`;
}

function measures(m: OutcomeMeasures): ExportRow {
  return { ...m };
}

/** The report's grouped rows and totals, or its outcomes list, as outcomeReport answers the viewer. */
export async function outcomeReportSource(em: EntityManager, viewer: Viewer, params: OutcomeReportParams): Promise<TableSource> {
  const report = await outcomeReport(em, viewer, params.input);
  const range = monthRangeLabel(report.from, report.to);
  const asOf = `as of ${report.asOf.toISOString()}`;
  const regions = params.input.regionIds?.length ? `Regions: ${params.input.regionIds.length} selected` : 'All regions in scope';
  if (params.table === 'outcomes') {
    const rows = report.outcomes.map((o): ExportRow => Object.fromEntries(OUTCOME_COLUMNS.map((c) => [c.key, (o as unknown as ExportRow)[c.key] ?? null])));
    return inMemorySource({ title: `Wins and losses — ${range}`, description: `${regions} · largest MRR first · ${asOf}`, columns: OUTCOME_COLUMNS }, rows);
  }
  const columns: ExportColumn[] = [
    ...report.groupBy.map((d, i): ExportColumn => ({ key: `k${i}`, header: DIMENSION_HEADERS[d], type: 'text', pdfWidth: 2 })),
    ...MEASURE_COLUMNS,
  ];
  const keyed = (labels: (string | null)[], m: OutcomeMeasures): ExportRow => {
    const row = measures(m);
    labels.forEach((label, i) => (row[`k${i}`] = label));
    return row;
  };
  const rows = report.rows.map((r) => keyed(r.keys.map((k) => k.label), r));
  rows.push(keyed(report.groupBy.map((_, i) => (i === 0 ? 'Total' : null)), report.totals));
  const by = report.groupBy.length > 0 ? `By ${report.groupBy.map((d) => DIMENSION_HEADERS[d]).join(', ')}` : 'Totals';
  return inMemorySource({ title: `Outcome report — ${range}`, description: `${by} · ${regions} · ${asOf}`, columns }, rows);
}
