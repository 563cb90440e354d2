import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseCrontab } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schedules } from '@pams/gateway';
import { enqueueJob, readJobProgress } from '@pams/server-jobs';
import { Role } from '@pams/shared-util';
import { insertActivities, signedInUser, type SignedInUser } from './support/domain-fixtures.js';
import { csvText, exportUrl, getFile, parseCsv, readXlsx } from './support/export-files.js';
import { startTestRunner, type TestRunner } from './support/job-runner.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createDomainFixture, type DomainFixture } from './support/domain-fixtures.js';

let app: TestApp;
let runner: TestRunner | undefined;
let dataDir: string;
let f: DomainFixture;
let owner: SignedInUser;
let other: SignedInUser;

const START = `mutation S($input: StartExportInput!) { startExport(input: $input) {
  __typename
  ... on ExportJob { id status done total fileName downloadUrl }
  ... on ValidationFailed { message fields { field code message } }
  ... on Forbidden { message }
} }`;
const JOB = `query J($id: ID!) { exportJob(id: $id) { id kind format status done total fileName downloadUrl rowCount byteSize error createdAt finishedAt expiresAt } }`;

async function queueJobIdOf(exportId: string): Promise<string> {
  const [row] = await app.orm.em.fork().getConnection().execute<{ queue_job_id: string }[]>('select queue_job_id from export_job where id = ?', [exportId]);
  return row.queue_job_id;
}

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pams-exports-'));
  app = await startTestApp({ PAMS_DATA_DIR: dataDir });
  f = await createDomainFixture(app.orm);
  owner = await signedInUser(app, { role: Role.MEMBER, regionIds: [f.regions.south], name: 'Olga Owner' });
  other = await signedInUser(app, { role: Role.MEMBER, regionIds: [f.regions.south], name: 'Otto Other' });
  await insertActivities(
    app.orm,
    Array.from({ length: 2_500 }, (_, i) => ({ ownerId: owner.id, regionId: f.regions.south, date: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}`, name: `Job row ${i}` })),
  );
});

afterAll(async () => {
  await runner?.stop();
  await app?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('exports as jobs', () => {
  it('validates like the download, in the viewer\'s scope, before anything is queued', async () => {
    const bad = (await owner.client.data(START, { input: { kind: 'ACTIVITIES', format: 'CSV', params: { month: '2026-13' } } })).startExport;
    expect(bad).toEqual({ __typename: 'ValidationFailed', message: '"month" must be YYYY-MM.', fields: [{ field: 'params', code: 'INVALID', message: '"month" must be YYYY-MM.' }] });
    const shape = (await owner.client.data(START, { input: { kind: 'ACTIVITY_REPORT', format: 'PDF', params: { input: { from: '2026-03' } } } })).startExport;
    expect(shape.message).toBe('"input.to" is required.');
    const forbidden = (await owner.client.data(START, {
      input: { kind: 'ACTIVITY_REPORT', format: 'XLSX', params: { input: { from: '2026-03', to: '2026-03', groupBy: [], filter: { regionIds: [f.regions.sea] } } } },
    })).startExport;
    expect(forbidden.__typename).toBe('Forbidden');
    expect(forbidden.message).toContain('You may report only on your own regions');
    const [{ n }] = await app.orm.em.fork().getConnection().execute<{ n: number }[]>('select count(*)::int as n from export_job');
    expect(n).toBe(0);
    // The queue is refused to anonymous callers like every mutation.
    const anonymous = await app.client().query(START, { input: { kind: 'ACTIVITIES', format: 'CSV', params: {} } });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('queues, reports progress, and serves the file to its owner only; files older than a day are removed', async () => {
    const params = { month: '2026-03' };
    const started = (await owner.client.data(START, { input: { kind: 'ACTIVITIES', format: 'XLSX', params } })).startExport;
    expect(started).toMatchObject({ __typename: 'ExportJob', status: 'QUEUED', done: 0, total: null, fileName: 'pams-activities-2026-03.xlsx', downloadUrl: null });
    const id = started.id as string;

    // Nothing runs it yet: queued, not downloadable, and nobody else's to see.
    expect((await owner.client.data(JOB, { id })).exportJob).toMatchObject({ status: 'QUEUED', done: 0, downloadUrl: null });
    expect((await other.client.data(JOB, { id })).exportJob).toBeNull();
    expect((await getFile(app, `/exports/files/${id}`)).status).toBe(401);
    const early = await getFile(app, `/exports/files/${id}`, owner);
    expect(early.status).toBe(409);
    expect(JSON.parse(early.body.toString()).error.code).toBe('NOT_READY');
    expect((await getFile(app, `/exports/files/${id}`, other)).status).toBe(403);

    runner = await startTestRunner(app);
    const queueJobId = await queueJobIdOf(id);
    const outcome = await runner.nextOutcome((job) => job.id === queueJobId);
    expect(outcome.error).toBeFalsy();

    const done = (await owner.client.data(JOB, { id })).exportJob;
    expect(done).toMatchObject({ kind: 'ACTIVITIES', format: 'XLSX', status: 'DONE', done: 2_500, total: 2_500, rowCount: 2_500, downloadUrl: `/exports/files/${id}`, error: null });
    expect(done.byteSize).toBeGreaterThan(10_000);
    expect(new Date(done.expiresAt).getTime() - new Date(done.createdAt).getTime()).toBe(24 * 3_600_000);
    // The task reported rows done of the total it counted (job_progress).
    const progress = await readJobProgress(app.orm.em.fork(), queueJobId);
    expect(progress).toMatchObject({ task: 'exports.write', done: 2_500, total: 2_500 });

    const file = await getFile(app, done.downloadUrl, owner);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="pams-activities-2026-03.xlsx"');
    expect(file.headers.get('cache-control')).toBe('no-store');
    expect(Number(file.headers.get('content-length'))).toBe(done.byteSize);
    // The job's file holds what the download holds.
    // Both fetched before either is parsed: parsing blocks this process for seconds under load, long
    // enough for the server to close the idle keep-alive socket the next fetch would reuse.
    const directFile = await getFile(app, exportUrl('/exports/activities.xlsx', params), owner);
    const [fromJob] = await readXlsx(file.body);
    const [direct] = await readXlsx(directFile.body);
    expect(fromJob.rows.length).toBe(2_501);
    expect(fromJob.rows).toEqual(direct.rows);
    expect(await fs.readdir(path.join(dataDir, 'exports'))).toEqual([`${id}.xlsx`]);

    expect((await getFile(app, `/exports/files/${id}`, other)).status).toBe(403);
    expect((await getFile(app, '/exports/files/00000000-0000-4000-8000-000000000000', owner)).status).toBe(404);
    expect((await getFile(app, '/exports/files/not-an-id', owner)).status).toBe(404);

    // A day later the periodic cleanup removes the file and forgets the job.
    await app.orm.em.fork().getConnection().execute(`update export_job set created_at = now() - interval '25 hours' where id = ?`, [id]);
    const cleanupId = await app.orm.em.fork().transactional((em) => enqueueJob(em, 'exports:cleanup', {}));
    expect((await runner.nextOutcome((job) => job.id === cleanupId)).error).toBeFalsy();
    expect(await fs.readdir(path.join(dataDir, 'exports'))).toEqual([]);
    expect((await getFile(app, `/exports/files/${id}`, owner)).status).toBe(404);
    expect((await owner.client.data(JOB, { id })).exportJob).toBeNull();
  }, 120_000); // an XLSX written, downloaded twice and parsed twice: tens of seconds when CI runs every file at once

  it('writes reports too, and a CSV job holds the member\'s rows only', async () => {
    runner ??= await startTestRunner(app);
    const input = { from: '2026-03', to: '2026-03', groupBy: ['OWNER'] };
    const started = (await owner.client.data(START, { input: { kind: 'ACTIVITY_REPORT', format: 'CSV', params: { input } } })).startExport;
    expect(started.fileName).toBe('pams-activity-report-2026-03.csv');
    const queueJobId = await queueJobIdOf(started.id);
    const finished = (await owner.client.data(JOB, { id: started.id })).exportJob.status === 'DONE' ? null : await runner.nextOutcome((job) => job.id === queueJobId);
    expect(finished?.error).toBeFalsy();
    const job = (await owner.client.data(JOB, { id: started.id })).exportJob;
    expect(job.status).toBe('DONE');
    const rows = parseCsv(csvText((await getFile(app, job.downloadUrl, owner)).body));
    expect(rows.slice(1).map((r) => r[0])).toEqual(['Olga Owner', 'Total']);
    expect(rows[1][1]).toBe('2500');
  });

  it('is cleaned every hour by a crontab line graphile-worker accepts', () => {
    expect(parseCrontab(schedules()).map((item) => item.task)).toContain('exports:cleanup');
  });
});
