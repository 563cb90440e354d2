import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig, TaskHandler, Viewer } from '@pams/server-core';
import { enqueueJob, readJobProgress } from '@pams/server-jobs';
import { BackupSnapshot, BackupStatus, BackupTrigger } from './entities/backup-snapshot.entity.js';
import { backupToolsStatus, failInterrupted, pruneBackups, runBackup } from './run/run-backup.js';
import type { BackupOverviewType, BackupSnapshotType } from './backup.types.js';

// A colon, not a dot: graphile-worker's crontab refuses dots in task names.
export const RUN_BACKUP_TASK = 'backups:run';
/** Backups run one at a time, in order. */
export const BACKUP_QUEUE = 'backups';
const BACKUP_CRON = '0 2 * * *';
/** Every night at 02:00 UTC (after the 01:30 count check). */
export const BACKUP_SCHEDULE = `${BACKUP_CRON} ${RUN_BACKUP_TASK} ?id=nightly_backup&max=1&queue=${BACKUP_QUEUE}`;

export interface RunBackupPayload {
  /** The snapshot an admin asked for; absent for the nightly run, which records its own. */
  snapshotId?: string;
}

/** Records a snapshot asked for by an admin (audited as its creation, by them) and queues it, in one transaction. */
export async function startBackup(em: EntityManager, viewer: Viewer): Promise<BackupSnapshot> {
  return em.transactional(async (tx) => {
    const snapshot = tx.create(BackupSnapshot, { trigger: BackupTrigger.ADMIN, requestedById: viewer.id });
    snapshot.queueJobId = await enqueueJob(tx, RUN_BACKUP_TASK, { snapshotId: snapshot.id } satisfies RunBackupPayload, { queueName: BACKUP_QUEUE, maxAttempts: 1 });
    await tx.flush();
    return snapshot;
  });
}

/** The backup job: one snapshot dumped, verified and recorded, then retention applied. Never retried (a failure is a result, told to the admins). */
export const runBackupTask: TaskHandler<RunBackupPayload> = async (payload, { em, config, log, jobId, progress, signal }) => {
  let id = payload.snapshotId;
  if (!id) {
    const snapshot = em.create(BackupSnapshot, { trigger: BackupTrigger.SCHEDULE, queueJobId: jobId });
    await em.flush();
    id = snapshot.id;
  }
  await failInterrupted(em, config, id);
  await runBackup(em, config, id, { log, signal, progress: (done, total, message) => progress(done, total, message) });
  const removed = await pruneBackups(em, config);
  if (removed > 0) log.info({ removed }, 'old backup files removed (retention)');
};

const STEPS_TOTAL = 4;

async function view(em: EntityManager, s: BackupSnapshot, names: Map<string, string>): Promise<BackupSnapshotType> {
  const live = s.liveChecks;
  const restored = s.restoredChecks;
  const failedChecks = new Set((s.mismatches ?? []).map((m) => m.check.split(':')[0]));
  const running = s.status === BackupStatus.QUEUED || s.status === BackupStatus.DUMPING || s.status === BackupStatus.VERIFYING;
  const progress = running && s.queueJobId ? await readJobProgress(em, s.queueJobId) : null;
  const tables = live
    ? Object.entries(live.tables)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([table, check]) => ({
          table,
          rows: check.rows,
          restoredRows: restored?.tables[table]?.rows ?? null,
          maxId: check.maxId,
          ok: restored !== null && !failedChecks.has(table),
        }))
    : [];
  return {
    id: s.id,
    status: s.status,
    trigger: s.trigger,
    requestedByName: s.requestedById ? (names.get(s.requestedById) ?? null) : null,
    createdAt: s.createdAt,
    fileName: s.fileName,
    byteSize: s.byteSize === null ? null : Number(s.byteSize),
    sha256: s.sha256,
    serverVersion: s.serverVersion,
    dumpedAt: s.dumpedAt,
    dumpMs: s.dumpMs,
    verifiedAt: s.verifiedAt,
    verifyMs: s.verifyMs,
    error: s.error,
    expiredAt: s.expiredAt,
    tableCount: tables.length,
    totalRows: live ? tables.reduce((sum, t) => sum + t.rows, 0) : null,
    activities: live ? live.effort.activities : null,
    mismatches: s.mismatches ?? [],
    tables,
    stepsDone: s.status === BackupStatus.VERIFIED || s.status === BackupStatus.FAILED ? STEPS_TOTAL : (progress?.done ?? 0),
    stepsTotal: STEPS_TOTAL,
    step: running ? (progress?.message ?? (s.status === BackupStatus.QUEUED ? 'Waiting to start' : null)) : null,
  };
}

async function userNames(em: EntityManager, snapshots: BackupSnapshot[]): Promise<Map<string, string>> {
  const ids = [...new Set(snapshots.map((s) => s.requestedById).filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const rows = await em.getConnection().execute<{ id: string; name: string }[]>(`select id, name from app_user where id = any(?::uuid[])`, [`{${ids.join(',')}}`]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The admin page's figures: recent snapshots, the last good restore point, and whether backups can run here. */
export async function readBackupOverview(em: EntityManager, config: AppConfig, limit: number): Promise<BackupOverviewType> {
  const snapshots = await em.find(BackupSnapshot, {}, { orderBy: { createdAt: 'desc' }, limit });
  const good = await em.findOne(BackupSnapshot, { status: BackupStatus.VERIFIED, expiredAt: null }, { orderBy: { createdAt: 'desc' } });
  const names = await userNames(em, good ? [...snapshots, good] : snapshots);
  const tools = await backupToolsStatus(em, config);
  return {
    snapshots: await Promise.all(snapshots.map((s) => view(em, s, names))),
    lastGoodRestorePoint: good ? await view(em, good, names) : null,
    directory: config.backups.dir,
    retentionDays: config.backups.retentionDays,
    schedule: BACKUP_CRON,
    toolsReady: tools.ok,
    toolsMessage: tools.ok ? `pg_dump ${tools.tools.major} (${tools.tools.pgDump})` : tools.reason,
  };
}

export async function readBackupSnapshot(em: EntityManager, id: string): Promise<BackupSnapshotType | null> {
  const snapshot = await em.findOne(BackupSnapshot, id);
  return snapshot ? view(em, snapshot, await userNames(em, [snapshot])) : null;
}
