import { EventEmitter } from 'node:events';
import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { run, type Job, type JobHelpers, type Runner, type Task, type TaskList, type WorkerEvents } from 'graphile-worker';
import { recordEvent } from '@pams/server-audit';
import { runInScope, type AppConfig, type Logger, type TaskHandler, type TaskMap } from '@pams/server-core';
import { writeJobProgress } from './job-progress.service.js';
import { workerLogger } from './worker-logger.js';

export interface JobRunnerOptions {
  /** The database of the queue (and of `orm`). */
  connectionString: string;
  /** Each job runs on its own fork of the ORM's EntityManager. */
  orm: MikroORM;
  config: AppConfig;
  log: Logger;
  tasks: TaskMap;
  /** graphile-worker crontab lines of the modules' recurring jobs (ServerModule.schedules). */
  crontab?: string;
  /** Jobs run at once (default: config.jobs.concurrency). */
  concurrency?: number;
  /** How often to look for jobs that became due without a NOTIFY (retries, runAt); default 2 s. */
  pollIntervalMs?: number;
  /** graphile-worker's event emitter, if the caller wants to listen before the first job runs. */
  events?: WorkerEvents;
}

export interface JobRunner {
  /** graphile-worker's events (job:start, job:complete, …): tests wait on them. */
  events: WorkerEvents;
  /** Takes no new job, waits for the running ones, then closes the runner's connections. */
  stop(): Promise<void>;
}

/**
 * Runs the tasks of every module with graphile-worker on a small pool of its own (one LISTEN
 * connection plus one per concurrent job), logging each job's start, finish and failure.
 */
export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const { log, orm, config } = options;
  const concurrency = options.concurrency ?? config.jobs.concurrency;
  const pool = new pg.Pool({ connectionString: options.connectionString, max: concurrency + 2, application_name: 'pams-jobs' });
  pool.on('error', (error) => log.error({ err: error, component: 'jobs' }, 'job queue connection failed'));
  const events: WorkerEvents = options.events ?? new EventEmitter();
  logOutcomes(events, log);

  const taskList: TaskList = {};
  for (const [name, handler] of Object.entries(options.tasks)) taskList[name] = wrap(name, handler, orm, config, log);

  let runner: Runner;
  try {
    runner = await run({
      pgPool: pool,
      taskList,
      // Tasks and schedules come from the modules; no crontab file is read.
      crontab: options.crontab ?? '',
      concurrency,
      pollInterval: options.pollIntervalMs ?? 2_000,
      noHandleSignals: true,
      logger: workerLogger(log),
      events,
    });
  } catch (error) {
    await pool.end();
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    events,
    stop() {
      stopping ??= runner.stop().finally(() => pool.end());
      return stopping;
    },
  };
}

type JobScope = { requestId: string; actorId: null; actorKind: 'system' };

function wrap(name: string, handler: TaskHandler, orm: MikroORM, config: AppConfig, log: Logger): Task {
  return async (payload: unknown, helpers: JobHelpers) => {
    const { job } = helpers;
    const em = orm.em.fork();
    const jobLog = log.child({ task: name, jobId: job.id, attempt: job.attempts });
    // Jobs act as the system: audit events of their writes carry no user.
    const scope: JobScope = { requestId: `job-${job.id}`, actorId: null, actorKind: 'system' };
    try {
      await runInScope(scope, () =>
        handler(payload, {
          em,
          log: jobLog,
          config,
          task: name,
          jobId: job.id,
          attempt: job.attempts,
          maxAttempts: job.max_attempts,
          lastAttempt: job.attempts >= job.max_attempts,
          progress: (done, total, message) => writeJobProgress(em, { jobId: job.id, task: name, done, total, message }),
          signal: helpers.abortSignal,
        }),
      );
    } catch (error) {
      if (job.attempts >= job.max_attempts) await recordFinalFailure(orm, scope, name, job, error, jobLog);
      throw error;
    }
  };
}

/**
 * A job that failed on its last attempt leaves a `job.failed` audit event (in a transaction of its own,
 * the job's having rolled back), so admins are told (the notice watcher) and the history shows it.
 */
async function recordFinalFailure(orm: MikroORM, scope: JobScope, task: string, job: Job, error: unknown, log: Logger): Promise<void> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  try {
    await runInScope(scope, async () => {
      const em = orm.em.fork();
      recordEvent(em, {
        action: 'job.failed',
        entityType: 'Job',
        entityId: job.id,
        changes: { task: { before: null, after: task }, attempts: { before: null, after: job.attempts }, error: { before: null, after: message } },
      });
      await em.flush();
    });
  } catch (recordError) {
    log.error({ err: recordError }, 'could not record the job failure');
  }
}

/** One line when a job starts, one when it finishes or fails, with the task, job id and attempt. */
function logOutcomes(events: WorkerEvents, log: Logger): void {
  const started = new Map<string, number>();
  const fields = (job: Job) => ({ component: 'jobs', task: job.task_identifier, jobId: job.id, attempt: job.attempts, maxAttempts: job.max_attempts });
  const took = (job: Job) => {
    const start = started.get(job.id);
    started.delete(job.id);
    return start === undefined ? undefined : Math.round(performance.now() - start);
  };
  events.on('job:start', ({ job }) => {
    started.set(job.id, performance.now());
    log.info(fields(job), 'job started');
  });
  events.on('job:success', ({ job }) => log.info({ ...fields(job), durationMs: took(job) }, 'job finished'));
  events.on('job:error', ({ job, error }) => {
    const final = job.attempts >= job.max_attempts;
    const line = { ...fields(job), durationMs: took(job), err: error };
    if (final) log.error(line, 'job failed; no attempts left');
    else log.warn(line, 'job failed; will retry');
  });
}
