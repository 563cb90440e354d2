import { parse } from 'graphql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLiveEvents, type EventSourceLike, type LiveMessage } from './live-events.js';

const document = parse('subscription LiveEvents($after: String) { liveEvents(after: $after) { kind cursor } }');

/** An EventSource the test drives: what the browser would report from the server's answers. */
class FakeSource implements EventSourceLike {
  readyState = 0;
  closed = false;
  private handlers = new Map<string, ((event: Event) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, handler: (event: Event) => void) {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  emit(type: string, data?: unknown) {
    const event = Object.assign(new Event(type), { data: data === undefined ? '' : JSON.stringify(data) });
    for (const handler of this.handlers.get(type) ?? []) handler(event);
  }
  next(message: LiveMessage) {
    this.emit('next', { data: { liveEvents: message } });
  }
  /** The browser gave up on the connection (e.g. the server answered 401). */
  refused() {
    this.readyState = 2;
    this.emit('error');
  }
  variables(): unknown {
    const raw = new URL(this.url, 'http://portal').searchParams.get('variables');
    return raw ? JSON.parse(raw) : null;
  }
}

function setup() {
  const sources: FakeSource[] = [];
  const listenerErrors: unknown[] = [];
  const live = createLiveEvents({
    onListenerError: (error) => listenerErrors.push(error),
    document,
    retryMs: 1_000,
    maxRetryMs: 4_000,
    open: (url) => {
      const source = new FakeSource(url);
      sources.push(source);
      return source;
    },
  });
  return { live, sources, listenerErrors };
}

const event = (cursor: string): LiveMessage => ({
  kind: 'EVENT',
  cursor,
  event: { id: cursor, occurredAt: '2026-12-06T10:00:00.000Z', action: 'Activity.updated', entityType: 'Activity', actorKind: 'session', changes: [] },
});

describe('the tab’s live stream', () => {
  afterEach(() => vi.useRealTimers());

  it('opens one connection for every widget, delivers each message to all, and closes after the last leaves', () => {
    const { live, sources } = setup();
    const a: LiveMessage[] = [];
    const b: LiveMessage[] = [];
    const offA = live.subscribe((m) => a.push(m));
    const offB = live.subscribe((m) => b.push(m));
    expect(sources).toHaveLength(1);
    expect(sources[0].url).toMatch(/^\/graphql\/stream\?query=subscription/);
    expect(sources[0].variables()).toBeNull();
    sources[0].emit('open');
    expect(live.status()).toBe('open');
    sources[0].next(event('7'));
    expect(a.map((m) => m.cursor)).toEqual(['7']);
    expect(b.map((m) => m.cursor)).toEqual(['7']);
    offA();
    expect(sources[0].closed).toBe(false);
    offB();
    expect(sources[0].closed).toBe(true);
    expect(live.status()).toBe('closed');
  });

  it('a listener that throws does not stop the others', () => {
    vi.useFakeTimers();
    const { live, sources, listenerErrors } = setup();
    const got: string[] = [];
    live.subscribe(() => {
      throw new Error('widget bug');
    });
    live.subscribe((m) => got.push(m.cursor ?? ''));
    sources[0].next(event('3'));
    expect(got).toEqual(['3']);
    expect(listenerErrors).toEqual([new Error('widget bug')]);
  });

  it('when the browser gives up, reconnects after a growing backoff, resuming after the last cursor', async () => {
    vi.useFakeTimers();
    const { live, sources } = setup();
    live.subscribe(() => undefined);
    sources[0].emit('open');
    sources[0].next(event('41'));
    sources[0].next(event('42'));
    sources[0].refused();
    expect(sources[0].closed).toBe(true);
    expect(live.status()).toBe('closed');
    await vi.advanceTimersByTimeAsync(999);
    expect(sources).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sources).toHaveLength(2);
    expect(sources[1].variables()).toEqual({ after: '42' });
    // Refused again: the next try waits twice as long.
    sources[1].refused();
    await vi.advanceTimersByTimeAsync(1_999);
    expect(sources).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sources).toHaveLength(3);
    // Once connected, the backoff starts over.
    sources[2].emit('open');
    sources[2].emit('complete');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sources).toHaveLength(4);
  });

  it('a dropped connection the browser is re-opening itself is left to it (it resends Last-Event-ID)', async () => {
    vi.useFakeTimers();
    const { live, sources } = setup();
    live.subscribe(() => undefined);
    sources[0].emit('open');
    sources[0].emit('error'); // readyState stays CONNECTING
    expect(live.status()).toBe('connecting');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sources).toHaveLength(1);
    expect(sources[0].closed).toBe(false);
  });

  it('after close, nothing reopens', async () => {
    vi.useFakeTimers();
    const { live, sources } = setup();
    live.subscribe(() => undefined);
    sources[0].refused();
    live.close();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sources).toHaveLength(1);
    live.subscribe(() => undefined);
    expect(sources).toHaveLength(1);
  });
});
