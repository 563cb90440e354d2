/**
 * The columns of a CRM export that the outcome import reads (P-024). Headers are matched regardless of
 * case, spacing and punctuation ("Opportunity ID", "opportunity_id", "OPPORTUNITY-ID" are one header);
 * each column has a few aliases seen in CRM exports. Columns not listed are ignored.
 */
export type ImportField =
  | 'crmId'
  | 'accountName'
  | 'projectName'
  | 'result'
  | 'closeDate'
  | 'reason'
  | 'mrrAmount'
  | 'currency'
  | 'oneTimeValue'
  | 'salesRep'
  | 'competitors'
  | 'crmLink';

export interface ImportColumn {
  field: ImportField;
  /** The header the template and error messages use. */
  header: string;
  aliases: readonly string[];
  required: boolean;
}

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { field: 'crmId', header: 'Opportunity ID', aliases: ['Opportunity Id', 'Opp ID', 'CRM ID', 'Deal ID', 'Record ID'], required: true },
  { field: 'accountName', header: 'Account Name', aliases: ['Account', 'Customer', 'Customer Name', 'Company'], required: true },
  { field: 'projectName', header: 'Opportunity Name', aliases: ['Opportunity', 'Project', 'Project Name', 'Deal Name', 'Deal'], required: true },
  { field: 'result', header: 'Stage', aliases: ['Result', 'Outcome', 'Won/Lost', 'Win/Loss', 'Status'], required: true },
  { field: 'closeDate', header: 'Close Date', aliases: ['Closed Date', 'Date Closed', 'Closed On', 'Close Month'], required: true },
  { field: 'reason', header: 'Win/Loss Reason', aliases: ['Reason', 'Won Reason', 'Lost Reason', 'Closed Reason', 'Won/Lost Reason'], required: true },
  { field: 'mrrAmount', header: 'MRR', aliases: ['Monthly Recurring Revenue', 'MRR Amount', 'Amount (MRR)', 'Amount'], required: false },
  { field: 'currency', header: 'Currency', aliases: ['MRR Currency', 'Opportunity Currency', 'Amount Currency'], required: false },
  { field: 'oneTimeValue', header: 'One-time Value', aliases: ['One Time Value', 'OTV', 'One-time Fee'], required: false },
  { field: 'salesRep', header: 'Sales Rep', aliases: ['Opportunity Owner', 'Account Owner', 'Sales Owner', 'Owner'], required: false },
  { field: 'competitors', header: 'Competitors', aliases: ['Competitor', 'Main Competitor'], required: false },
  { field: 'crmLink', header: 'Opportunity URL', aliases: ['CRM Link', 'Link', 'URL', 'Opportunity Link'], required: false },
];

/** A header as compared: lower case, letters and digits only. */
export function headerKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const FIELD_OF_KEY = new Map<string, ImportField>(
  IMPORT_COLUMNS.flatMap((column) => [column.header, ...column.aliases].map((name) => [headerKey(name), column.field] as const)),
);

export type HeaderMap = Partial<Record<ImportField, number>>;

/** Which column (1-based) holds each field, or the file-level problem with the header row. */
export function mapHeaders(headers: readonly string[]): { columns: HeaderMap } | { error: string } {
  const columns: HeaderMap = {};
  const twice: string[] = [];
  headers.forEach((header, i) => {
    const field = FIELD_OF_KEY.get(headerKey(header));
    if (!field) return;
    if (columns[field] !== undefined) twice.push(header);
    else columns[field] = i + 1;
  });
  const missing = IMPORT_COLUMNS.filter((c) => c.required && columns[c.field] === undefined);
  if (missing.length > 0) {
    const names = missing.map((c) => `"${c.header}"`).join(', ');
    return { error: `The first row must name the columns; missing: ${names}. Expected headers: ${IMPORT_COLUMNS.map((c) => c.header).join(', ')}.` };
  }
  if (twice.length > 0) return { error: `A column is named twice: ${twice.map((h) => `"${h}"`).join(', ')}.` };
  return { columns };
}
