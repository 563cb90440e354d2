import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Rows are sent in chunks of about this many characters: few writes, bounded memory. */
const CHUNK_CHARS = 256 * 1024;

/**
 * Streams rows into a table with `COPY … FROM STDIN` (text format): no statement per row or per
 * batch, no parameters, the fastest way into PostgreSQL short of a file on the server. Rows are
 * generated lazily, so a million of them never sit in memory. The caller owns the transaction.
 */
export async function copyRows(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly unknown[]>,
  onRows?: (written: number) => void,
): Promise<number> {
  let count = 0;
  function* chunks(): Generator<string> {
    let chunk = '';
    for (const row of rows) {
      let line = '';
      for (let i = 0; i < row.length; i += 1) {
        if (i > 0) line += '\t';
        line += field(row[i]);
      }
      chunk += line + '\n';
      count += 1;
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = '';
        onRows?.(count);
      }
    }
    if (chunk) yield chunk;
    onRows?.(count);
  }
  const sql = `copy "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) from stdin`;
  await pipeline(Readable.from(chunks(), { objectMode: false }), client.query(copyFrom(sql)));
  return count;
}

/** One value in COPY's text format: `\N` for null, backslash escapes for the separators. */
function field(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, escape) : value;
  return String(value);
}

function escape(ch: string): string {
  return ch === '\\' ? '\\\\' : ch === '\t' ? '\\t' : ch === '\n' ? '\\n' : '\\r';
}
