import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid, notFound, type NotFound, type Viewer } from '@pams/server-core';
import { Account, Project } from '@pams/server-accounts';
import { Industry, UseCase } from '@pams/server-reference';
import { MonthlyReportOverride, ReportPreset } from '@pams/server-reports';
import type { UseCaseBucket } from '@pams/shared-util';
import { loadRecords, type MergeRecord } from './merge-plan.js';
import { alreadyUndone, asMergeType, blocked, inMergeTransaction, mergeConflict } from './merge-results.js';
import { ReferenceMerge, ReferenceMergeKind, type MergedRecordFields, type MovedEntity, type MovedReference } from './reference-merge.entity.js';
import {
  ChangedSinceMergeRow,
  ReferenceMergeChangedSince,
  type ReferenceMergeAlreadyUndone,
  type ReferenceMergeBlocked,
  type ReferenceMergeType,
  type ReferenceMergeVersionConflict,
} from './reference-merge.types.js';

type Row = Account | Project | UseCase | MonthlyReportOverride | ReportPreset;

const CLASSES = { Account, Project, UseCase, MonthlyReportOverride, ReportPreset } as const;

function labelOf(row: Row | MergeRecord): string {
  return row instanceof MonthlyReportOverride ? row.month : row.name;
}

/**
 * The moved rows, by entity and id (not locked: a concurrent edit fails our flush on its version and
 * the undo runs again, then naming that row). Projects come with their secondary use cases when the merge moved some. */
async function loadMovedRows(tx: EntityManager, moves: MovedReference[]): Promise<Map<string, Row>> {
  const rows = new Map<string, Row>();
  for (const entity of Object.keys(CLASSES) as MovedEntity[]) {
    const ids = [...new Set(moves.filter((m) => m.entity === entity).map((m) => m.id))];
    if (ids.length === 0) continue;
    const populate = entity === 'Project' && moves.some((m) => m.field === 'secondaryUseCases') ? ['secondaryUseCases'] : [];
    const found = await tx.find(CLASSES[entity] as typeof Account, { id: { $in: ids } }, { populate: populate as never[] });
    for (const row of found as Row[]) rows.set(`${entity}:${row.id}`, row);
  }
  return rows;
}

/** Rows edited or deleted since the merge: their version is no longer the one the merge left. */
function changedSince(journal: ReferenceMerge, records: MergeRecord[], rows: Map<string, Row>): ChangedSinceMergeRow[] {
  const changed: ChangedSinceMergeRow[] = [];
  const recordType = journal.kind === ReferenceMergeKind.INDUSTRY ? 'Industry' : 'UseCase';
  const byId = new Map(records.map((r) => [r.id, r]));
  for (const [id, versionAfterMerge] of Object.entries(journal.recordVersions)) {
    const record = byId.get(id);
    if (record?.version === versionAfterMerge) continue;
    changed.push(Object.assign(new ChangedSinceMergeRow(), { entityType: recordType, id, label: record?.name ?? null, versionAfterMerge, currentVersion: record?.version ?? null }));
  }
  const seen = new Set<string>();
  for (const move of journal.moves) {
    const key = `${move.entity}:${move.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const row = rows.get(key);
    if (row?.version === move.versionAfter) continue;
    changed.push(
      Object.assign(new ChangedSinceMergeRow(), {
        entityType: move.entity,
        id: move.id,
        label: row ? labelOf(row) : null,
        versionAfterMerge: move.versionAfter,
        currentVersion: row?.version ?? null,
      }),
    );
  }
  return changed;
}

function restoreMove(tx: EntityManager, move: MovedReference, row: Row): void {
  switch (move.field) {
    case 'industry':
      (row as Account | UseCase).industry = tx.getReference(Industry, move.before as string);
      break;
    case 'primaryUseCase':
      (row as Project).primaryUseCase = tx.getReference(UseCase, move.before as string);
      break;
    case 'secondaryUseCases':
      (row as Project).secondaryUseCases.set((move.before as string[]).map((id) => tx.getReference(UseCase, id)));
      (row as Project).updatedAt = new Date();
      break;
    case 'featuredUseCaseIds':
      (row as MonthlyReportOverride).featuredUseCaseIds = [...(move.before as string[])];
      break;
    case 'definition':
      (row as ReportPreset).definition = structuredClone(move.before as Record<string, unknown>);
      break;
  }
}

function restoreRecord(tx: EntityManager, record: MergeRecord, before: MergedRecordFields): void {
  record.name = before.name;
  record.active = before.active;
  if (record instanceof UseCase) {
    record.bucket = before.bucket as UseCaseBucket;
    record.industry = before.industryId ? tx.getReference(Industry, before.industryId) : null;
  }
}

/**
 * Puts back everything merge `id` changed, from its journal, in one transaction: every moved
 * reference, the base's and the merged records' names, fields and active flags. Refused, naming
 * the rows, when any of them was edited or deleted since the merge; refused when already undone.
 */
export async function undoReferenceMerge(
  em: EntityManager,
  viewer: Viewer,
  id: string,
  expectedVersion: number,
): Promise<ReferenceMergeType | NotFound | ReferenceMergeVersionConflict | ReferenceMergeAlreadyUndone | ReferenceMergeChangedSince | ReferenceMergeBlocked> {
  if (!isUuid(id)) return notFound('No such merge.');
  try {
    const outcome = await inMergeTransaction(em, async (tx) => {
      const journal = await tx.findOne(ReferenceMerge, { id: id.toLowerCase() }, { populate: ['moves'], lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!journal) return notFound('No such merge.');
      if (journal.undoneAt) return alreadyUndone(journal);
      if (journal.version !== expectedVersion) return mergeConflict(journal);
      const records = await loadRecords(tx, journal.kind, [journal.baseId, ...journal.mergedIds], true);
      const rows = await loadMovedRows(tx, journal.moves);
      const changed = changedSince(journal, records, rows);
      if (changed.length > 0) {
        return Object.assign(new ReferenceMergeChangedSince(), {
          message: `${changed.length} row(s) changed since the merge (${changed
            .slice(0, 5)
            .map((r) => `${r.entityType} ${r.label ?? r.id}`)
            .join(', ')}${changed.length > 5 ? ', …' : ''}): undoing would overwrite them, so nothing was undone.`,
          rows: changed,
        });
      }
      for (const move of journal.moves) restoreMove(tx, move, rows.get(`${move.entity}:${move.id}`)!);
      await tx.flush();
      // The base gives the merged name back before a merged record that held it takes it again.
      const byId = new Map(records.map((r) => [r.id, r]));
      restoreRecord(tx, byId.get(journal.baseId)!, journal.baseBefore);
      await tx.flush();
      for (const before of journal.mergedBefore) restoreRecord(tx, byId.get(before.id)!, before);
      await tx.flush();
      journal.undoneAt = new Date();
      journal.undoneById = viewer.id;
      await tx.flush();
      return 'undone' as const;
    });
    if (outcome === 'undone') return asMergeType(em, id.toLowerCase());
    return outcome;
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      return blocked([], 'A record created or renamed since the merge holds a name this undo must give back: rename it, then undo again.');
    }
    throw error;
  }
}
