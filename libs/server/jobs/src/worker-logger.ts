import { Logger as WorkerLogger, type LogLevel } from 'graphile-worker';
import type { Logger } from '@pams/server-core';

const LEVELS = { error: 'error', warning: 'warn', info: 'info', debug: 'debug' } as const;

/** Its own per-job lines duplicate the runner's 'job finished' / 'job failed' (job-runner.ts). */
const JOB_OUTCOME = /^(Completed|Failed) task /;

/**
 * graphile-worker's logger, writing to our pino logger: its scope (worker, task, job) and the job and
 * error it mentions become fields; payloads are never logged.
 */
export function workerLogger(log: Logger): WorkerLogger {
  return new WorkerLogger((scope) => {
    const base = log.child({
      component: 'jobs',
      ...(scope.workerId ? { workerId: scope.workerId } : {}),
      ...(scope.taskIdentifier ? { task: scope.taskIdentifier } : {}),
      ...(scope.jobId ? { jobId: scope.jobId } : {}),
    });
    return (level: LogLevel, message: string, meta?: Record<string, unknown>) => {
      const fields: Record<string, unknown> = {};
      const job = meta?.job as { id?: string; task_identifier?: string; attempts?: number; max_attempts?: number } | undefined;
      if (job) Object.assign(fields, { task: job.task_identifier, jobId: job.id, attempt: job.attempts, maxAttempts: job.max_attempts });
      const error = meta?.error ?? meta?.fatalError;
      if (error) fields.err = error;
      const pinoLevel = JOB_OUTCOME.test(message) ? 'debug' : (LEVELS[level as keyof typeof LEVELS] ?? 'info');
      base[pinoLevel](fields, message);
    };
  });
}
