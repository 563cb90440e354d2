import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs `work` in a transaction on a clear fork; its flush (and the audit events the flush adds)
 * commits with it. When a concurrent write bumped a version between our read and our flush, the
 * work runs once more on fresh rows: it re-checks the caller's expected version, so a stale edit
 * is answered with a conflict, never applied.
 */
export async function inTransaction<T>(em: EntityManager, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await em.transactional(work, { clear: true });
  } catch (error) {
    if (error instanceof OptimisticLockError) return em.transactional(work, { clear: true });
    throw error;
  }
}

/** The unique constraint a failed flush ran into, or null for any other error. */
export function violatedUnique(error: unknown): string | null {
  if (!(error instanceof UniqueConstraintViolationException)) return null;
  return (error as unknown as { constraint?: string }).constraint ?? '';
}
