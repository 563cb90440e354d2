import type { EntityManager } from '@mikro-orm/postgresql';
import { runInScope, type TaskHandler } from '@pams/server-core';
import { enqueueJob } from '@pams/server-jobs';
import { LegacyImport, LegacyImportStatus } from '../entities/legacy-import.entity.js';
import { checkImport } from './check.js';
import { BatchRefused, commitImport, markRefused } from './commit.js';
import { undoBlockers, undoImport } from './undo.js';

// Colons, not dots: graphile-worker's task names.
export const CHECK_TASK = 'legacy-import:check';
export const COMMIT_TASK = 'legacy-import:commit';
export const UNDO_TASK = 'legacy-import:undo';
/** One step of one import at a time, in the order asked: a commit never races a dry run or an undo. */
export const LEGACY_IMPORT_QUEUE = 'legacy-import';

export interface LegacyImportJob {
  importId: string;
  /** The admin who asked: the audit names them, not "system". */
  actorId: string;
}

export async function enqueueStep(tx: EntityManager, task: string, job: LegacyImportJob): Promise<string> {
  return enqueueJob(tx, task, job, { queueName: LEGACY_IMPORT_QUEUE, maxAttempts: 1 });
}

function asActor<T>(job: LegacyImportJob, jobId: string, fn: () => Promise<T>): Promise<T> {
  return runInScope({ requestId: `job-${jobId}`, actorId: job.actorId, actorKind: 'session' }, fn);
}

export const checkTask: TaskHandler<LegacyImportJob> = (job, { em, jobId, progress }) =>
  asActor(job, jobId, async () => {
    try {
      await checkImport(em, job.importId, progress);
    } catch (error) {
      em.clear();
      await markRefused(em, job.importId, new Error(`The dry run failed: ${(error as Error).message}`), LegacyImportStatus.STAGED);
      throw error;
    }
  });

export const commitTask: TaskHandler<LegacyImportJob> = (job, { em, jobId, progress }) =>
  asActor(job, jobId, async () => {
    try {
      await commitImport(em, job.importId, job.actorId, progress);
    } catch (error) {
      em.clear();
      // A refused commit is an answer, not a fault: the import says why, the job ends.
      await markRefused(em, job.importId, error instanceof BatchRefused ? error : new Error(`The commit failed and was rolled back: ${(error as Error).message}`), LegacyImportStatus.CHECKED);
      if (!(error instanceof BatchRefused)) throw error;
    }
  });

export const undoTask: TaskHandler<LegacyImportJob> = (job, { em, jobId, progress }) =>
  asActor(job, jobId, async () => {
    try {
      await undoImport(em, job.importId, job.actorId, progress);
    } catch (error) {
      em.clear();
      const blockers = await undoBlockers(em, job.importId);
      const imp = await em.findOneOrFail(LegacyImport, job.importId, { refresh: true });
      const message = error instanceof BatchRefused ? error.message : `The undo failed and was rolled back: ${(error as Error).message}`;
      Object.assign(imp, { status: LegacyImportStatus.COMMITTED, error: message, undoBlockers: blockers.rows, jobId: null });
      if (error instanceof BatchRefused && error.checks) imp.postChecks = error.checks;
      await em.flush();
      if (!(error instanceof BatchRefused)) throw error;
    }
  });
