import type { EntityManager } from '@mikro-orm/postgresql';
import type { FieldError } from '@pams/server-core';
import type { LegacyDifference, LegacyRowStatus, LegacyValueChoice } from '../entities/legacy-import.entity.js';

/** Rows per batch: every pass reads, checks and writes this many at a time. */
export const BATCH = 1_000;

export interface StagedRow {
  row_number: number;
  cells: (string | null)[];
  status: LegacyRowStatus;
  natural_key: string | null;
  incoming: Record<string, unknown> | null;
  display: Record<string, string | null> | null;
  differences: LegacyDifference[] | null;
  choices: Record<string, LegacyValueChoice> | null;
  target_id: string | null;
  target_version: number | null;
  applied: 'CREATED' | 'UPDATED' | null;
  applied_version: number | null;
  journal: Record<string, unknown> | null;
  reasons: FieldError[] | null;
}

/** The next batch of an import's rows after `after` (keyset on the row number), optionally of some statuses. */
export async function rowBatch(em: EntityManager, importId: string, after: number, where = 'true', params: unknown[] = []): Promise<StagedRow[]> {
  return em.execute<StagedRow[]>(
    `select * from legacy_import_row where legacy_import_id = ? and row_number > ? and (${where}) order by row_number limit ${BATCH}`,
    [importId, after, ...params],
  );
}

/** Writes some columns of a batch of rows in one statement. */
export async function updateRows(em: EntityManager, importId: string, rows: Partial<StagedRow>[], set: (keyof StagedRow)[]): Promise<void> {
  if (rows.length === 0) return;
  const types: Partial<Record<keyof StagedRow, string>> = {
    status: 'text',
    natural_key: 'text',
    incoming: 'jsonb',
    display: 'jsonb',
    differences: 'jsonb',
    choices: 'jsonb',
    target_id: 'uuid',
    target_version: 'int',
    applied: 'text',
    applied_version: 'int',
    journal: 'jsonb',
    reasons: 'jsonb',
  };
  const record = ['row_number int', ...set.map((c) => `${c} ${types[c]}`)].join(', ');
  await em.execute(
    `update legacy_import_row r set ${set.map((c) => `${c} = x.${c}`).join(', ')}
     from jsonb_to_recordset(?::jsonb) as x(${record})
     where r.legacy_import_id = ? and r.row_number = x.row_number`,
    [JSON.stringify(rows), importId],
  );
}
