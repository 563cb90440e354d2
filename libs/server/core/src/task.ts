import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig } from './config.js';
import type { Logger } from './logger.js';

/** What a task handler is given besides its payload (libs/server/jobs runs it). */
export interface TaskHelpers {
  /** A fork of the ORM's EntityManager for this run only. */
  em: EntityManager;
  /** Carries `task`, `jobId` and `attempt` on every line. */
  log: Logger;
  config: AppConfig;
  task: string;
  jobId: string;
  /** 1 on the first run, counting retries. */
  attempt: number;
  maxAttempts: number;
  /** A failure now is final: the queue will not try the job again. */
  lastAttempt: boolean;
  /** Records how far the job is (`job_progress`), visible at once to readers outside the task's transaction. */
  progress(done: number, total: number | null, message?: string | null): Promise<void>;
  /** Aborted when the runner stops and the job has not finished within the grace period. */
  signal?: AbortSignal;
}

/** Runs one job; throwing makes the queue retry it with backoff until its last attempt. */
export type TaskHandler<Payload = any> = (payload: Payload, helpers: TaskHelpers) => Promise<void>;

/** Task name → handler; names are `<domain>.<verb>` (e.g. `mail.send`). */
export type TaskMap = Record<string, TaskHandler>;
