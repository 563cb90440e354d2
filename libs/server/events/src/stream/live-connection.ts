import { Role } from '@pams/shared-util';
import type { Logger } from '@pams/server-core';
import type { AuditEventType } from '@pams/server-audit';
import type { StreamRow } from '../sequence/stream-reader.js';
import { LiveEventKind, LiveResetReason, type LiveEventType } from './live-event.type.js';

/** What a connection needs from its hub. */
export interface ConnectionHost {
  read(afterSeq: number, limit: number): Promise<StreamRow[]>;
  /** The last `seq` the hub has dispatched. */
  head(): number;
  release(connection: LiveConnection): void;
  log: Logger;
}

export interface ConnectionOptions {
  heartbeatMs: number;
  queueLimit: number;
}

/** The stream's subscriber: who they are and which credential opened the stream. */
export interface StreamViewer {
  id: string;
  role: Role;
  /** Public handle of the cookie session, or null. */
  sessionHandle: string | null;
  /** Id of the access token, or null. */
  tokenId: string | null;
}

/** Messages handed to graphql-sse but not yet written to the socket: the rest waits in our bounded queue. */
const MAX_IN_FLIGHT = 8;

/**
 * One open stream. Positions are gap-free `seq`s, so the connection delivers strictly `position + 1`
 * next: a live batch that does not continue its position (it connected mid-batch, or fell behind)
 * is read from the table instead (catch-up, paced by the queue), and anything at or below its
 * position is a duplicate and dropped. Live events beyond `queueLimit` waiting for a slow client
 * drop the queue and send one RESET that continues at the hub's head.
 */
export class LiveConnection implements AsyncIterableIterator<LiveEventType> {
  /** SSE ids of the messages yielded, in order: the route writes each as the `id:` of its `next` event. */
  readonly ids: (string | null)[] = [];
  /** Called once the stream ends from our side (revocation, shutdown): the route closes the response. */
  onEnded: (() => void) | undefined;

  private position = 0;
  private queue: LiveEventType[] = [];
  private reset: LiveEventType | null = null;
  private ended = false;
  private catching = false;
  private catchAgain = false;
  private yielded = 0;
  private written = 0;
  private lastSentAt = Date.now();
  private wakeConsumer: (() => void) | undefined;
  private wakeProducer: (() => void) | undefined;

  constructor(
    readonly viewer: StreamViewer,
    private readonly host: ConnectionHost,
    private readonly options: ConnectionOptions,
  ) {}

  get open(): boolean {
    return !this.ended;
  }

  /** Start live at `position` (the hub's head): nothing to replay. */
  startAt(position: number): void {
    this.position = position;
  }

  /** Continue after `position` (replaying from the table up to live). */
  resumeAfter(position: number): void {
    this.position = position;
    this.catchUp();
  }

  /** Start at `position` with a RESET: the client's cursor is unusable. */
  resetAt(position: number, reason: LiveResetReason): void {
    this.position = position;
    this.reset = resetMessage(position, reason);
    this.wake();
  }

  /** A batch of stream rows in `seq` order, as the hub dispatches them. */
  offer(rows: readonly StreamRow[]): void {
    if (this.ended) return;
    if (this.catching) {
      this.catchAgain = true;
      return;
    }
    for (const row of rows) {
      if (row.seq <= this.position) continue;
      if (row.seq !== this.position + 1) {
        this.catchUp();
        return;
      }
      this.take(row);
      if (this.queue.length > this.options.queueLimit) this.overflow();
    }
  }

  /** The route wrote one `next` message to the socket. */
  acknowledgeWrite(): void {
    this.written += 1;
    this.wake();
  }

  /** Ends the stream from the server's side: the client sees `complete` and the response ends. */
  end(): void {
    if (this.ended) return;
    this.close();
    this.onEnded?.();
  }

  async next(): Promise<IteratorResult<LiveEventType>> {
    for (;;) {
      if (this.ended) return { done: true, value: undefined };
      if (this.yielded - this.written >= MAX_IN_FLIGHT) {
        // The socket is not keeping up: wait for a write (the queue fills meanwhile, up to its bound).
        await this.waitFor('consumer', this.options.heartbeatMs);
        continue;
      }
      const message = this.reset ?? this.queue.shift();
      if (this.reset) this.reset = null;
      if (message) {
        this.wakeProducer?.();
        return this.send(message);
      }
      const idleFor = Date.now() - this.lastSentAt;
      if (idleFor >= this.options.heartbeatMs) {
        return this.send({ kind: LiveEventKind.HEARTBEAT, cursor: String(this.position), event: null, resetReason: null });
      }
      await this.waitFor('consumer', this.options.heartbeatMs - idleFor);
    }
  }

