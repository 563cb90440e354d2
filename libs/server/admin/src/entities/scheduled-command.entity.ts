import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { User } from '@pams/server-identity';
import { AdminCommandKind } from '../commands/admin-command-kind.js';

export enum ScheduledCommandStatus {
  PENDING = 'PENDING',
  DONE = 'DONE',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}

/**
 * An admin command to run later (docs/adr/0018): the row is the list admins see and the record of
 * the outcome; the graphile-worker job under `jobKey` runs it at `runAt`. Both are written in one
 * transaction, so neither exists without the other, and both outlive a gateway restart.
 */
@Entity({ tableName: 'scheduled_command' })
@Index({ properties: ['runAt', 'id'] })
export class ScheduledCommand {
  [OptionalProps]?: 'id' | 'status' | 'createdAt' | 'finishedAt' | 'outcome' | 'queueJobId';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Enum({ items: () => AdminCommandKind, type: 'string' })
  kind!: AdminCommandKind;

  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  @Index()
  target!: Rel<User>;

  /** The admin who scheduled it; the command runs with their rights as they are at run time. */
  @ManyToOne({ entity: () => User })
  actor!: Rel<User>;

  /** The command's arguments as checked when it was scheduled (role, regions, message, review…). */
  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Property({ type: 'datetime' })
  runAt!: Date;

  @Enum({ items: () => ScheduledCommandStatus, type: 'string' })
  @Index()
  status: ScheduledCommandStatus = ScheduledCommandStatus.PENDING;

  /** graphile-worker's job_key: cancelling removes the waiting job by it. */
  @Property({ type: 'string', length: 80 })
  jobKey!: string;

  @Property({ type: 'bigint', nullable: true })
  queueJobId?: string | null = null;

  /** What happened when it ran (or why it was refused then), in words an admin may read. */
  @Property({ type: 'text', nullable: true })
  outcome?: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  finishedAt?: Date | null = null;
}
