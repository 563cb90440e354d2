import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { User } from '@pams/server-identity';
import { ExportFormat, ExportKind } from '../export-kinds.js';

export enum ExportJobStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}

/**
 * A long export run as a job (`exports.write`): who asked for which table and format, and where the
 * file is. Created in the transaction that queues the job; the task moves its status on with plain
 * SQL (no versions: nobody edits it). The file is `<PAMS_DATA_DIR>/exports/<id>.<ext>`.
 */
@Entity({ tableName: 'export_job' })
@Index({ properties: ['createdAt'] })
export class ExportJob {
  [OptionalProps]?: 'id' | 'status' | 'createdAt' | 'queueJobId' | 'rowCount' | 'byteSize' | 'error' | 'startedAt' | 'finishedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  @Index()
  owner!: Rel<User>;

  @Enum({ items: () => ExportKind, type: 'string' })
  kind!: ExportKind;

  @Enum({ items: () => ExportFormat, type: 'string' })
  format!: ExportFormat;

  /** The parameters as checked when the job was started (the download's query, as JSON). */
  @Property({ type: 'json' })
  params!: Record<string, unknown>;

  /** The name the file is downloaded under. */
  @Property({ type: 'string', length: 200 })
  fileName!: string;

  @Enum({ items: () => ExportJobStatus, type: 'string' })
  status: ExportJobStatus = ExportJobStatus.QUEUED;

  /** graphile-worker's job id (its progress lives in job_progress under it). */
  @Property({ type: 'bigint', nullable: true })
  queueJobId?: string | null = null;

  @Property({ type: 'integer', nullable: true })
  rowCount?: number | null = null;

  @Property({ type: 'bigint', nullable: true })
  byteSize?: string | null = null;

  /** Why it failed, in words the user may see. */
  @Property({ type: 'text', nullable: true })
  error?: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  startedAt?: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  finishedAt?: Date | null = null;
}
