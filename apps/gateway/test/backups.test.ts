import { execFile } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BackupSnapshot,
  BackupTrigger,
  BackupToolsError,
  backupPath,
  checkSnapshot,
  dumpSnapshot,
  findPgTools,
  libpqEnv,
  pruneBackups,
  RUN_BACKUP_TASK,
  type PgTools,
} from '@pams/server-backups';
import { createLogger } from '@pams/server-core';
import { Role } from '@pams/shared-util';
import { createDomainFixture, insertActivities, signedInUser, type DomainFixture, type SignedInUser } from './support/domain-fixtures.js';
import { startTestRunner } from './support/job-runner.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Backups with verified restores (issue 10, B-001): a snapshot is a restore point only once it has been
 * restored into a scratch database and every figure equals the live database's at dump time.
 */

const run = promisify(execFile);
const log = createLogger('silent');

const SNAPSHOT = `query($id: ID!) { backup(id: $id) {
  id status trigger requestedByName fileName byteSize sha256 error tableCount totalRows activities stepsDone stepsTotal
  mismatches { check expected actual } tables { table rows restoredRows maxId ok } } }`;
const OVERVIEW = `query($limit: Int) { backups(limit: $limit) {
  directory retentionDays schedule toolsReady toolsMessage lastGoodRestorePoint { id status } snapshots { id status } } }`;

let app: TestApp;
let f: DomainFixture;
let admin: SignedInUser;
let secondAdmin: SignedInUser;
let member: SignedInUser;
let dir: string;
let tools: PgTools;

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return app.orm.em.fork().getConnection().execute<T[]>(text, params);
}

async function newSnapshot(): Promise<string> {
  const em = app.orm.em.fork();
  const snapshot = em.create(BackupSnapshot, { trigger: BackupTrigger.SCHEDULE });
  await em.flush();
  return snapshot.id;
}

const backupNotices = (userId: string) =>
  sql<{ subject: string; body: string; dedupe_key: string }>(`select subject, body, dedupe_key from notification where user_id = ? and kind = 'BACKUP_FAILED' order by created_at`, [userId]);

async function scratchDatabases(): Promise<string[]> {
  return (await sql<{ datname: string }>(`select datname from pg_database where datname like 'pams_restore_check_%'`)).map((r) => r.datname);
}

beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'pams-backups-'));
  app = await startTestApp({ BACKUP_DIR: dir, BACKUP_RETENTION_DAYS: '7' });
  f = await createDomainFixture(app.orm);
  admin = await signedInUser(app, { role: Role.ADMIN, name: 'Ada Admin' });
  secondAdmin = await signedInUser(app, { role: Role.ADMIN, name: 'Abe Admin' });
  member = await signedInUser(app, { role: Role.MEMBER, regionIds: [f.regions.south] });
  await insertActivities(
    app.orm,
    Array.from({ length: 300 }, (_, i) => ({ ownerId: member.id, regionId: f.regions.south, date: `2026-05-${String((i % 28) + 1).padStart(2, '0')}`, effortHalfHours: i % 9 })),
  );
  const [version] = await sql<{ v: string }>(`select current_setting('server_version_num') as v`);
  tools = await findPgTools(undefined, Number(version.v));
});

afterAll(async () => {
  await app?.close();
  if (dir) await fsp.rm(dir, { recursive: true, force: true });
});

