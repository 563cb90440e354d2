import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { AppConfig, Logger } from '@pams/server-core';
import { recordEvent } from '@pams/server-audit';
import { activeAdminIds, raiseNotice } from '@pams/server-admin';
import { BackupSnapshot, BackupStatus } from '../entities/backup-snapshot.entity.js';
import { compareChecks, listTables, takeChecks, type BackupChecks, type CheckMismatch } from './checks.js';
import { BackupToolsError, findPgTools, libpqEnv, runTool, urlForDatabase, type PgTools } from './pg-tools.js';

export interface BackupRunOptions {
  log: Logger;
  progress?: (done: number, total: number, message: string) => Promise<void>;
  signal?: AbortSignal;
}

export interface BackupOutcome {
  status: BackupStatus.VERIFIED | BackupStatus.FAILED;
  error: string | null;
  mismatches: CheckMismatch[];
}

const STEPS = 4;

/** The database the gateway serves (what is backed up). */
export function databaseUrlOf(em: EntityManager): string {
  const url = em.config.get('clientUrl');
  if (!url) throw new Error('the ORM has no clientUrl');
  return url;
}

export function backupPath(config: Pick<AppConfig, 'backups'>, fileName: string): string {
  return path.join(config.backups.dir, path.basename(fileName));
}

/** The scratch database a snapshot is restored into: one name per snapshot, so a crashed run's is found and dropped. */
export function scratchDatabaseOf(snapshotId: string): string {
  return `pams_restore_check_${snapshotId.replace(/-/g, '').slice(0, 20)}`;
}

async function serverVersionNum(em: EntityManager): Promise<number> {
  const [row] = await em.getConnection().execute<{ v: string }[]>(`select current_setting('server_version_num') as v`);
  return Number(row.v);
}

type ToolsStatus = { ok: true; tools: PgTools } | { ok: false; reason: string };

/** The page polls while a backup runs: the tools' versions are asked once a minute, not two processes per poll. */
const TOOLS_STATUS_TTL_MS = 60_000;
const toolsStatusCache = new Map<string, { at: number; status: ToolsStatus }>();

/** The tools, or the reason there are none (shown on the admin page before anyone waits for a night). */
export async function backupToolsStatus(em: EntityManager, config: AppConfig): Promise<ToolsStatus> {
  const version = await serverVersionNum(em);
  const key = `${config.backups.binDir ?? ''}|${version}`;
  const cached = toolsStatusCache.get(key);
  if (cached && Date.now() - cached.at < TOOLS_STATUS_TTL_MS) return cached.status;
  let status: ToolsStatus;
  try {
    status = { ok: true, tools: await findPgTools(config.backups.binDir, version) };
  } catch (error) {
    if (!(error instanceof BackupToolsError)) throw error;
    status = { ok: false, reason: error.message };
  }
  toolsStatusCache.set(key, { at: Date.now(), status });
  return status;
}

