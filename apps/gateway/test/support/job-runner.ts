import { EventEmitter } from 'node:events';
import type { Job, WorkerEvents } from 'graphile-worker';
import { pino, type Logger } from 'pino';
import type { AppConfig, TaskMap } from '@pams/server-core';
import { startJobRunner, type JobRunner } from '@pams/server-jobs';
import { tasks as gatewayTasks } from '@pams/gateway';
import type { TestApp } from './test-app.js';

export interface Outcome {
  job: Job;
  error: unknown;
}

export interface TestRunner extends JobRunner {
  /** Every JSON line the runner logged. */
  lines: Record<string, unknown>[];
  /** Resolves with the next run of a job matching `match` that finishes (successfully or not) from now on. */
  nextOutcome(match: (job: Job) => boolean): Promise<Outcome>;
  /** Every finished run so far. */
  outcomes: Outcome[];
}

/**
 * The real job runner on a test app's database, with the gateway's tasks unless `tasks` replaces some.
 * It polls often so that a job made due by moving its run_at runs at once.
 */
export async function startTestRunner(app: TestApp, options: { tasks?: TaskMap; config?: AppConfig; concurrency?: number } = {}): Promise<TestRunner> {
  const lines: Record<string, unknown>[] = [];
  const log: Logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const events: WorkerEvents = new EventEmitter();
  const outcomes: Outcome[] = [];
  const waiting: { match: (job: Job) => boolean; resolve: (outcome: Outcome) => void }[] = [];
  events.on('job:complete', ({ job, error }) => {
    const outcome = { job, error };
    outcomes.push(outcome);
    for (const waiter of [...waiting]) {
      if (!waiter.match(job)) continue;
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve(outcome);
    }
  });
  const runner = await startJobRunner({
    connectionString: app.databaseUrl,
    orm: app.orm,
    config: options.config ?? app.config,
    log,
    tasks: { ...gatewayTasks(), ...options.tasks },
    concurrency: options.concurrency ?? 1,
    pollIntervalMs: 50,
    events,
  });
  return {
    ...runner,
    lines,
    outcomes,
    nextOutcome: (match) => new Promise((resolve) => waiting.push({ match, resolve })),
  };
}

/** The queue's row of a job, or undefined once the queue no longer holds it (it completed). */
export async function queuedJob(app: TestApp, jobId: string): Promise<{ attempts: number; max_attempts: number; run_at: Date; last_error: string | null } | undefined> {
  const [row] = await app.orm.em
    .fork()
    .getConnection()
    .execute('select attempts, max_attempts, run_at, last_error from graphile_worker.jobs where id = ?', [jobId]);
  return row ? { ...(row as { attempts: number; max_attempts: number; last_error: string | null }), run_at: new Date(row.run_at as string) } : undefined;
}

/** Makes a waiting job due now (instead of waiting out its run_at). */
export async function makeDue(app: TestApp, jobId: string): Promise<void> {
  await app.orm.em.fork().getConnection().execute('update graphile_worker._private_jobs set run_at = now() where id = ?', [jobId]);
}
