import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '@pams/server-core';
import { User } from '@pams/server-identity';
import { LegacyImport, LegacyImportKind, LegacyImportStatus, type LegacyMapping } from '../entities/legacy-import.entity.js';
import { kindSpec } from '../kinds/index.js';
import { squash, type ImportField } from '../kinds/kind-spec.js';
import { LegacyFileError, readLegacyFile, type FileRow } from './read-file.js';
import { BATCH } from './rows-sql.js';

/** Each import field mapped to the first header that names it (by its name or an alias), or to nothing. */
export function suggestMapping(fields: ImportField[], headers: string[]): LegacyMapping {
  const squashed = headers.map(squash);
  const taken = new Set<number>();
  const mapping: LegacyMapping = {};
  // Exact names first, so "Account" goes to `account` before an alias elsewhere claims it.
  for (const pass of ['name', 'alias'] as const) {
    for (const field of fields) {
      if (mapping[field.name] != null) continue;
      const names = pass === 'name' ? [squash(field.name), squash(field.label)] : field.aliases;
      const index = squashed.findIndex((h, i) => !taken.has(i) && names.includes(h));
      if (index >= 0) {
        mapping[field.name] = index;
        taken.add(index);
      }
    }
  }
  for (const field of fields) mapping[field.name] ??= null;
  return mapping;
}

async function insertBatch(em: EntityManager, importId: string, rows: FileRow[]): Promise<void> {
  await em.execute(
    `insert into legacy_import_row (legacy_import_id, row_number, cells, status)
     select ?, (x->>0)::int, x->1, 'PENDING' from jsonb_array_elements(?::jsonb) as x`,
    [importId, JSON.stringify(rows.map((r) => [r.rowNumber, r.cells]))],
  );
  await em.execute('update legacy_import set staged_rows = staged_rows + ? where id = ?', [rows.length, importId]);
}

export interface StageRequest {
  id: string;
  kind: LegacyImportKind;
  fileName: string;
  maxBytes: number;
}

/**
 * Reads an upload into staging as it streams (batches of 1,000 rows, each committed, so progress shows
 * and memory stays flat): the import is created first, then filled, then STAGED with suggested column
 * mappings, or FAILED with the file's problem and no rows kept. Nothing live is touched.
 */
export async function stageUpload(em: EntityManager, viewer: Viewer, request: StageRequest, body: AsyncIterable<Buffer>): Promise<LegacyImport> {
  const imp = em.create(LegacyImport, { id: request.id, kind: request.kind, fileName: request.fileName.slice(0, 200), uploadedBy: em.getReference(User, viewer.id) });
  await em.flush();
  try {
    const file = await readLegacyFile(body, request.maxBytes);
    let batch: FileRow[] = [];
    let total = 0;
    for await (const row of file.rows) {
      batch.push(row);
      if (batch.length === BATCH) {
        await insertBatch(em, imp.id, batch);
        total += batch.length;
        batch = [];
      }
    }
    await insertBatch(em, imp.id, batch);
    total += batch.length;
    if (total === 0) throw new LegacyFileError('The file names its columns but has no rows.');
    await em.refresh(imp);
    Object.assign(imp, { headers: file.headers, mapping: suggestMapping(kindSpec(request.kind).fields, file.headers), status: LegacyImportStatus.STAGED });
    await em.flush();
  } catch (error) {
    const message = error instanceof LegacyFileError ? error.message : 'The upload stopped before the end of the file: upload it again.';
    await em.execute('delete from legacy_import_row where legacy_import_id = ?', [imp.id]);
    await em.refresh(imp);
    Object.assign(imp, { status: LegacyImportStatus.FAILED, error: message, stagedRows: 0 });
    await em.flush();
    if (!(error instanceof LegacyFileError)) throw error;
  }
  return imp;
}