async function update(em: EntityManager, id: string, fields: Record<string, unknown>): Promise<void> {
  const keys = Object.keys(fields);
  const json = new Set(['live_checks', 'restored_checks', 'mismatches']);
  await em.getConnection().execute(
    `update backup_snapshot set ${keys.map((k) => `${k} = ?${json.has(k) ? '::jsonb' : ''}`).join(', ')} where id = ?`,
    [...keys.map((k) => (json.has(k) && fields[k] !== null ? JSON.stringify(fields[k]) : fields[k])), id],
  );
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

/**
 * Dumps the database with pg_dump in the snapshot of a transaction of our own (`pg_export_snapshot`),
 * and takes the live checks in that same transaction while pg_dump runs: the checks describe exactly
 * the rows in the file, however busy the database is meanwhile. Written to `<file>.partial` and renamed
 * when whole.
 */
export async function dumpSnapshot(em: EntityManager, config: AppConfig, id: string, tools: PgTools, options: BackupRunOptions): Promise<void> {
  const url = databaseUrlOf(em);
  const { env, dbname, connArgs } = libpqEnv(url);
  await fsp.mkdir(config.backups.dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const fileName = `pams-${stamp}-${id.slice(0, 8)}.dump`;
  const file = backupPath(config, fileName);
  const partial = `${file}.partial`;
  const started = Date.now();
  await update(em, id, { status: BackupStatus.DUMPING });
  await options.progress?.(1, STEPS, 'Dumping the database');
  const client = new pg.Client({ connectionString: url, application_name: 'pams backup' });
  await client.connect();
  let liveChecks: BackupChecks;
  try {
    await client.query('begin isolation level repeatable read read only');
    const { rows } = await client.query<{ snapshot: string; version: string }>(`select pg_export_snapshot() as snapshot, current_setting('server_version') as version`);
    const tables = await listTables(client);
    const [dump, checks] = await Promise.all([
      runTool(tools.pgDump, ['--format=custom', `--snapshot=${rows[0].snapshot}`, `--file=${partial}`, ...connArgs, `--dbname=${dbname}`], env, options.signal),
      takeChecks(client, tables),
    ]);
    if (dump.code !== 0) throw new BackupStepError(`pg_dump failed (exit ${dump.code}): ${dump.stderr || 'no message'}`);
    liveChecks = checks;
    await client.query('commit');
    await update(em, id, { server_version: rows[0].version });
  } catch (error) {
    await fsp.rm(partial, { force: true });
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
  await fsp.rename(partial, file);
  const stat = await fsp.stat(file);
  await update(em, id, {
    status: BackupStatus.VERIFYING,
    file_name: fileName,
    byte_size: String(stat.size),
    sha256: await sha256Of(file),
    dumped_at: new Date(),
    dump_ms: Date.now() - started,
    live_checks: liveChecks,
  });
}

/** A failure of one step of a backup, with the words the admin is shown. */
export class BackupStepError extends Error {}

/**
 * Restores the snapshot's file into a scratch database on the same server and takes the same checks
 * there; the scratch database is dropped whatever happens. Answers the figures that differ (none: the
 * snapshot is a restore point). The file is first checked against the sha256 taken when it was written.
 */
export async function verifySnapshot(em: EntityManager, config: AppConfig, id: string, tools: PgTools, options: BackupRunOptions): Promise<CheckMismatch[]> {
  const snapshot = await em.fork().findOneOrFail(BackupSnapshot, id);
  if (!snapshot.fileName || !snapshot.liveChecks || !snapshot.sha256) throw new BackupStepError('The snapshot has no file to verify.');
  const file = backupPath(config, snapshot.fileName);
  const started = Date.now();
  await options.progress?.(2, STEPS, 'Checking the file');
  const sha = await sha256Of(file).catch((error: NodeJS.ErrnoException) => {
    throw new BackupStepError(error.code === 'ENOENT' ? `The file ${snapshot.fileName} is gone.` : `The file could not be read: ${error.message}`);
  });
  if (sha !== snapshot.sha256) throw new BackupStepError(`The file changed after it was written: sha256 ${sha.slice(0, 12)}…, written as ${snapshot.sha256.slice(0, 12)}….`);
  const url = databaseUrlOf(em);
  const scratch = scratchDatabaseOf(id);
  const scratchUrl = urlForDatabase(url, scratch);
  const conn = em.getConnection();
  await conn.execute(`drop database if exists "${scratch}" with (force)`);
  await conn.execute(`create database "${scratch}" template template0`);
  try {
    await options.progress?.(3, STEPS, 'Restoring into a scratch database');
    const { env, connArgs } = libpqEnv(scratchUrl);
    const restore = await runTool(tools.pgRestore, ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', ...connArgs, `--dbname=${scratch}`, file], env, options.signal);
    if (restore.code !== 0) throw new BackupStepError(`pg_restore failed (exit ${restore.code}): ${restore.stderr || 'no message'}`);
    await options.progress?.(4, STEPS, 'Comparing the restore with the live figures');
    const client = new pg.Client({ connectionString: scratchUrl, application_name: 'pams backup check' });
    await client.connect();
    let restored: BackupChecks;
    try {
      await client.query('begin isolation level repeatable read read only');
      restored = await takeChecks(client, Object.keys(snapshot.liveChecks.tables));
      await client.query('commit');
    } finally {
      await client.end().catch(() => undefined);
    }
    const mismatches = compareChecks(snapshot.liveChecks, restored);
    await update(em, id, { restored_checks: restored, mismatches, verified_at: new Date(), verify_ms: Date.now() - started });
    return mismatches;
  } finally {
    await conn.execute(`drop database if exists "${scratch}" with (force)`);
  }
}

/**
 * One backup from start to end: tools, dump, verification, and its record; a failure of any step is
 * recorded on the snapshot (FAILED with the reason) and told to every active admin, in-app and by mail,
 * in the transaction that records it, with an audit event either way.
 */
export async function runBackup(em: EntityManager, config: AppConfig, id: string, options: BackupRunOptions): Promise<BackupOutcome> {
  let tools: PgTools;
  try {
    tools = await findPgTools(config.backups.binDir, await serverVersionNum(em));
    await dumpSnapshot(em, config, id, tools, options);
  } catch (error) {
    return record(em, id, failure(error, id, options), options);
  }
  return checkSnapshot(em, config, id, tools, options);
}

/** Verifies a dumped snapshot and records the outcome (VERIFIED, or FAILED and told), as the end of `runBackup`. */
export async function checkSnapshot(em: EntityManager, config: AppConfig, id: string, tools: PgTools, options: BackupRunOptions): Promise<BackupOutcome> {
  let outcome: BackupOutcome;
  try {
    const mismatches = await verifySnapshot(em, config, id, tools, options);
    outcome =
      mismatches.length === 0
        ? { status: BackupStatus.VERIFIED, error: null, mismatches }
        : { status: BackupStatus.FAILED, error: `The restore differs from the live database in ${mismatches.length} check${mismatches.length === 1 ? '' : 's'}.`, mismatches };
  } catch (error) {
    outcome = failure(error, id, options);
  }
  return record(em, id, outcome, options);
}

function failure(error: unknown, id: string, options: BackupRunOptions): BackupOutcome {
  if (!(error instanceof BackupStepError || error instanceof BackupToolsError)) options.log.error({ err: error, snapshotId: id }, 'backup failed unexpectedly');
  return { status: BackupStatus.FAILED, error: error instanceof Error ? error.message : String(error), mismatches: [] };
}

async function record(em: EntityManager, id: string, outcome: BackupOutcome, options: BackupRunOptions): Promise<BackupOutcome> {
  await finish(em, id, outcome);
  if (outcome.status === BackupStatus.FAILED) options.log.warn({ snapshotId: id, error: outcome.error, mismatches: outcome.mismatches.slice(0, 10) }, 'backup failed');
  else options.log.info({ snapshotId: id }, 'backup verified');
  return outcome;
}

async function finish(em: EntityManager, id: string, outcome: BackupOutcome): Promise<void> {
  await em.fork().transactional(async (tx) => {
    await tx.execute(`update backup_snapshot set status = ?, error = ? where id = ?`, [outcome.status, outcome.error, id]);
    recordEvent(tx, {
      action: outcome.status === BackupStatus.VERIFIED ? 'backup.verified' : 'backup.failed',
      entityType: 'BackupSnapshot',
      entityId: id,
      changes: { status: { before: null, after: outcome.status }, ...(outcome.error ? { error: { before: null, after: outcome.error } } : {}) },
    });
    if (outcome.status === BackupStatus.FAILED) {
      const snapshot = await tx.findOneOrFail(BackupSnapshot, id);
      const lines = outcome.mismatches.slice(0, 20).map((m) => `- ${m.check}: ${m.expected} at dump time, ${m.actual} in the restore`);
      const notice = {
        kind: 'BACKUP_FAILED',
        subject: `Backup of ${snapshot.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC failed`,
        body: [
          `The backup started ${snapshot.createdAt.toISOString()} is not a restore point.`,
          '',
          outcome.error ?? '',
          ...(lines.length > 0 ? ['', ...lines, ...(outcome.mismatches.length > lines.length ? [`… and ${outcome.mismatches.length - lines.length} more`] : [])] : []),
          '',
          'The admin console (Backups) shows the report and the last good restore point; docs/runbooks/restore.md says what to do.',
        ].join('\n'),
        dedupeKey: `backup-failed:${id}`,
        mail: true,
      };
      for (const adminId of await activeAdminIds(tx)) await raiseNotice(tx, adminId, notice);
    }
    await tx.flush();
  });
}

/**
 * Retention: the file of every snapshot older than the window is removed (its row kept, `expiredAt`
 * set), except the newest verified one, which stays however old it is: there is always a restore point
 * while one was ever made. Answers how many files went.
 */
export async function pruneBackups(em: EntityManager, config: AppConfig, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - config.backups.retentionDays * 86_400_000);
  const conn = em.getConnection();
  const expired = await conn.execute<{ id: string; file_name: string }[]>(
    `select id, file_name from backup_snapshot
      where created_at < ? and expired_at is null and file_name is not null and status in ('VERIFIED', 'FAILED')
        and id is distinct from (select id from backup_snapshot where status = 'VERIFIED' and expired_at is null order by created_at desc limit 1)`,
    [cutoff],
  );
  for (const row of expired) {
    await fsp.rm(backupPath(config, row.file_name), { force: true });
    await conn.execute('update backup_snapshot set expired_at = now() where id = ?', [row.id]);
  }
  return expired.length;
}

/**
 * Backups run one at a time (queue `backups`), so a snapshot still dumping or verifying when another
 * starts was cut off (the process died): it is failed and told like any failure; partial files and its
 * scratch database are removed.
 */
export async function failInterrupted(em: EntityManager, config: AppConfig, currentId: string): Promise<void> {
  const conn = em.getConnection();
  const stuck = await conn.execute<{ id: string }[]>(`select id from backup_snapshot where status in ('DUMPING', 'VERIFYING') and id <> ?`, [currentId]);
  for (const row of stuck) {
    await conn.execute(`drop database if exists "${scratchDatabaseOf(row.id)}" with (force)`);
    await finish(em, row.id, { status: BackupStatus.FAILED, error: 'Interrupted: the gateway stopped while this backup ran.', mismatches: [] });
  }
  const names = await fsp.readdir(config.backups.dir).catch(() => [] as string[]);
  for (const name of names) if (name.endsWith('.partial')) await fsp.rm(path.join(config.backups.dir, name), { force: true });
}
