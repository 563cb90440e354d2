import { Entity, Enum, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

export enum MailStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
}

/**
 * Mail is written to this outbox, with its `mail.send` job, in the transaction of the change that
 * causes it, and sent after commit by the job queue: no mail for a change that rolled back, no change
 * lost for a mail server that is down. The row is the record of what was sent (audit, `.eml` name).
 */
@Entity({ tableName: 'outbox_mail' })
export class OutboxMail {
  [OptionalProps]?: 'id' | 'status' | 'attempts' | 'lastError' | 'createdAt' | 'sentAt' | 'html';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 254 })
  to!: string;

  @Property({ type: 'string', length: 200 })
  subject!: string;

  /** May hold a secret link (password reset): never audited, never logged. */
  @Property({ type: 'text', hidden: true })
  text!: string;

  @Property({ type: 'text', nullable: true, hidden: true })
  html?: string | null;

  @Enum({ items: () => MailStatus, type: 'string' })
  status: MailStatus = MailStatus.PENDING;

  /** Sends tried (the job's runs). */
  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  sentAt?: Date | null;
}
