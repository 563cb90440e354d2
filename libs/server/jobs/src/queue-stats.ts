import type { EntityManager } from '@mikro-orm/postgresql';
import { JOB_QUEUE_SCHEMA } from './queue-schema.js';

export interface QueueStats {
  /** Waiting to run now or later (retries included), not taken by a worker. */
  waiting: number;
  /** Taken by a worker at this moment. */
  running: number;
  /** Failed on every attempt: kept by the queue until someone looks (their `job.failed` events say why). */
  failed: number;
}

/** The job queue's state as one row, from graphile-worker's `jobs` view. */
export async function queueStats(em: EntityManager): Promise<QueueStats> {
  const [row] = await em.getConnection().execute<{ waiting: number; running: number; failed: number }[]>(
    `select count(*) filter (where locked_at is null and attempts < max_attempts)::int as waiting,
            count(*) filter (where locked_at is not null)::int as running,
            count(*) filter (where locked_at is null and attempts >= max_attempts)::int as failed
       from ${JOB_QUEUE_SCHEMA}.jobs`,
  );
  return row;
}