  async return(): Promise<IteratorResult<LiveEventType>> {
    this.close();
    return { done: true, value: undefined };
  }

  async throw(error?: unknown): Promise<IteratorResult<LiveEventType>> {
    this.close();
    throw error;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<LiveEventType> {
    return this;
  }

  private send(message: LiveEventType): IteratorResult<LiveEventType> {
    this.yielded += 1;
    this.lastSentAt = Date.now();
    this.ids.push(message.cursor);
    return { done: false, value: message };
  }

  private take(row: StreamRow): void {
    this.position = row.seq;
    if (row.id === null) {
      // Archived before we read it: we cannot send it, so say that events were missed.
      this.overflow(LiveResetReason.CURSOR_TOO_OLD);
      return;
    }
    if (!visibleTo(this.viewer, row)) return;
    this.queue.push(eventMessage(row));
    this.wake();
  }

  private overflow(reason = LiveResetReason.MISSED_EVENTS): void {
    this.queue = [];
    this.position = Math.max(this.position, this.host.head());
    this.reset = resetMessage(this.position, reason);
    this.wake();
  }

  /** Reads from the table until the position meets the live stream; one at a time, paced by the queue. */
  private catchUp(): void {
    if (this.catching || this.ended) {
      this.catchAgain = true;
      return;
    }
    this.catching = true;
    const page = Math.max(1, Math.min(500, Math.floor(this.options.queueLimit / 2)));
    void (async () => {
      try {
        for (;;) {
          while (!this.ended && this.queue.length + page > this.options.queueLimit) await this.waitFor('producer', 60_000);
          if (this.ended) return;
          this.catchAgain = false;
          const rows = await this.host.read(this.position, page);
          for (const row of rows) {
            if (row.seq !== this.position + 1) throw new Error(`live stream: expected seq ${this.position + 1}, read ${row.seq}`);
            this.take(row);
          }
          if (rows.length < page && !this.catchAgain) return;
        }
      } catch (error) {
        this.host.log.error({ err: error, userId: this.viewer.id }, 'live stream catch-up failed; ending the stream');
        this.end();
      } finally {
        this.catching = false;
      }
    })();
  }

  private close(): void {
    if (this.ended) return;
    this.ended = true;
    this.queue = [];
    this.host.release(this);
    this.wake();
  }

  private wake(): void {
    const consumer = this.wakeConsumer;
    this.wakeConsumer = undefined;
    consumer?.();
    if (this.ended) {
      const producer = this.wakeProducer;
      this.wakeProducer = undefined;
      producer?.();
    }
  }

  private waitFor(who: 'consumer' | 'producer', ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (who === 'consumer' && this.wakeConsumer === done) this.wakeConsumer = undefined;
        if (who === 'producer' && this.wakeProducer === done) this.wakeProducer = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      if (who === 'consumer') this.wakeConsumer = done;
      else this.wakeProducer = done;
    });
  }
}

/** Admins see every event; others what they did and what is about them (their user, sessions, tokens, activities). */
export function visibleTo(viewer: Pick<StreamViewer, 'id' | 'role'>, row: StreamRow): boolean {
  if (viewer.role === Role.ADMIN) return true;
  return row.actorId === viewer.id || row.subjectUserIds.includes(viewer.id);
}

/**
 * One message per stream row: every connection offered the same dispatched row yields the same
 * object, which is what lets `sharedSubscribe` execute it once for all streams of a shape.
 */
const messages = new WeakMap<StreamRow, LiveEventType>();

function eventMessage(row: StreamRow): LiveEventType {
  let message = messages.get(row);
  if (!message) {
    message = { kind: LiveEventKind.EVENT, cursor: String(row.seq), event: toAuditEvent(row), resetReason: null };
    messages.set(row, message);
  }
  return message;
}

function resetMessage(position: number, reason: LiveResetReason): LiveEventType {
  return { kind: LiveEventKind.RESET, cursor: String(position), event: null, resetReason: reason };
}

function toAuditEvent(row: StreamRow): AuditEventType {
  const changes = row.changes ?? {};
  return {
    id: row.id ?? '',
    occurredAt: row.occurredAt,
    actorId: row.actorId,
    actorKind: row.actorKind,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    requestId: row.requestId,
    changes: Object.keys(changes)
      .sort()
      .map((field) => ({ field, before: changes[field]?.before ?? null, after: changes[field]?.after ?? null })),
  };
}
