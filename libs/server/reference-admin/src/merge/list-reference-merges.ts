import type { EntityManager } from '@mikro-orm/postgresql';
import { publicError } from '@pams/server-core';
import { mergeTypeOf } from './merge-results.js';
import { ReferenceMerge, type ReferenceMergeKind } from './reference-merge.entity.js';
import type { ReferenceMergeType } from './reference-merge.types.js';

const MAX_MERGES = 200;

/** The latest merges (their moves are not loaded: the list needs only the counts). */
export async function listReferenceMerges(em: EntityManager, kind: ReferenceMergeKind | null, first: number): Promise<ReferenceMergeType[]> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_MERGES) throw publicError('BAD_USER_INPUT', `"first" must be between 1 and ${MAX_MERGES}.`);
  const journals = await em.find(ReferenceMerge, kind ? { kind } : {}, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: first });
  return journals.map(mergeTypeOf);
}
