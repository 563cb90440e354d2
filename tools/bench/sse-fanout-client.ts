/**
 * The subscribers of the SSE fan-out bench (tools/bench/sse-fanout.ts): plain node:http GETs with
 * `Accept: text/event-stream`, no keep-alive agent (each stream its own socket), and a minimal
 * server-sent events parser. The parser's callback gets the time the chunk that completed a message
 * arrived (performance.now() before any parsing), so the bench's own parsing of one subscriber does
 * not count against the next one's arrival more than the event loop makes it.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface SseMessage {
  /** The `event:` field ('message' when absent, as EventSource defaults it). */
  event: string;
  /** The `id:` field, or null. */
  id: string | null;
  /** The `data:` lines joined by '\n' ('' when none). */
  data: string;
}

/** Splits a text/event-stream into messages (blank-line separated blocks; `:` lines are comments). */
export class SseParser {
  private buffer = '';

  constructor(private readonly onMessage: (message: SseMessage, at: number) => void) {}

  push(chunk: string, at: number): void {
    this.buffer += chunk;
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end < 0) return;
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let event = 'message';
      let id: string | null = null;
      let data: string | null = null;
      let any = false;
      for (const line of block.split('\n')) {
        if (line === '' || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        let value = colon < 0 ? '' : line.slice(colon + 1);
        if (value.startsWith(' ')) value = value.slice(1);
        if (field === 'event') event = value;
        else if (field === 'id') id = value;
        else if (field === 'data') data = data === null ? value : `${data}\n${value}`;
        else continue;
        any = true;
      }
      if (any) this.onMessage({ event, id, data: data ?? '' }, at);
    }
  }
}

export interface SseStream {
  /** Replaceable: where this stream's messages go (the bench swaps it between phases). */
  onMessage: (message: SseMessage, at: number) => void;
  /** Resolves when the server ends the response or the socket closes. */
  readonly closed: Promise<void>;
  readonly isClosed: boolean;
  close(): void;
}

export interface OpenOptions {
  headers?: Record<string, string>;
  timeoutMs?: number;
  onMessage?: (message: SseMessage, at: number) => void;
}

/**
 * Opens one stream and resolves once its first bytes arrived (graphql-sse and the floor both write a
 * `:` comment right after the headers, so by then the server holds the subscription). A status other
 * than 200 rejects with the body.
 */
export function openSse(url: string, options: OpenOptions = {}): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let isClosed = false;
    let markClosed!: () => void;
    const closed = new Promise<void>((done) => (markClosed = done));
    const finish = () => {
      if (isClosed) return;
      isClosed = true;
      markClosed();
    };
    const req = http.request(url, { method: 'GET', agent: false, headers: { accept: 'text/event-stream', ...options.headers } });
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      req.destroy();
      reject(new Error(`no answer from ${url} within ${options.timeoutMs ?? 60_000} ms`));
    }, options.timeoutMs ?? 60_000);
    const stream: SseStream = {
      onMessage: options.onMessage ?? (() => undefined),
      closed,
      get isClosed() {
        return isClosed;
      },
      close() {
        req.destroy();
        finish();
      },
    };
    const parser = new SseParser((message, at) => stream.onMessage(message, at));
    req.on('error', (error) => {
      finish();
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(error);
    });
    req.on('response', (res) => {
      res.setEncoding('utf8');
      if (res.statusCode !== 200) {
        let body = '';
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          finish();
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          reject(new Error(`${url} answered ${res.statusCode}: ${body.slice(0, 300)}`));
        });
        return;
      }
      res.on('data', (chunk: string) => {
        const at = performance.now();
        if (!settled) {
          settled = true;
          clearTimeout(timer);
          resolve(stream);
        }
        parser.push(chunk, at);
      });
      res.on('end', finish);
      res.on('close', finish);
    });
    req.end();
  });
}

/** Opens `count` streams, at most `concurrency` connecting at once; closes them all if one fails. */
export async function openMany(count: number, concurrency: number, open: (index: number) => Promise<SseStream>): Promise<SseStream[]> {
  const streams: SseStream[] = new Array(count);
  let next = 0;
  let failed: unknown;
  const worker = async () => {
    while (failed === undefined && next < count) {
      const index = next++;
      try {
        streams[index] = await open(index);
      } catch (error) {
        failed ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  if (failed !== undefined) {
    for (const stream of streams) stream?.close();
    throw failed;
  }
  return streams;
}

/** Closes the streams and waits (briefly) until their sockets are gone. */
export async function closeAll(streams: readonly SseStream[], waitMs = 10_000): Promise<void> {
  for (const stream of streams) stream?.close();
  await Promise.race([Promise.all(streams.map((s) => s?.closed)), new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
}
