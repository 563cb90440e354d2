import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

export enum MailStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
}

/**
 * Mail is written to this outbox in the transaction of the change that causes it, and sent
 * after commit by the dispatcher: no mail for a change that rolled back, no change lost for a
 * mail server that is down.
 */
@Entity({ tableName: 'outbox_mail' })
@Index({ properties: ['status', 'nextAttemptAt'] })
export class OutboxMail {
  [OptionalProps]?: 'id' | 'status' | 'attempts' | 'lastError' | 'createdAt' | 'nextAttemptAt' | 'sentAt' | 'html';

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

  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /** Not tried again before this: a failed send backs off (mail-dispatcher.ts). */
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  nextAttemptAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  sentAt?: Date | null;
}