describe('backups', () => {
  it('an admin\'s backup runs on the queue: dumped, restored into a scratch database, every check equal, audited', async () => {
    const { startBackup } = await admin.client.data(`mutation { startBackup { id status trigger requestedByName stepsTotal } }`);
    expect(startBackup).toMatchObject({ status: 'QUEUED', trigger: 'ADMIN', requestedByName: 'Ada Admin', stepsTotal: 4 });
    const runner = await startTestRunner(app);
    try {
      const outcome = await runner.nextOutcome((job) => job.task_identifier === RUN_BACKUP_TASK);
      expect(outcome.error).toBeFalsy();
    } finally {
      await runner.stop();
    }
    const { backup } = await admin.client.data(SNAPSHOT, { id: startBackup.id });
    expect(backup).toMatchObject({ status: 'VERIFIED', error: null, mismatches: [], stepsDone: 4 });
    const [live] = await sql<{ n: number }>('select count(*)::int as n from activity where deleted_at is null');
    expect(backup.activities).toBe(live.n);
    const activity = backup.tables.find((t: { table: string }) => t.table === 'activity');
    expect(activity).toMatchObject({ rows: 300, restoredRows: 300, ok: true });
    const audit = backup.tables.find((t: { table: string }) => t.table === 'audit_event');
    const [maxAudit] = await sql<{ max: string }>('select max(id)::text as max from audit_event where id <= ?', [audit.maxId]);
    expect(audit.maxId).toBe(maxAudit.max);
    expect(backup.tables.every((t: { ok: boolean }) => t.ok)).toBe(true);
    expect(backup.tableCount).toBeGreaterThan(20);

    const file = backupPath(app.config, backup.fileName);
    expect(backup.fileName).toMatch(/^pams-\d{8}T\d{6}Z-[0-9a-f]{8}\.dump$/);
    expect((await fsp.stat(file)).size).toBe(backup.byteSize);
    const { stdout } = await run('sha256sum', [file]);
    expect(stdout.split(' ')[0]).toBe(backup.sha256);
    expect(await scratchDatabases()).toEqual([]);

    const events = await sql<{ action: string; actor_id: string | null }>(`select action, actor_id from audit_event where entity_type = 'BackupSnapshot' and entity_id = ? order by id`, [backup.id]);
    expect(events).toEqual([
      { action: 'BackupSnapshot.created', actor_id: admin.id },
      { action: 'backup.verified', actor_id: null },
    ]);

    const { backups } = await admin.client.data(OVERVIEW, {});
    expect(backups).toMatchObject({ directory: dir, retentionDays: 7, schedule: '0 2 * * *', toolsReady: true, lastGoodRestorePoint: { id: backup.id, status: 'VERIFIED' } });
    expect(backups.toolsMessage).toMatch(/^pg_dump \d+ /);
  });

  it('takes the live figures in the dump\'s own snapshot: writes while pg_dump runs do not make it fail', async () => {
    const id = await newSnapshot();
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await insertActivities(app.orm, [{ ownerId: member.id, regionId: f.regions.south, date: '2026-06-01', effortHalfHours: 3 }]);
        written += 1;
      }
    })();
    try {
      await dumpSnapshot(app.orm.em.fork(), app.config, id, tools, { log });
    } finally {
      writing = false;
      await writer;
    }
    expect(written).toBeGreaterThan(0);
    const outcome = await checkSnapshot(app.orm.em.fork(), app.config, id, tools, { log });
    expect(outcome).toEqual({ status: 'VERIFIED', error: null, mismatches: [] });
  });

  it('a file changed after it was written fails verification and tells every admin, in-app and by mail', async () => {
    const id = await newSnapshot();
    await dumpSnapshot(app.orm.em.fork(), app.config, id, tools, { log });
    const [row] = await sql<{ file_name: string }>('select file_name from backup_snapshot where id = ?', [id]);
    const file = backupPath(app.config, row.file_name);
    const bytes = await fsp.readFile(file);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    await fsp.writeFile(file, bytes);

    const outcome = await checkSnapshot(app.orm.em.fork(), app.config, id, tools, { log });
    expect(outcome.status).toBe('FAILED');
    expect(outcome.error).toMatch(/^The file changed after it was written: sha256 [0-9a-f]{12}…, written as [0-9a-f]{12}….$/);
    for (const who of [admin, secondAdmin]) {
      const notices = (await backupNotices(who.id)).filter((n) => n.dedupe_key === `backup-failed:${id}`);
      expect(notices).toHaveLength(1);
      expect(notices[0].subject).toMatch(/^Backup of \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC failed$/);
      expect(notices[0].body).toContain('The file changed after it was written');
    }
    expect(await backupNotices(member.id)).toEqual([]);
    const mails = await sql<{ to: string }>(`select "to" from outbox_mail where subject like '[PAMS] Backup of % failed'`);
    expect(mails.map((m) => m.to)).toEqual(expect.arrayContaining([admin.email, secondAdmin.email]));
    const { backup } = await admin.client.data(SNAPSHOT, { id });
    expect(backup.status).toBe('FAILED');
    const { backups } = await admin.client.data(OVERVIEW, {});
    expect(backups.lastGoodRestorePoint.id).not.toBe(id);
  });

  it('a dump that restores but holds other rows than the live database had fails on the figures that differ', async () => {
    const id = await newSnapshot();
    await dumpSnapshot(app.orm.em.fork(), app.config, id, tools, { log });
    const [row] = await sql<{ file_name: string }>('select file_name from backup_snapshot where id = ?', [id]);
    const file = backupPath(app.config, row.file_name);
    // The same path written again by pg_dump after five activities went: a well-formed file of the wrong state.
    const [before] = await sql<{ n: number }>('select count(*)::int as n from activity');
    await sql(`delete from activity where id in (select id from activity order by id limit 5)`);
    const { env, dbname, connArgs } = libpqEnv(app.databaseUrl);
    await run(tools.pgDump, ['--format=custom', `--file=${file}`, ...connArgs, `--dbname=${dbname}`], { env: { ...process.env, ...env } });
    const { stdout } = await run('sha256sum', [file]);
    await sql('update backup_snapshot set sha256 = ? where id = ?', [stdout.split(' ')[0], id]);

    const outcome = await checkSnapshot(app.orm.em.fork(), app.config, id, tools, { log });
    expect(outcome.status).toBe('FAILED');
    expect(outcome.mismatches).toEqual(
      expect.arrayContaining([
        { check: 'activity: rows', expected: String(before.n), actual: String(before.n - 5) },
        expect.objectContaining({ check: 'activity: id checksum' }),
        expect.objectContaining({ check: 'activity: content checksum' }),
        expect.objectContaining({ check: 'effort: activities' }),
      ]),
    );
    expect(outcome.error).toBe(`The restore differs from the live database in ${outcome.mismatches.length} checks.`);
    const { backup } = await admin.client.data(SNAPSHOT, { id });
    expect(backup.tables.find((t: { table: string }) => t.table === 'activity')).toMatchObject({ rows: before.n, restoredRows: before.n - 5, ok: false });
    expect(await scratchDatabases()).toEqual([]);
  });

  it('refuses tools older than the server, and a nightly run without tools fails, says why and notifies', async () => {
    await expect(findPgTools(undefined, 990000)).rejects.toThrow(new BackupToolsError(`pg_dump ${tools.major} cannot dump this PostgreSQL 99 server; install the PostgreSQL 99 client tools or set PG_BIN_DIR to them.`));
    const missing = path.join(dir, 'no-tools-here');
    const runner = await startTestRunner(app, { config: { ...app.config, backups: { ...app.config.backups, binDir: missing } } });
    try {
      const [job] = await sql<{ id: string }>(`select (graphile_worker.add_job(?, '{}'::json, max_attempts => 1)).id::text as id`, [RUN_BACKUP_TASK]);
      const outcome = await runner.nextOutcome((j) => j.id === job.id);
      expect(outcome.error).toBeFalsy();
    } finally {
      await runner.stop();
    }
    const [latest] = await sql<{ id: string; status: string; trigger: string; error: string }>(`select id, status, trigger, error from backup_snapshot order by created_at desc limit 1`);
    expect(latest).toMatchObject({ status: 'FAILED', trigger: 'SCHEDULE', error: `pg_dump was not found at ${path.join(missing, 'pg_dump')}; install the PostgreSQL client tools or set PG_BIN_DIR.` });
    expect((await backupNotices(admin.id)).some((n) => n.dedupe_key === `backup-failed:${latest.id}`)).toBe(true);
  });

  it('retention removes old files but always keeps the newest verified one, and keeps every record', async () => {
    const files = () => fs.readdirSync(dir).filter((name) => name.endsWith('.dump')).sort();
    const before = files();
    expect(before.length).toBeGreaterThanOrEqual(3);
    const [good] = await sql<{ id: string; file_name: string }>(`select id, file_name from backup_snapshot where status = 'VERIFIED' order by created_at desc limit 1`);
    const removed = await pruneBackups(app.orm.em.fork(), app.config, new Date(Date.now() + 30 * 86_400_000));
    expect(removed).toBe(before.length - 1);
    expect(files()).toEqual([good.file_name]);
    const rows = await sql<{ id: string; expired: boolean }>(`select id, expired_at is not null as expired from backup_snapshot where file_name is not null`);
    expect(rows.filter((r) => !r.expired).map((r) => r.id)).toEqual([good.id]);
    expect(rows.length).toBe(before.length);
  });

  it('is for admins only, and a bad limit says what is wrong', async () => {
    expect((await member.client.query(OVERVIEW, {})).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await member.client.query(`mutation { startBackup { id } }`)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const [count] = await sql<{ n: number }>('select count(*)::int as n from backup_snapshot');
    expect((await member.client.query(`mutation { startBackup { id } }`)).data).toBeNull();
    const [after] = await sql<{ n: number }>('select count(*)::int as n from backup_snapshot');
    expect(after.n).toBe(count.n);
    const bad = await admin.client.query(OVERVIEW, { limit: 0 });
    expect(bad.errors?.[0]).toMatchObject({ message: '"limit" must be from 1 to 200, not 0.', extensions: { code: 'BAD_USER_INPUT' } });
    expect((await admin.client.data(SNAPSHOT, { id: 'not-a-uuid' })).backup).toBeNull();
  });
});
