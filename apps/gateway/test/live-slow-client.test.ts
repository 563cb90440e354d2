import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamHead } from '@pams/server-events';
import { Role } from '@pams/shared-util';
import { signedInUser, type SignedInUser } from './support/domain-fixtures.js';
import { sseParser, streamHeaders } from './support/sse.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Large events, so a reader that stops fills the kernel's socket buffers quickly. */
const SUBSCRIBE = `subscription { liveEvents { kind cursor resetReason event { id action changes { field after } } } }`;
const QUEUE_LIMIT = 50;
const EVENTS = 6_000;
const PADDING = 4_000;

interface Message {
  sseId: string | null;
  kind: 'EVENT' | 'HEARTBEAT' | 'RESET';
  cursor: string;
  resetReason: string | null;
  event: { id: string; action: string } | null;
}

let app: TestApp;
let admin: SignedInUser;

beforeAll(async () => {
  app = await startTestApp({ LIVE_QUEUE_LIMIT: String(QUEUE_LIMIT), LIVE_HEARTBEAT_MS: '1000' });
  admin = await signedInUser(app, { role: Role.ADMIN });
});

afterAll(async () => {
  await app?.close();
});

const insertEvents = (count: number, action: string) =>
  app.orm.em
    .fork()
    .getConnection()
    .execute(
      `insert into audit_event (occurred_at, actor_kind, action, entity_type, entity_id, changes)
       select now(), 'system', ?, 'Probe', 'slow-client', jsonb_build_object('pad', jsonb_build_object('before', null, 'after', repeat('x', ?) || n))
       from generate_series(1, ?) as n order by n`,
      [action, PADDING, count],
    );

async function waitFor(test: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a slow live-stream client', () => {
  it('has a bounded queue: when it stops reading, it is told with RESET MISSED_EVENTS, never a silent gap, and goes on live past the head', async () => {
    const url = new URL('/graphql/stream', app.url);
    const messages: Message[] = [];
    const request = http.request(url, {
      method: 'POST',
      headers: streamHeaders(admin.client.cookies),
    });
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
      request.once('response', resolve).once('error', reject);
      request.end(JSON.stringify({ query: SUBSCRIBE }));
    });
    expect(response.statusCode).toBe(200);
    response.setEncoding('utf8');
    response.on(
      'data',
      sseParser<{ data: { liveEvents: Omit<Message, 'sseId'> } }>(({ sseId, payload }) => messages.push({ sseId, ...payload.data.liveEvents })),
    );
    try {
      // Connected (a heartbeat arrives within a second); then the client stops reading.
      await waitFor(async () => messages.length > 0, 10_000);
      response.pause();
      const before = messages.length;

      await insertEvents(EVENTS, 'Probe.flood');
      const floodHead = await (async () => {
        let head = 0;
        await waitFor(async () => (head = await streamHead(app.orm.em.fork())) >= EVENTS);
        return head;
      })();
      // Let the server push what the socket takes and queue the rest up to its bound.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const whilePaused = messages.length;

      response.resume();
      await waitFor(async () => messages.some((m) => m.kind === 'RESET'), 30_000);
      await insertEvents(1, 'Probe.afterwards');
      await waitFor(async () => messages.some((m) => m.event?.action === 'Probe.afterwards'), 30_000);

      // While paused, almost nothing arrived (the socket buffers were full).
      expect(whilePaused - before).toBeLessThan(EVENTS);
      const resets = messages.filter((m) => m.kind === 'RESET');
      expect(resets.length).toBeGreaterThan(0);
      expect(new Set(resets.map((m) => m.resetReason))).toEqual(new Set(['MISSED_EVENTS']));
      // Events were dropped (the queue is bounded)…
      const flood = messages.filter((m) => m.event?.action === 'Probe.flood');
      expect(flood.length).toBeLessThan(EVENTS);
      // …but never silently: every message continues the last position by one, unless a RESET came first;
      // nothing is repeated (cursors only grow).
      let position: number | null = null;
      let afterReset = false;
      for (const m of messages) {
        const cursor = Number(m.cursor);
        if (m.kind === 'RESET') {
          if (position !== null) expect(cursor).toBeGreaterThanOrEqual(position);
          afterReset = true;
        } else if (m.kind === 'EVENT' && position !== null) {
          if (afterReset) expect(cursor).toBeGreaterThan(position);
          else expect(cursor).toBe(position + 1);
          afterReset = false;
        }
        position = cursor;
      }
      // Live events follow the last reset, with their position as the SSE id.
      const afterwards = messages.find((m) => m.event?.action === 'Probe.afterwards')!;
      expect(Number(afterwards.cursor)).toBeGreaterThan(Number(resets.at(-1)!.cursor));
      expect(Number(afterwards.cursor)).toBeGreaterThan(floodHead);
      expect(afterwards.sseId).toBe(afterwards.cursor);
    } finally {
      request.destroy();
    }
  });
});
