import type pg from 'pg';

export interface BulkColumn {
  name: string;
  /** PostgreSQL element type of the column's array parameter, e.g. `uuid`, `text`, `int`. */
  type: string;
}

export interface BulkTarget {
  table: string;
  /** Columns given per row, in the order of each row's values. */
  columns: BulkColumn[];
  /** Columns set to one SQL expression for every row (`now()`, a literal). */
  constants?: Record<string, string>;
}

export interface BulkOptions {
  batchSize?: number;
  /** Called after each batch with the rows written so far. */
  onBatch?: (written: number) => void;
}

/**
 * Writes rows in batches of one `insert … select from unnest($1::t[], …)` statement each: one
 * round trip and one parse per batch, whatever its size, so large data sets load in seconds.
 * The caller owns the transaction. Bypasses the ORM: for generated benchmark data only.
 */
export async function insertBatches(client: pg.ClientBase, target: BulkTarget, rows: Iterable<unknown[]>, options: BulkOptions = {}): Promise<number> {
  const batchSize = options.batchSize ?? 5_000;
  const constants = Object.entries(target.constants ?? {});
  const names = [...target.columns.map((c) => c.name), ...constants.map(([name]) => name)].map(quote).join(', ');
  const arrays = target.columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const values = [...target.columns.map((_c, i) => `c${i}`), ...constants.map(([, expression]) => expression)].join(', ');
  const aliases = target.columns.map((_c, i) => `c${i}`).join(', ');
  const sql = `insert into ${quote(target.table)} (${names}) select ${values} from unnest(${arrays}) as r(${aliases})`;

  let written = 0;
  let batch: unknown[][] = target.columns.map(() => []);
  let size = 0;
  const flush = async () => {
    if (size === 0) return;
    await client.query(sql, batch);
    written += size;
    batch = target.columns.map(() => []);
    size = 0;
    options.onBatch?.(written);
  };
  for (const row of rows) {
    for (let i = 0; i < target.columns.length; i += 1) batch[i].push(row[i]);
    size += 1;
    if (size >= batchSize) await flush();
  }
  await flush();
  return written;
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
