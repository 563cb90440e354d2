import { activityReportExportUrl, type ActivityReportInput } from '@pams/client-reports-data-access';
import { ExportBar } from '../exports/export-bar.js';

/** The builder's export buttons: the report on the page (`input`, every row, not only those shown) as CSV, XLSX or PDF. */
export function ReportExports({ input, rowCount }: { input: ActivityReportInput; rowCount?: number }) {
  return <ExportBar what="the report" kind="ACTIVITY_REPORT" params={{ input }} hrefOf={(format) => activityReportExportUrl(input, format)} rowCount={rowCount} />;
}
