import { getFragmentData, type FragmentType } from './gql/fragment-masking.js';
import {
  ExportJobFieldsFragmentDoc,
  type ActivityReportInput,
  type ExportFormat,
  type ExportJobFieldsFragment,
  type OutcomeReportInput,
} from './gql/graphql.js';

export { ExportJobDocument, MonthlyEmailPreviewDocument, StartExportDocument } from './gql/graphql.js';
export type { ExportFormat, ExportJobStatus, ExportKind, MonthlyEmailPreviewQuery, StartExportMutation } from './gql/graphql.js';

/** An export job as the page shows it, read through `...ExportJobFields`. */
export type ExportJobView = ExportJobFieldsFragment;

/** Unwraps `...ExportJobFields` (codegen masks fragments). */
export function exportJobView(ref: FragmentType<typeof ExportJobFieldsFragmentDoc>): ExportJobView {
  return getFragmentData(ExportJobFieldsFragmentDoc, ref);
}

export const EXPORT_FORMATS: readonly ExportFormat[] = ['CSV', 'XLSX', 'PDF'];
/** Which of the two tables of wins & losses a download holds. */
export type OutcomeTable = 'rows' | 'outcomes';

const extension = (format: ExportFormat) => format.toLowerCase();

/** The streamed download of the activity report (`GET /exports/activity-report.<ext>?input=…`). */
export function activityReportExportUrl(input: ActivityReportInput, format: ExportFormat): string {
  return `/exports/activity-report.${extension(format)}?${new URLSearchParams({ input: JSON.stringify(input) })}`;
}

/** The streamed download of one table of wins & losses. */
export function outcomeReportExportUrl(input: OutcomeReportInput, table: OutcomeTable, format: ExportFormat): string {
  return `/exports/outcome-report.${extension(format)}?${new URLSearchParams({ input: JSON.stringify(input), table })}`;
}

function monthRange(from: string, to: string): string {
  return String(new URLSearchParams(from === to ? { from } : { from, to }));
}

/** The monthly report as one PDF (`GET /reports/monthly.pdf?from=…&to=…`). */
export function monthlyReportPdfUrl(from: string, to: string): string {
  return `/reports/monthly.pdf?${monthRange(from, to)}`;
}

/** The monthly email package: HTML body, plain text, charts and attachments in one zip. */
export function emailPackageUrl(from: string, to: string): string {
  return `/reports/email-package.zip?${monthRange(from, to)}`;
}
