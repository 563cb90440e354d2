/** What a cell holds: text, a number, or nothing. Dates are `YYYY-MM-DD`, timestamps ISO 8601 text. */
export type Cell = string | number | null;

/**
 * How writers treat a column: XLSX types its cells, PDF right-aligns numbers, CSV writes them plainly; a `json`
 * column holds JSON text, embedded as its value in a JSON export and written as text elsewhere.
 */
export type ColumnType = 'text' | 'number' | 'date' | 'datetime' | 'json';

export interface ExportColumn {
  key: string;
  header: string;
  type: ColumnType;
  /** Relative width in the PDF (default by type); 0 leaves the column out of the PDF (CSV and XLSX hold every one). */
  pdfWidth?: number;
}

export type ExportRow = Record<string, Cell>;

/**
 * A table to export: its columns and its rows in batches, read as the writer asks for them, so the
 * memory a long export takes does not grow with its row count.
 */
export interface TableSource {
  /** The document's title (PDF heading, XLSX sheet name). */
  title: string;
  /** The range and filters, in one line (PDF, under the title). */
  description: string;
  columns: ExportColumn[];
  /** How many rows `batches` yields, when known up front (PDF page count, job progress). */
  total: number | null;
  batches(): AsyncIterable<ExportRow[]>;
}

/** A source whose rows are already in memory (reports are bounded by their own limits). */
export function inMemorySource(meta: Omit<TableSource, 'batches' | 'total'>, rows: readonly ExportRow[], batchSize = 1_000): TableSource {
  return {
    ...meta,
    total: rows.length,
    async *batches() {
      for (let i = 0; i < rows.length; i += batchSize) yield rows.slice(i, i + batchSize);
    },
  };
}
