import type { EntityManager } from '@mikro-orm/postgresql';
import { JOB_QUEUE_SCHEMA } from './queue-schema.js';

export interface EnqueueOptions {
  /** Not run before this (default: now). */
  runAt?: Date;
  /**
   * At most one waiting job per key: enqueueing again replaces the waiting one (if that one is already
   * running, it finishes and the new one is added beside it); `cancelJob` removes it.
   */
  jobKey?: string;
  /** 'preserve_run_at' keeps the waiting job's runAt when replacing it (a debounce that does not slide). */
  jobKeyMode?: 'replace' | 'preserve_run_at';
  /** Runs before it is given up (default 25, graphile-worker's). */
  maxAttempts?: number;
  /** Jobs of one queue run one at a time, in order. */
  queueName?: string;
  /** Lower runs first (default 0). */
  priority?: number;
}

/**
 * Adds a job in the transaction of `em` (graphile-worker's `add_job`): the job exists only if that
 * transaction commits, and the worker hears of it (NOTIFY) only then. Returns the job id.
 */
export async function enqueueJob(em: EntityManager, task: string, payload: unknown, options: EnqueueOptions = {}): Promise<string> {
  assertInTransaction(em, 'enqueueJob');
  const row = await em.execute<{ id: string }>(
    `select id::text as id from ${JOB_QUEUE_SCHEMA}.add_job(
      identifier => ?, payload => ?::json, queue_name => ?, run_at => ?::timestamptz,
      max_attempts => ?::int, job_key => ?, priority => ?::int, job_key_mode => ?)`,
    [
      task,
      JSON.stringify(payload ?? {}),
      options.queueName ?? null,
      options.runAt?.toISOString() ?? null,
      options.maxAttempts ?? null,
      options.jobKey ?? null,
      options.priority ?? null,
      options.jobKeyMode ?? null,
    ],
    'get',
  );
  return row.id;
}

/** Removes the waiting job with this key, in the transaction of `em` (a running job finishes; it will not be retried). */
export async function cancelJob(em: EntityManager, jobKey: string): Promise<void> {
  assertInTransaction(em, 'cancelJob');
  await em.execute(`select ${JOB_QUEUE_SCHEMA}.remove_job(?)`, [jobKey], 'run');
}

function assertInTransaction(em: EntityManager, what: string): void {
  // Outside a transaction the job would commit on its own, before (or without) the change it belongs to.
  if (!em.isInTransaction()) throw new Error(`${what} needs a transaction: call it inside em.transactional()`);
}
