import { PassThrough } from 'node:stream';
import type { Cell, ExportColumn } from '../table-source.js';
import { drained, ended, type TableWriter } from './writer.js';

/** A cell as JSON: a `json` column holds JSON text (e.g. an audit event's changes) and is embedded as the value it encodes. */
export function jsonValue(column: ExportColumn, value: Cell): unknown {
  if (column.type === 'json' && typeof value === 'string') return JSON.parse(value) as unknown;
  return value;
}

/**
 * A JSON array of objects keyed by the columns' keys, for tooling: written batch by batch through a stream
 * that holds the next batch back until the output takes more, so memory does not grow with the row count.
 */
export const writeJson: TableWriter = async (source, out, hooks) => {
  const stream = new PassThrough();
  stream.on('error', (error) => out.destroy(error));
  stream.pipe(out);
  const columns = source.columns;
  let done = 0;
  stream.write('[');
  for await (const batch of source.batches()) {
    let text = '';
    for (const row of batch) {
      const item: Record<string, unknown> = {};
      for (const c of columns) item[c.key] = jsonValue(c, row[c.key] ?? null);
      text += `${done === 0 ? '\n' : ',\n'}${JSON.stringify(item)}`;
      done += 1;
    }
    stream.write(text);
    await hooks?.onRows?.(done);
    await drained(stream, out);
  }
  stream.end(done === 0 ? ']\n' : '\n]\n');
  await ended(out);
};
