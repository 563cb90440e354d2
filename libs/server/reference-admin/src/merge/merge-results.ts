import { OptimisticLockError } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { UseCase } from '@pams/server-reference';
import type { MergeRecord } from './merge-plan.js';
import { ReferenceMerge } from './reference-merge.entity.js';
import {
  ReferenceMergeAlreadyUndone,
  ReferenceMergeBlocked,
  ReferenceMergeType,
  ReferenceMergeVersionConflict,
  ReferenceRecordsVersionConflict,
  type ReferenceMergeBlocker,
  type ReferenceMergeRecord,
} from './reference-merge.types.js';

/**
 * Runs `work` in one READ COMMITTED transaction (the rollup triggers of ADR 0013 refuse a
 * re-classification under REPEATABLE READ) on a clear fork. A concurrent edit of a moved row
 * between our read and our flush fails the flush on its version: the work runs once more on fresh
 * rows, re-checking every expected version.
 */
export async function inMergeTransaction<T>(em: EntityManager, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await em.transactional(work, { clear: true });
  } catch (error) {
    if (error instanceof OptimisticLockError) return em.transactional(work, { clear: true });
    throw error;
  }
}

export function recordOf(record: MergeRecord): ReferenceMergeRecord {
  const useCase = record instanceof UseCase ? record : null;
  return {
    id: record.id,
    name: record.name,
    active: record.active,
    version: record.version,
    bucket: useCase?.bucket ?? null,
    industryId: useCase ? (useCase.industry?.id ?? null) : null,
  };
}

export function blocked(blockers: ReferenceMergeBlocker[], message = 'Nothing was merged: resolve what is listed first.'): ReferenceMergeBlocked {
  return Object.assign(new ReferenceMergeBlocked(), { message, blockers });
}

export function recordsConflict(records: MergeRecord[]): ReferenceRecordsVersionConflict {
  return Object.assign(new ReferenceRecordsVersionConflict(), {
    message: 'A record of this merge changed since the preview. Nothing was merged: preview again.',
    current: records.map(recordOf),
  });
}

function toType(journal: ReferenceMerge): ReferenceMergeType {
  return Object.assign(new ReferenceMergeType(), {
    id: journal.id,
    version: journal.version,
    kind: journal.kind,
    baseId: journal.baseId,
    mergedIds: journal.mergedIds,
    name: journal.baseAfter.name,
    counts: journal.counts,
    createdById: journal.createdById ?? null,
    createdAt: journal.createdAt,
    undoneAt: journal.undoneAt ?? null,
  });
}

export { toType as mergeTypeOf };

/** The journal `id` as the API shows it, read afresh. */
export async function asMergeType(em: EntityManager, id: string): Promise<ReferenceMergeType> {
  const journal = await em.fork().findOneOrFail(ReferenceMerge, { id });
  return toType(journal);
}

export function mergeConflict(journal: ReferenceMerge): ReferenceMergeVersionConflict {
  return Object.assign(new ReferenceMergeVersionConflict(), {
    message: 'This merge changed since you opened it (it may have been undone). Nothing was done.',
    current: toType(journal),
  });
}

export function alreadyUndone(journal: ReferenceMerge): ReferenceMergeAlreadyUndone {
  return Object.assign(new ReferenceMergeAlreadyUndone(), { message: 'This merge has already been undone.', current: toType(journal) });
}
