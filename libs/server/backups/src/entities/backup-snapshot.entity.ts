import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { BackupChecks, CheckMismatch } from '../run/checks.js';

export enum BackupStatus {
  QUEUED = 'QUEUED',
  DUMPING = 'DUMPING',
  VERIFYING = 'VERIFYING',
  /** Restored into a scratch database and every check equal: a restore point. */
  VERIFIED = 'VERIFIED',
  FAILED = 'FAILED',
}

export enum BackupTrigger {
  SCHEDULE = 'SCHEDULE',
  ADMIN = 'ADMIN',
}

/**
 * One `pg_dump` snapshot and its verification (libs/server/backups, docs/runbooks/restore.md). The row
 * is the job's record, written by the backup task with plain SQL as it goes (no versions: nobody edits
 * it); the file is `<BACKUP_DIR>/<fileName>`. Rows are kept after retention removes the file
 * (`expiredAt`), so the history of backups stays readable.
 */
@Entity({ tableName: 'backup_snapshot' })
@Index({ properties: ['createdAt'] })
export class BackupSnapshot {
  [OptionalProps]?:
    | 'id'
    | 'status'
    | 'createdAt'
    | 'requestedById'
    | 'queueJobId'
    | 'fileName'
    | 'byteSize'
    | 'sha256'
    | 'serverVersion'
    | 'dumpedAt'
    | 'dumpMs'
    | 'verifiedAt'
    | 'verifyMs'
    | 'liveChecks'
    | 'restoredChecks'
    | 'mismatches'
    | 'error'
    | 'expiredAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Enum({ items: () => BackupStatus, type: 'string' })
  status: BackupStatus = BackupStatus.QUEUED;

  @Enum({ items: () => BackupTrigger, type: 'string' })
  trigger!: BackupTrigger;

  /** The admin who asked for it (null for the nightly schedule). */
  @Property({ type: 'uuid', nullable: true })
  requestedById: string | null = null;

  @Property({ type: 'string', length: 20, nullable: true })
  queueJobId: string | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  /** Relative to BACKUP_DIR: `pams-<timestamp>-<id>.dump` (custom format, compressed). */
  @Property({ type: 'string', length: 200, nullable: true })
  fileName: string | null = null;

  @Property({ type: 'bigint', nullable: true })
  byteSize: string | null = null;

  /** Of the file as pg_dump wrote it; checked again before each restore. */
  @Property({ type: 'string', length: 64, nullable: true })
  sha256: string | null = null;

  @Property({ type: 'string', length: 40, nullable: true })
  serverVersion: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  dumpedAt: Date | null = null;

  @Property({ type: 'integer', nullable: true })
  dumpMs: number | null = null;

  @Property({ type: 'datetime', nullable: true })
  verifiedAt: Date | null = null;

  @Property({ type: 'integer', nullable: true })
  verifyMs: number | null = null;

  /** Taken in the very snapshot pg_dump read (pg_export_snapshot), so they describe the file exactly. */
  @Property({ type: 'json', nullable: true })
  liveChecks: BackupChecks | null = null;

  @Property({ type: 'json', nullable: true })
  restoredChecks: BackupChecks | null = null;

  @Property({ type: 'json', nullable: true })
  mismatches: CheckMismatch[] | null = null;

  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  /** When retention removed the file. */
  @Property({ type: 'datetime', nullable: true })
  expiredAt: Date | null = null;
}
