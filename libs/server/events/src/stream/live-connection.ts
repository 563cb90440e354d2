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

/**
 * Where an attached connection writes. `write` answers false when the client is not keeping up
 * (the socket's buffers are full): the connection then waits for `resume()` and queues meanwhile.
 * It may answer later (a message being executed for the first time), and is called one at a time.
 */
export interface LiveSink {
  write(message: LiveEventType): boolean | Promise<boolean>;
  /** The server ended the stream (revocation, shutdown): say so to the client and close. */
  end(): void;
}

/**
 * One open stream. Positions are gap-free `seq`s, so the connection delivers strictly `position + 1`
 * next: a live batch that does not continue its position (it connected mid-batch, or fell behind)
 * is read from the table instead (catch-up, paced by the queue), and anything at or below its
 * position is a duplicate and dropped. Messages are pushed to its sink as they come (nothing waits
 * per stream while it is idle); live events beyond `queueLimit` waiting for a slow client drop the
 * queue and send one RESET that continues at the hub's head.
 */
export class LiveConnection {
  private position = 0;
  private queue: LiveEventType[] = [];
  private reset: LiveEventType | null = null;
  private ended = false;
  private catching = false;
  private catchAgain = false;
  private sink: LiveSink | undefined;
  private pumping = false;
  private blocked = false;
  private lastSentAt = Date.now();
  private wakeProducer: (() => void) | undefined;

  constructor(
    readonly viewer: StreamViewer,
    private readonly host: ConnectionHost,
    private readonly options: ConnectionOptions,
  ) {}

  get open(): boolean {
    return !this.ended;
  }

  /** The stream's messages go to `sink` from now on (what was queued first). */
  attach(sink: LiveSink): void {
    this.sink = sink;
    // Ended before its route could attach (revoked, or the hub closed): end the response at once.
    if (this.ended) sink.end();
    else this.pump();
  }

  /** The client took what was written: go on. */
  resume(): void {
    this.blocked = false;
    this.pump();
  }

  /** From the hub's heartbeat tick: a HEARTBEAT when nothing was sent for `heartbeatMs`. */
  heartbeatIfIdle(now: number, heartbeatAt: (position: number) => LiveEventType): void {
    if (this.ended || !this.sink || this.blocked || this.pumping || this.queue.length > 0 || this.reset) return;
    if (now - this.lastSentAt < this.options.heartbeatMs) return;
    this.queue.push(heartbeatAt(this.position));
    this.pump();
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
    this.pump();
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

  /** Ends the stream from the server's side: the client is told, and the response ends. */
  end(): void {
    if (this.ended) return;
    this.close();
    this.sink?.end();
  }

  /** The client went away. */
  disconnected(): void {
    this.close();
  }

  /**
   * The stream is served by its route (live-events.route.ts), which attaches a sink; graphql only
   * needs its subscription source to look iterable.
   */
  [Symbol.asyncIterator](): AsyncIterator<LiveEventType> {
    throw new Error('a live stream is written to its sink by the SSE route, not iterated');
  }

  /** Writes what waits, in order, until the queue is empty or the client stops keeping up. */
  private pump(): void {
    if (this.pumping || !this.sink || this.blocked || this.ended) return;
    this.pumping = true;
    const sink = this.sink;
    const run = async (): Promise<void> => {
      try {
        while (!this.ended && !this.blocked) {
          const message = this.reset ?? this.queue.shift();
          if (this.reset) this.reset = null;
          if (!message) return;
          this.wakeProducer?.();
          const written = sink.write(message);
          const accepted = typeof written === 'boolean' ? written : await written;
          this.lastSentAt = Date.now();
          if (!accepted) this.blocked = true;
        }
      } finally {
        this.pumping = false;
      }
    };
    run().catch((error: unknown) => {
      this.host.log.error({ err: error, userId: this.viewer.id }, 'live stream write failed; ending the stream');
      this.end();
    });
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
    this.pump();
  }

  private overflow(reason = LiveResetReason.MISSED_EVENTS): void {
    this.queue = [];
    this.position = Math.max(this.position, this.host.head());
    this.reset = resetMessage(this.position, reason);
    this.pump();
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
          while (!this.ended && this.queue.length + page > this.options.queueLimit) await this.waitForRoom(60_000);
          if (this.ended) return;
          this.catchAgain = false;
          const rows = await this.host.read(this.position, page);
          for (const row of rows) {
            // At or below the position: a RESET (an archived row, an overflow) moved it past the rest of the page.
            if (row.seq <= this.position) continue;
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
    this.wakeProducer?.();
  }

  /** The catch-up waits here while the queue has no room for another page. */
  private waitForRoom(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.wakeProducer === done) this.wakeProducer = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeProducer = done;
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
