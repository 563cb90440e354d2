import { outcomeReportExportUrl, type OutcomeReportInput, type OutcomeTable } from '@pams/client-reports-data-access';
import { ExportBar } from '../exports/export-bar.js';

const WHAT: Record<OutcomeTable, string> = { rows: 'the wins & losses totals', outcomes: 'the outcomes' };

/** Export buttons of one of the two tables of wins & losses (the grouped totals, or the outcomes themselves). */
export function OutcomeExports({ input, table }: { input: OutcomeReportInput; table: OutcomeTable }) {
  return <ExportBar what={WHAT[table]} kind="OUTCOME_REPORT" params={{ input, table }} hrefOf={(format) => outcomeReportExportUrl(input, table, format)} />;
}
