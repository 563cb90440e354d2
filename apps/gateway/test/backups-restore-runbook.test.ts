import { execFile } from 'node:child_process';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { BackupSnapshot, BackupTrigger, runBackup } from '@pams/server-backups';
import { createLogger } from '@pams/server-core';
import { Role } from '@pams/shared-util';
import { createDomainFixture, insertActivities, signedInUser } from './support/domain-fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * docs/runbooks/restore.md is followed by this test, command for command: its `# step:` blocks are run in
 * order, in one bash, against a scratch copy of a test database. A runbook that no longer works fails CI.
 */

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const RUNBOOK = path.resolve(here, '../../../docs/runbooks/restore.md');

/** The runbook's steps, in order: every ```sh block whose first line is `# step: <name>`. */
async function runbookSteps(file: string): Promise<{ name: string; script: string }[]> {
  const text = await fsp.readFile(file, 'utf8');
  const steps: { name: string; script: string }[] = [];
  for (const block of text.matchAll(/```sh\n([\s\S]*?)```/g)) {
    const lines = block[1].split('\n').map((line) => line.replace(/^ {2}/, ''));
    const first = /^# step: (.+)$/.exec(lines[0]);
    if (first) steps.push({ name: first[1], script: lines.slice(1).join('\n') });
  }
  return steps;
}

let app: TestApp;
let dir: string;
let work: string;
const served = `pams_runbook_${process.pid}`;
const restored = `${served}_restored`;

function urlOf(database: string): string {
  const u = new URL(app.databaseUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return app.orm.em.fork().getConnection().execute<T[]>(text, params);
}

beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'pams-runbook-backups-'));
  work = await fsp.mkdtemp(path.join(os.tmpdir(), 'pams-runbook-work-'));
  app = await startTestApp({ BACKUP_DIR: dir });
  const f = await createDomainFixture(app.orm);
  const member = await signedInUser(app, { role: Role.MEMBER, regionIds: [f.regions.south] });
  await insertActivities(app.orm, Array.from({ length: 120 }, (_, i) => ({ ownerId: member.id, regionId: f.regions.south, date: '2026-04-02', effortDays: i % 3 })));
});

afterAll(async () => {
  if (app) {
    for (const db of [served, restored, `${served}_before_restore`]) await sql(`drop database if exists "${db}" with (force)`);
    await app.close();
  }
  for (const d of [dir, work]) if (d) await fsp.rm(d, { recursive: true, force: true });
});

describe('the restore runbook', () => {
  it('brings the last good restore point back, step by step as written', async () => {
    const em = app.orm.em.fork();
    const snapshot = em.create(BackupSnapshot, { trigger: BackupTrigger.SCHEDULE });
    await em.flush();
    const outcome = await runBackup(app.orm.em.fork(), app.config, snapshot.id, { log: createLogger('silent') });
    expect(outcome.status).toBe('VERIFIED');
    const [live] = await sql<{ n: number; days: number }>('select count(*)::int as n, sum(effort_days)::int as days from activity where deleted_at is null');

    // The runbook's "served" database stands in for the broken one: it holds the backup_snapshot record
    // (step 1 reads it there) and is renamed aside by step 6, without touching the app's own connections.
    const [point] = await sql<{ file_name: string; sha256: string }>('select file_name, sha256 from backup_snapshot where id = ?', [snapshot.id]);
    await sql(`create database "${served}"`);
    const client = new pg.Client({ connectionString: urlOf(served) });
    await client.connect();
    try {
      await client.query(`create table backup_snapshot (file_name text, sha256 text, status text, expired_at timestamptz, created_at timestamptz)`);
      await client.query(`insert into backup_snapshot values ($1, $2, 'VERIFIED', null, now())`, [point.file_name, point.sha256]);
    } finally {
      await client.end();
    }

    const steps = await runbookSteps(RUNBOOK);
    expect(steps.map((s) => s.name)).toEqual(['choose the restore point', 'check the file', 'restore into a new database', 'check the restore', 'switch databases']);
    const u = new URL(app.databaseUrl);
    const script = ['set -euo pipefail', ...steps.map((s) => `echo "== ${s.name}"\n${s.script}`)].join('\n');
    const { stdout } = await run('bash', ['-c', script], {
      cwd: work,
      env: {
        ...process.env,
        PGHOST: u.hostname,
        PGPORT: u.port || '5432',
        PGUSER: decodeURIComponent(u.username || 'postgres'),
        ...(u.password ? { PGPASSWORD: decodeURIComponent(u.password) } : {}),
        PAMS_DB: served,
        RESTORE_DB: restored,
        BACKUP_DIR: dir,
      },
    });
    expect(stdout).toContain(`restoring ${path.join(dir, point.file_name)}`);
    expect(stdout).toContain(': OK');
    expect(stdout).toContain(`activities ${live.n}, effort days ${live.days}, effort half-hours 0`);

    // After the switch the served name holds the restored data, and the old database is kept aside.
    const names = (await sql<{ datname: string }>(`select datname from pg_database where datname like ?`, [`${served}%`])).map((r) => r.datname).sort();
    expect(names).toEqual([served, `${served}_before_restore`].sort());
    const check = new pg.Client({ connectionString: urlOf(served) });
    await check.connect();
    const { rows } = await check.query<{ n: number }>('select count(*)::int as n from activity where deleted_at is null').finally(() => check.end());
    expect(rows[0].n).toBe(live.n);
  });
});
