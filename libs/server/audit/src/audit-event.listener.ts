import pg from 'pg';
import type { Logger } from '@pams/server-core';

/** The channel the audit_event insert trigger notifies (migrations/…_guards.ts). */
export const AUDIT_EVENT_CHANNEL = 'pams_audit_event';

export interface AuditEventListenerOptions {
  connectionString: string;
  log?: Logger;
  /** First delay before reconnecting; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

type IdHandler = (id: string) => void;
type ResumeHandler = () => void;

/**
 * Hears committed audit events: PostgreSQL delivers a NOTIFY only when the inserting transaction
 * commits, so an id arriving here belongs to a change that happened (and a rolled-back one never
 * arrives). One dedicated connection per process, fanned out to in-process subscribers.
 *
 * Notifications sent while the connection is down are lost: after reconnecting, `onResume`
 * handlers run so that subscribers can re-read audit_event from the last id they saw.
 */
export class AuditEventListener {
  private client: pg.Client | undefined;
  private readonly handlers = new Set<IdHandler>();
  private readonly resumeHandlers = new Set<ResumeHandler>();
  private running = false;
  private starting: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private delay: number;

  constructor(private readonly options: AuditEventListenerOptions) {
    this.delay = options.retryMs ?? 500;
  }

  /**
   * Resolves once LISTEN is in place (rejects when the first connection fails). `subscribe` calls it
   * too, so a process opens the connection only when something listens.
   */
  start(): Promise<void> {
    this.starting ??= (async () => {
      this.running = true;
      try {
        await this.connect();
      } catch (error) {
        this.running = false;
        this.starting = undefined;
        throw error;
      }
    })();
    return this.starting;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.starting = undefined;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  /** Calls `handler` with the id of every committed audit event; returns an unsubscribe function. */
  subscribe(handler: IdHandler): () => void {
    this.handlers.add(handler);
    if (!this.starting) {
      this.start().catch((error: unknown) => {
        // Keep trying in the background: the subscriber's onResume re-reads what it missed.
        this.options.log?.warn({ err: error }, 'audit listener could not connect; retrying');
        this.running = true;
        this.scheduleReconnect();
      });
    }
    return () => this.handlers.delete(handler);
  }

  /** Calls `handler` after a lost connection is back: ids may have been missed meanwhile. */
  onResume(handler: ResumeHandler): () => void {
    this.resumeHandlers.add(handler);
    return () => this.resumeHandlers.delete(handler);
  }

  get listening(): boolean {
    return this.client !== undefined;
  }

  private async connect(): Promise<void> {
    // Idle for hours by design: no statement_timeout concerns, keepAlive to notice dead peers.
    const client = new pg.Client({ connectionString: this.options.connectionString, keepAlive: true });
    client.on('notification', (message) => {
      if (message.channel === AUDIT_EVENT_CHANNEL && message.payload) this.emit(message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`listen ${AUDIT_EVENT_CHANNEL}`);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw error;
    }
    if (!this.running) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.delay = this.options.retryMs ?? 500;
  }

  private lost(client: pg.Client, error?: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    if (!this.running) return;
    this.options.log?.warn({ err: error }, 'audit listener lost its connection; reconnecting');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.connect().then(
        () => {
          if (this.running && this.client) {
            this.options.log?.info('audit listener reconnected');
            for (const handler of this.resumeHandlers) this.safely(() => handler());
          }
        },
        (error: unknown) => {
          this.options.log?.warn({ err: error }, 'audit listener could not reconnect');
          this.delay = Math.min(this.delay * 2, this.options.maxRetryMs ?? 30_000);
          if (this.running) this.scheduleReconnect();
        },
      );
    }, this.delay);
    this.retryTimer.unref();
  }

  private emit(id: string): void {
    for (const handler of this.handlers) this.safely(() => handler(id));
  }

  /** One failing subscriber must not starve the others. */
  private safely(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.options.log?.error({ err: error }, 'audit listener subscriber failed');
    }
  }
}
