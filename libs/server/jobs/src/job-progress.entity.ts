import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * How far a running job is, written by its task through `progress()` (upserted outside the task's
 * transaction, so readers see it at once). The queue deletes a job when it completes; this row stays.
 */
@Entity({ tableName: 'job_progress' })
export class JobProgress {
  /** graphile-worker's job id (bigint, read as a string). */
  @PrimaryKey({ type: 'bigint', autoincrement: false })
  jobId!: string;

  @Property({ type: 'string', length: 100 })
  task!: string;

  @Property({ type: 'integer' })
  done!: number;

  /** Unknown until the task has counted its work. */
  @Property({ type: 'integer', nullable: true })
  total?: number | null;

  @Property({ type: 'text', nullable: true })
  message?: string | null;

  @Property({ type: 'datetime' })
  updatedAt!: Date;
}
