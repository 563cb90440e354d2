import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { TableSource } from '../table-source.js';

export type ExportFormatName = 'csv' | 'xlsx' | 'pdf' | 'json';

export interface WriteHooks {
  /** After each batch is handed to the output: rows written so far. */
  onRows?(done: number): Promise<void> | void;
}

/** Writes a table to `out` and ends it; resolves once `out` has finished, rejects on any error. */
export type TableWriter = (source: TableSource, out: Writable, hooks?: WriteHooks) => Promise<void>;

/**
 * Waits until `stream` takes more: the next batch is read from the database only then, so a slow reader
 * holds the export back instead of letting it pile up in memory. Rejects if `out` (the final output,
 * which `stream` may be piped into) closes first.
 */
export async function drained(stream: Writable, out: Writable = stream): Promise<void> {
  if (out.destroyed || stream.destroyed) throw new Error('the output closed before the export finished');
  if (!stream.writableNeedDrain) return;
  await new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      stream.off('drain', onDrain);
      out.off('close', onClose);
      stream.off('error', done);
      out.off('error', done);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error('the output closed before the export finished'));
    stream.on('drain', onDrain);
    out.on('close', onClose);
    stream.on('error', done);
    out.on('error', done);
  });
}

/** Resolves when `out` has flushed everything after `end()`. */
export function ended(out: Writable): Promise<void> {
  return finished(out);
}
