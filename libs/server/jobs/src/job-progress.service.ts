import type { EntityManager } from '@mikro-orm/postgresql';
import { JOB_QUEUE_SCHEMA } from './queue-schema.js';

/** Where a job stands in the queue while the queue still holds it. */
export type QueuedJobState = 'WAITING' | 'RUNNING' | 'RETRYING' | 'FAILED';

export interface JobProgressView {
  jobId: string;
  task: string;
  done: number;
  total: number | null;
  message: string | null;
  /** When the task last reported progress; null if it has not yet. */
  updatedAt: Date | null;
  /**
   * The queue's view of the job; null once the queue no longer holds it (a job leaves the queue when it
   * completes, or when it is cancelled before it runs).
   */
  queue: { state: QueuedJobState; attempts: number; maxAttempts: number; lastError: string | null; runAt: Date } | null;
}

/** Upserts the progress row of a job (autocommit: visible while the task is still working). */
export async function writeJobProgress(
  em: EntityManager,
  progress: { jobId: string; task: string; done: number; total: number | null; message?: string | null },
): Promise<void> {
  // The root connection, not `em`'s transaction: progress must show before the task's own work commits.
  await em.getConnection().execute(
    `insert into job_progress (job_id, task, done, total, message, updated_at) values (?, ?, ?, ?, ?, now())
     on conflict (job_id) do update set done = excluded.done, total = excluded.total, message = excluded.message, updated_at = now()`,
    [progress.jobId, progress.task, progress.done, progress.total, progress.message ?? null],
  );
}

/** Progress and queue state of one job, or null if neither the queue nor `job_progress` knows it. */
export async function readJobProgress(em: EntityManager, jobId: string): Promise<JobProgressView | null> {
  if (!/^\d{1,19}$/.test(jobId)) return null;
  const [row] = await em.execute<
    {
      job_id: string;
      task: string | null;
      done: number | null;
      total: number | null;
      message: string | null;
      updated_at: string | null;
      queued: boolean;
      task_identifier: string | null;
      attempts: number | null;
      max_attempts: number | null;
      last_error: string | null;
      run_at: string | null;
      locked_at: string | null;
    }[]
  >(
    `select ?::bigint::text as job_id, p.task, p.done, p.total, p.message, p.updated_at,
        j.id is not null as queued, j.task_identifier, j.attempts, j.max_attempts, j.last_error, j.run_at, j.locked_at
     from (select ?::bigint as id) wanted
       left join job_progress p on p.job_id = wanted.id
       left join ${JOB_QUEUE_SCHEMA}.jobs j on j.id = wanted.id
     where p.job_id is not null or j.id is not null`,
    [jobId, jobId],
  );
  if (!row) return null;
  // Raw rows: timestamps arrive as text.
  return {
    jobId: row.job_id,
    task: (row.task ?? row.task_identifier)!,
    done: row.done ?? 0,
    total: row.total,
    message: row.message,
    updatedAt: row.updated_at === null ? null : new Date(row.updated_at),
    queue: row.queued
      ? {
          state: queuedState(row.attempts!, row.max_attempts!, row.locked_at),
          attempts: row.attempts!,
          maxAttempts: row.max_attempts!,
          lastError: row.last_error,
          runAt: new Date(row.run_at!),
        }
      : null,
  };
}

function queuedState(attempts: number, maxAttempts: number, lockedAt: string | null): QueuedJobState {
  if (lockedAt) return 'RUNNING';
  if (attempts >= maxAttempts) return 'FAILED';
  return attempts > 0 ? 'RETRYING' : 'WAITING';
}
