/** A minimal reader of graphql-sse's event stream for tests: the `next` messages, with their SSE ids. */

export interface SseMessage<T> {
  /** The SSE `id:` line (the stream position a reconnect resumes after). */
  sseId: string | null;
  /** The `data:` JSON of a `next` event: `{ data: { <field>: … } }`. */
  payload: T;
}

/**
 * Feeds text chunks as they arrive; calls `onNext` for each complete `event: next` block. Other events
 * (`complete`) and comments are skipped.
 */
export function sseParser<T>(onNext: (message: SseMessage<T>) => void): (chunk: string) => void {
  let buffer = '';
  return (chunk) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const lines = buffer.slice(0, end).split('\n');
      buffer = buffer.slice(end + 2);
      if (!lines.includes('event: next')) continue;
      const data = lines.find((line) => line.startsWith('data: '));
      if (!data) continue;
      onNext({ sseId: lines.find((line) => line.startsWith('id: '))?.slice(4) ?? null, payload: JSON.parse(data.slice(6)) as T });
    }
  };
}

/** The headers of a stream request as the signed-in client's browser would send them. */
export function streamHeaders(cookies: ReadonlyMap<string, string>, extra: Record<string, string> = {}): Record<string, string> {
  return {
    accept: 'text/event-stream',
    'content-type': 'application/json',
    cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    ...extra,
  };
}
