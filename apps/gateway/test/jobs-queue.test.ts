import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskHandler } from '@pams/server-core';
import { cancelJob, enqueueJob, readJobProgress } from '@pams/server-jobs';
import { startTestApp, type TestApp } from './support/test-app.js';
import { makeDue, queuedJob, startTestRunner, type TestRunner } from './support/job-runner.js';

interface Run {
  payload: unknown;
  attempt: number;
}

describe('the job queue', () => {
  let app: TestApp;
  let runner: TestRunner;
  const runs = new Map<string, Run[]>();
  let releaseSlow: () => void = () => undefined;
  let slowStarted: () => void = () => undefined;

  const record: TaskHandler = async (payload, { jobId, attempt }) => {
    runs.set(jobId, [...(runs.get(jobId) ?? []), { payload, attempt }]);
  };
  const tasks: Record<string, TaskHandler> = {
    'test.record': record,
    'test.fail': async (payload, helpers) => {
      await record(payload, helpers);
      throw new Error(`broken on attempt ${helpers.attempt}`);
    },
    'test.progress': async (_payload, { progress }) => {
      await progress(0, 3, 'counting');
      await progress(2, 3, 'two of three');
    },
    'test.slow': async (payload, helpers) => {
      await record(payload, helpers);
      slowStarted();
      await new Promise<void>((resolve) => (releaseSlow = resolve));
    },
  };

  beforeAll(async () => {
    app = await startTestApp();
    runner = await startTestRunner(app, { tasks });
  });
  afterAll(async () => {
    await runner?.stop();
    await app?.close();
  });

  function enqueue(task: string, payload: unknown, options?: Parameters<typeof enqueueJob>[3]): Promise<string> {
    return app.orm.em.fork().transactional((em) => enqueueJob(em, task, payload, options));
  }

  /** The outcome of one run of a job: already finished, or the one to come (checked and awaited in one step). */
  function runOf(jobId: string, attempt = 1) {
    const match = (job: { id: string; attempts: number }) => job.id === jobId && job.attempts === attempt;
    const done = runner.outcomes.find((o) => match(o.job));
    return done ? Promise.resolve(done) : runner.nextOutcome(match);
  }

  it('runs a job enqueued in a committed transaction, once', async () => {
    const jobId = await enqueue('test.record', { hello: 'world' });
    const outcome = await runOf(jobId);
    expect(outcome.error).toBeNull();
    expect(runs.get(jobId)).toEqual([{ payload: { hello: 'world' }, attempt: 1 }]);
    expect(await queuedJob(app, jobId)).toBeUndefined();
    // Finished runs of that job: exactly one.
    expect(runner.outcomes.filter((o) => o.job.id === jobId)).toHaveLength(1);
    expect(runner.lines.filter((l) => l.jobId === jobId).map((l) => [l.msg, l.task, l.attempt])).toEqual([
      ['job started', 'test.record', 1],
      ['job finished', 'test.record', 1],
    ]);
  });

  it('never runs a job enqueued in a transaction that rolls back', async () => {
    let jobId = '';
    await expect(
      app.orm.em.fork().transactional(async (em) => {
        jobId = await enqueueJob(em, 'test.record', { rolledBack: true });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(jobId).toMatch(/^\d+$/);
    expect(await queuedJob(app, jobId)).toBeUndefined();
    // A job committed after it runs; the rolled-back one never did.
    await runOf(await enqueue('test.record', { after: true }));
    expect(runs.has(jobId)).toBe(false);
  });

  it('refuses to enqueue outside a transaction', async () => {
    await expect(enqueueJob(app.orm.em.fork(), 'test.record', {})).rejects.toThrow('enqueueJob needs a transaction');
  });

  it('retries a failing task with backoff, then marks it failed and logs each failure', async () => {
    const jobId = await enqueue('test.fail', { n: 1 }, { maxAttempts: 3 });
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const outcome = await runOf(jobId, attempt);
      expect(String(outcome.error)).toContain(`broken on attempt ${attempt}`);
      const job = (await queuedJob(app, jobId))!;
      expect(job).toMatchObject({ attempts: attempt, max_attempts: 3, last_error: `broken on attempt ${attempt}` });
      if (attempt < 3) {
        // Backoff: not due again yet (about e^attempt seconds from now).
        expect(job.run_at.getTime()).toBeGreaterThan(Date.now());
        await makeDue(app, jobId);
      }
    }
    expect(runs.get(jobId)?.map((r) => r.attempt)).toEqual([1, 2, 3]);
    expect((await readJobProgress(app.orm.em.fork(), jobId))?.queue).toMatchObject({ state: 'FAILED', attempts: 3, maxAttempts: 3 });
    const failures = runner.lines.filter((l) => l.jobId === jobId && String(l.msg).startsWith('job failed'));
    expect(failures.map((l) => [l.level, l.task, l.attempt, l.msg, (l.err as { message?: string }).message])).toEqual([
      [40, 'test.fail', 1, 'job failed; will retry', 'broken on attempt 1'],
      [40, 'test.fail', 2, 'job failed; will retry', 'broken on attempt 2'],
      [50, 'test.fail', 3, 'job failed; no attempts left', 'broken on attempt 3'],
    ]);
  });

  it('keeps the progress a task reports, readable after the job is done', async () => {
    const jobId = await enqueue('test.progress', {}, { runAt: new Date(Date.now() + 3_600_000) });
    // Known to the queue before it runs, with nothing done yet.
    expect(await readJobProgress(app.orm.em.fork(), jobId)).toMatchObject({ jobId, task: 'test.progress', done: 0, total: null, queue: { state: 'WAITING' } });
    await makeDue(app, jobId);
    expect((await runOf(jobId)).error).toBeNull();
    const progress = await readJobProgress(app.orm.em.fork(), jobId);
    expect(progress).toMatchObject({ jobId, task: 'test.progress', done: 2, total: 3, message: 'two of three', queue: null });
    expect(progress?.updatedAt).toBeInstanceOf(Date);
    expect(await readJobProgress(app.orm.em.fork(), '999999999')).toBeNull();
    expect(await readJobProgress(app.orm.em.fork(), 'not-a-job')).toBeNull();
  });

  it('does not run a job before its runAt, and runs it once it is due', async () => {
    const jobId = await enqueue('test.record', { later: true }, { runAt: new Date(Date.now() + 3_600_000) });
    // Another job enqueued after it runs first: the runner is polling and passed over the future one.
    const after = await enqueue('test.record', { now: true });
    await runOf(after);
    expect(runs.has(jobId)).toBe(false);
    expect((await queuedJob(app, jobId))?.attempts).toBe(0);
    await makeDue(app, jobId);
    expect((await runOf(jobId)).error).toBeNull();
    expect(runs.get(jobId)).toEqual([{ payload: { later: true }, attempt: 1 }]);
  });

  it('dedupes by job key and cancels a waiting job', async () => {
    const runAt = new Date(Date.now() + 3_600_000);
    const first = await enqueue('test.record', { v: 1 }, { jobKey: 'test:key', runAt });
    const second = await enqueue('test.record', { v: 2 }, { jobKey: 'test:key', runAt });
    expect(second).toBe(first);
    const [row] = await app.orm.em.fork().getConnection().execute(`select payload from graphile_worker._private_jobs where id = ?`, [first]);
    expect(row.payload).toEqual({ v: 2 });
    await app.orm.em.fork().transactional((em) => cancelJob(em, 'test:key'));
    expect(await queuedJob(app, first)).toBeUndefined();
  });

  it('stop() waits for the job that is running', async () => {
    const started = new Promise<void>((resolve) => (slowStarted = resolve));
    const jobId = await enqueue('test.slow', {});
    await started;
    let stopped = false;
    const stopping = runner.stop().then(() => {
      stopped = true;
    });
    // Let the runner do what it would; the job still holds it.
    for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    releaseSlow();
    await stopping;
    // It completed (the queue deleted it) rather than being abandoned or failed.
    expect(await queuedJob(app, jobId)).toBeUndefined();
    expect(runner.outcomes.find((o) => o.job.id === jobId)?.error).toBeNull();
  });
});
