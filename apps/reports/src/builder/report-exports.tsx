import type { ActivityReportInput } from '@pams/client-reports-data-access';

/**
 * The place for the builder's export buttons (CSV, XLSX, PDF, the monthly email package). The server side
 * (endpoints under /exports/…) is being built separately; until it ships this renders nothing, so no button
 * promises a download that does not exist. The buttons will export `input`, the report on the page.
 */
export function ReportExports(_props: { input: ActivityReportInput }) {
  return null;
}
