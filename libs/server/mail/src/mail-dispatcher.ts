import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { runInScope, type AppConfig, type Logger } from '@pams/server-core';
import { createMailSender, type MailSender } from './mail-sender.js';
import { MailStatus, OutboxMail } from './outbox-mail.entity.js';

export interface MailDispatcherOptions {
  /** The ORM's root EntityManager; every run works on its own fork. */
  em: EntityManager;
  config: Pick<AppConfig, 'mail'>;
  log: Logger;
  sender?: MailSender;
  /** Attempts before a mail is given up as FAILED (default 8: about 3.7 hours of retries). */
  maxAttempts?: number;
  /** The clock (tests move it); defaults to the system's. */
  now?: () => Date;
  batchSize?: number;
  intervalMs?: number;
}

/** Wait after the n-th failed attempt: 30 s, 2 min, 8 min, 32 min, then hourly. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 4 ** Math.max(0, attempts - 1), 3_600_000);
}

export interface DrainResult {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * Sends what the outbox holds, after commit, on any number of gateway replicas: rows are claimed with
 * `for update skip locked`, so each is sent by one replica only, and a crash before the status is
 * saved sends it again rather than losing it (at least once). A failed send is tried again later and
 * later (`retryDelayMs`), so a mail server that is down for a while loses nothing.
 */
export class MailDispatcher {
  private readonly sender: MailSender;
  private readonly maxAttempts: number;
  private readonly batchSize: number;
  private readonly intervalMs: number;
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = true;

  constructor(private readonly options: MailDispatcherOptions) {
    this.sender = options.sender ?? createMailSender(options.config.mail);
    this.maxAttempts = options.maxAttempts ?? 8;
    this.now = options.now ?? (() => new Date());
    this.batchSize = options.batchSize ?? 20;
    this.intervalMs = options.intervalMs ?? 3_000;
  }

  /** Polls the outbox every few seconds until `stop()`. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running.catch(() => undefined);
    this.sender.close();
  }

  /** Sends every pending mail that is due, once (a failed one waits for its next attempt). Tests call it directly. */
  drain(): Promise<DrainResult> {
    const run = this.running.catch(() => undefined).then(() => this.drainOnce());
    this.running = run;
    return run;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.drain()
        .catch((error: unknown) => this.options.log.error({ err: error }, 'mail dispatch failed'))
        .finally(() => this.schedule(this.intervalMs));
    }, delay);
    this.timer.unref();
  }

  private async drainOnce(): Promise<DrainResult> {
    const result: DrainResult = { sent: 0, retrying: 0, failed: 0 };
    const tried: string[] = [];
    await runInScope({ requestId: 'mail-dispatcher', actorId: null, actorKind: 'system' }, async () => {
      for (;;) {
        const claimed = await this.options.em.fork().transactional(async (em) => {
          const batch = await em.find(
            OutboxMail,
            { status: MailStatus.PENDING, nextAttemptAt: { $lte: this.now() }, ...(tried.length > 0 ? { id: { $nin: tried } } : {}) },
            { orderBy: { nextAttemptAt: 'asc', id: 'asc' }, limit: this.batchSize, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
          );
          for (const mail of batch) {
            tried.push(mail.id);
            await this.sendOne(mail, result);
          }
          return batch.length;
        });
        if (claimed < this.batchSize) break;
      }
    });
    return result;
  }

  private async sendOne(mail: OutboxMail, result: DrainResult): Promise<void> {
    mail.attempts += 1;
    try {
      await this.sender.send(mail.id, mail);
      mail.status = MailStatus.SENT;
      mail.sentAt = new Date();
      mail.lastError = null;
      result.sent += 1;
    } catch (error) {
      mail.lastError = String(error instanceof Error ? error.message : error).slice(0, 1000);
      if (mail.attempts >= this.maxAttempts) {
        mail.status = MailStatus.FAILED;
        result.failed += 1;
        this.options.log.error({ mailId: mail.id, attempts: mail.attempts, err: error }, 'mail given up');
      } else {
        mail.nextAttemptAt = new Date(this.now().getTime() + retryDelayMs(mail.attempts));
        result.retrying += 1;
        this.options.log.warn({ mailId: mail.id, attempts: mail.attempts, nextAttemptAt: mail.nextAttemptAt, err: error }, 'mail not sent, will retry');
      }
    }
  }
}

export function createMailDispatcher(options: MailDispatcherOptions): MailDispatcher {
  return new MailDispatcher(options);
}
