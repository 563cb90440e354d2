import type { Writable } from 'node:stream';
import { IsolationLevel } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '@pams/server-core';
import { FORMATS, KINDS, type ExportFormat, type ExportKind } from './export-kinds.js';
import type { TableSource } from './table-source.js';
import type { WriteHooks } from './writers/writer.js';

export interface RunExportOptions extends WriteHooks {
  /** Once the source is open (input accepted, first rows read) and before a byte is written. */
  onOpen?(source: TableSource): void | Promise<void>;
}

/**
 * Writes one export to `out` in a single read-only repeatable-read transaction: the row count and every
 * keyset page see the same snapshot, so the file is one consistent picture. `em` must not be in a
 * transaction already.
 */
export async function runExport(
  em: EntityManager,
  viewer: Viewer,
  kind: ExportKind,
  format: ExportFormat,
  params: unknown,
  out: Writable,
  options: RunExportOptions = {},
): Promise<TableSource> {
  return em.transactional(
    async (tx) => {
      const source = await KINDS[kind].open(tx, viewer, params);
      await options.onOpen?.(source);
      await FORMATS[format].write(source, out, options);
      return source;
    },
    { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
  );
}

export function exportFileName(kind: ExportKind, format: ExportFormat, params: unknown): string {
  return `${KINDS[kind].fileBase(params)}.${FORMATS[format].extension}`;
}
