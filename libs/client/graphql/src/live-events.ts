import type { DocumentNode } from 'graphql';
import { print } from '@apollo/client/utilities';

/** An audit event as the live stream carries it (the fields the shell's LiveEvents subscription selects). */
export interface LiveAuditEvent {
  id: string;
  occurredAt: string;
  action: string;
  entityType: string;
  entityId?: string | null;
  actorId?: string | null;
  actorKind: string;
  requestId?: string | null;
  changes: readonly { field: string; before?: unknown; after?: unknown }[];
}

/** One message of the stream: EVENT, HEARTBEAT (idle), or RESET (events were missed: refetch what you show). */
export interface LiveMessage {
  kind: 'EVENT' | 'HEARTBEAT' | 'RESET';
  cursor?: string | null;
  event?: LiveAuditEvent | null;
  resetReason?: string | null;
}

/** `connecting` until the server answered, `open` while it streams, `closed` while waiting to retry. */
export type LiveStatus = 'connecting' | 'open' | 'closed';

export type LiveListener = (message: LiveMessage) => void;

export interface LiveEvents {
  /** Adds a listener; the stream opens with the first one. Returns the unsubscribe. */
  subscribe(listener: LiveListener): () => void;
  status(): LiveStatus;
  onStatus(listener: (status: LiveStatus) => void): () => void;
  /** The last position received (what a reconnect resumes after). */
  cursor(): string | null;
  /** Closes the stream for good (sign-out, page unload). */
  close(): void;
}

/** What we use of the browser's EventSource (a test passes its own). */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
}

export interface LiveEventsOptions {
  /** The subscription document (the shell's LiveEvents operation, so the deploy check validates it). */
  document: DocumentNode;
  /** Defaults to `/graphql/stream` on the page's origin. */
  url?: string;
  /** Defaults to `new EventSource(url, { withCredentials: true })`. */
  open?: (url: string) => EventSourceLike;
  /** First retry after the server refused or the browser gave up, doubled up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  /** A listener threw. Default: rethrown later as an uncaught error (the console, error reporting). */
  onListenerError?: (error: unknown) => void;
}

const CLOSED = 2;

/**
 * The one live stream of a browser tab (issue 9): every widget subscribes here instead of opening its own.
 * It is an EventSource on graphql-sse's distinct-connections GET, so the browser itself reconnects after a
 * dropped connection and resumes with `Last-Event-ID`. When the browser gives up (the server answered
 * 401/5xx, or ended the stream and refused the reconnect), we open a new one after a backoff with
 * `after: <last cursor>`, so nothing committed meanwhile is skipped; the server answers a RESET when that
 * cursor is no longer usable. The stream opens with the first listener and closes after the last.
 */
export function createLiveEvents(options: LiveEventsOptions): LiveEvents {
  const query = print(options.document);
  const base = options.url ?? '/graphql/stream';
  const open = options.open ?? ((url: string) => new EventSource(url, { withCredentials: true }));
  const firstRetry = options.retryMs ?? 2_000;
  const maxRetry = options.maxRetryMs ?? 60_000;
  const reportListenerError =
    options.onListenerError ??
    ((error: unknown) =>
      queueMicrotask(() => {
        throw error;
      }));
  const listeners = new Set<LiveListener>();
  const statusListeners = new Set<(status: LiveStatus) => void>();
  let source: EventSourceLike | null = null;
  let status: LiveStatus = 'closed';
  let cursor: string | null = null;
  let retryIn = firstRetry;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let closedForGood = false;

  const setStatus = (next: LiveStatus) => {
    if (next === status) return;
    status = next;
    for (const listener of statusListeners) listener(next);
  };

  const urlFor = () => {
    const params = new URLSearchParams({ query, operationName: 'LiveEvents' });
    if (cursor) params.set('variables', JSON.stringify({ after: cursor }));
    return `${base}?${params.toString()}`;
  };

  const connect = () => {
    retryTimer = undefined;
    if (closedForGood || listeners.size === 0 || source) return;
    setStatus('connecting');
    const opened = open(urlFor());
    source = opened;
    opened.addEventListener('open', () => {
      retryIn = firstRetry;
      setStatus('open');
    });
    opened.addEventListener('next', (event) => {
      const message = parseNext((event as MessageEvent<string>).data);
      if (!message) return;
      if (message.cursor) cursor = message.cursor;
      for (const listener of [...listeners]) {
        try {
          listener(message);
        } catch (error) {
          // One widget's bug must not stop the others' updates.
          reportListenerError(error);
        }
      }
    });
    opened.addEventListener('error', () => {
      if (source !== opened) return;
      if (opened.readyState === CLOSED) {
        // The browser gave up (a refused or failed response): retry ourselves, resuming after the cursor.
        drop();
        scheduleRetry();
      } else {
        setStatus('connecting');
      }
    });
    // graphql-sse's `complete`: the server ended the stream (access revoked, shutdown). Reconnect later:
    // a revoked session is then refused (and the shell signs out on its next request), a restart resumes.
    opened.addEventListener('complete', () => {
      if (source !== opened) return;
      drop();
      scheduleRetry();
    });
  };

  const drop = () => {
    source?.close();
    source = null;
    setStatus('closed');
  };

  const scheduleRetry = () => {
    if (closedForGood || listeners.size === 0 || retryTimer) return;
    retryTimer = setTimeout(connect, retryIn);
    retryIn = Math.min(maxRetry, retryIn * 2);
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!source && !retryTimer) connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        clearTimeout(retryTimer);
        retryTimer = undefined;
        drop();
      };
    },
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    cursor: () => cursor,
    close() {
      closedForGood = true;
      clearTimeout(retryTimer);
      retryTimer = undefined;
      drop();
      listeners.clear();
    },
  };
}

/** The `data` of a graphql-sse `next` event: `{"data":{"liveEvents":{…}}}` (or errors, which we skip). */
function parseNext(data: string): LiveMessage | null {
  try {
    const result = JSON.parse(data) as { data?: { liveEvents?: LiveMessage | null } | null };
    return result.data?.liveEvents ?? null;
  } catch {
    return null;
  }
}
