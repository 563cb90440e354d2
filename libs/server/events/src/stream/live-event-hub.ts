import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig, Logger } from '@pams/server-core';
import type { AuditEventListener } from '@pams/server-audit';
import { sequenceCommittedEvents } from '../sequence/sequencer.js';
import { checkCursor, readStream, streamHead, type StreamRow } from '../sequence/stream-reader.js';
import { LiveConnection, type ConnectionHost, type StreamViewer } from './live-connection.js';
import { LiveEventKind, LiveResetReason, type LiveEventType } from './live-event.type.js';

export interface LiveEventHubOptions {
  orm: MikroORM;
  /** The process's after-commit audit listener (libs/server/audit): one LISTEN connection per process. */
  listener: AuditEventListener;
  log: Logger;
  config: AppConfig['liveEvents'];
}

const PAGE = 1_000;

/** User fields whose change alters what the user may see or whether they may be signed in at all. */
const ACCESS_FIELDS = ['status', 'role', 'regions', 'mustChangePassword'];

/**
 * The live stream of one gateway process. On every committed audit event (NOTIFY via the shared
 * listener), after the listener reconnects, and on a timer, it sequences what has committed
 * (any process may; ADR 0017), reads the stream past its head and offers each batch to its
 * connections. Access changes seen in the stream (a user disabled or re-roled, a session or token
 * revoked) end the streams they concern on every process, since every process reads every event.
 */
export class LiveEventHub implements ConnectionHost {
  readonly log: Logger;
  private readonly connections = new Set<LiveConnection>();
  private lastSeq = 0;
  private starting: Promise<void> | undefined;
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private detach: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private beats: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: LiveEventHubOptions) {
    this.log = options.log.child({ component: 'live-events' });
  }

  head(): number {
    return this.lastSeq;
  }

  get size(): number {
    return this.connections.size;
  }

  read(afterSeq: number, limit: number): Promise<StreamRow[]> {
    return readStream(this.options.orm.em.fork(), afterSeq, limit);
  }

  release(connection: LiveConnection): void {
    this.connections.delete(connection);
  }

  /**
   * A stream for `viewer`. With a cursor (Last-Event-ID) it replays what followed, then goes live;
   * an unusable cursor starts at the head with a RESET; without one it starts at the head.
   */
  async open(viewer: StreamViewer, cursor: string | null | undefined): Promise<LiveConnection> {
    if (this.closed) throw new Error('live event hub is closed');
    await this.start();
    const connection = new LiveConnection(viewer, this, this.options.config);
    if (cursor === null || cursor === undefined || cursor === '') {
      await this.refresh();
      connection.startAt(this.lastSeq);
    } else {
      const seq = /^\d{1,15}$/.test(cursor) ? Number(cursor) : null;
      const check = seq === null ? 'unknown' : await checkCursor(this.options.orm.em.fork(), seq, this.options.config.replayWindowMs);
      if (check === 'ok') {
        connection.resumeAfter(seq!);
      } else {
        await this.refresh();
        connection.resetAt(this.lastSeq, check === 'too-old' ? LiveResetReason.CURSOR_TOO_OLD : LiveResetReason.CURSOR_UNKNOWN);
      }
    }
    // The hub closed while this one was being opened: it would never be ended.
    if (this.closed) {
      connection.end();
      throw new Error('live event hub is closed');
    }
    // Registered in the same tick as its position is set: every later batch continues it or is caught up.
    this.connections.add(connection);
    // Committed events not yet sequenced (their NOTIFY still on its way) reach it through the next run.
    void this.refresh();
    return connection;
  }

  /** Ends the user's open streams on this process; returns how many. */
  endStreamsOf(userId: string): number {
    return this.endWhere((viewer) => viewer.id === userId);
  }

  /** Sequence what has committed and dispatch it; concurrent calls share one run (plus one queued after it). */
  refresh(): Promise<void> {
    if (!this.running) {
      this.running = this.pump().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    this.queued ??= this.running.then(() => {
      this.queued = undefined;
      return this.refresh();
    });
    return this.queued;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    clearInterval(this.beats);
    for (const detach of this.detach) detach();
    this.detach = [];
    for (const connection of [...this.connections]) connection.end();
    await this.running?.catch(() => undefined);
  }

  private start(): Promise<void> {
    this.starting ??= (async () => {
      const { listener, orm, config } = this.options;
      // LISTEN first: whatever commits after it is announced, whatever committed before is read below.
      await listener.start();
      const em = orm.em.fork();
      await sequenceCommittedEvents(em);
      this.lastSeq = await streamHead(em);
      this.detach.push(listener.subscribe(() => void this.refresh()));
      this.detach.push(listener.onResume(() => void this.refresh()));
      // A safety net for a notification lost between reconnects, and for sequencing on quiet processes.
      this.timer = setInterval(() => void this.refresh(), Math.max(1_000, config.heartbeatMs));
      this.timer.unref();
      // One timer for every connection's heartbeat (a stream sends one when idle for heartbeatMs, a fifth late at most).
      this.beats = setInterval(() => this.heartbeat(), Math.max(20, Math.floor(config.heartbeatMs / 5)));
      this.beats.unref();
    })().catch((error: unknown) => {
      this.starting = undefined;
      throw error;
    });
    return this.starting;
  }

  private async pump(): Promise<void> {
    if (this.closed) return;
    try {
      const em = this.options.orm.em.fork();
      await sequenceCommittedEvents(em);
      for (;;) {
        const rows = await readStream(em, this.lastSeq, PAGE);
        if (rows.length === 0) return;
        this.lastSeq = rows[rows.length - 1].seq;
        this.endRevoked(rows);
        for (const connection of [...this.connections]) connection.offer(rows);
        if (rows.length < PAGE) return;
      }
    } catch (error) {
      this.log.warn({ err: error }, 'live events: sequencing or reading the stream failed; retrying on the next event or tick');
    }
  }

  /** Idle connections at one position share one HEARTBEAT message (and so its execution per shape). */
  private heartbeat(): void {
    const now = Date.now();
    const messages = new Map<number, LiveEventType>();
    const at = (position: number): LiveEventType => {
      let message = messages.get(position);
      if (!message) {
        message = { kind: LiveEventKind.HEARTBEAT, cursor: String(position), event: null, resetReason: null };
        messages.set(position, message);
      }
      return message;
    };
    for (const connection of this.connections) connection.heartbeatIfIdle(now, at);
  }

  /** A revoked credential or a changed user ends the streams it opened, before they see anything more. */
  private endRevoked(rows: readonly StreamRow[]): void {
    for (const row of rows) {
      if (!row.entityId) continue;
      const changed = Object.keys(row.changes ?? {});
      const id = row.entityId;
      if (row.entityType === 'User' && (row.action === 'User.deleted' || changed.some((field) => ACCESS_FIELDS.includes(field)))) {
        this.endWhere((viewer) => viewer.id === id);
      } else if (row.entityType === 'Session' && (changed.includes('revokedAt') || row.action === 'Session.deleted')) {
        this.endWhere((viewer) => viewer.sessionHandle === id);
      } else if (row.entityType === 'AccessToken' && (changed.includes('revokedAt') || row.action === 'AccessToken.deleted')) {
        this.endWhere((viewer) => viewer.tokenId === id);
      }
    }
  }

  private endWhere(test: (viewer: StreamViewer) => boolean): number {
    let count = 0;
    for (const connection of [...this.connections]) {
      if (test(connection.viewer)) {
        connection.end();
        count += 1;
      }
    }
    return count;
  }
}

