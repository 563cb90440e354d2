import { createClient } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sequenceCommittedEvents, streamHead } from '@pams/server-events';
import { Role } from '@pams/shared-util';
import { signedInUser, type SignedInUser } from './support/domain-fixtures.js';
import { sseParser, streamHeaders } from './support/sse.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Streams of one process share each event's parsed document and, per shape (document, the variables
 * its selection reads, the viewer's authorization inputs), its execution (shared-subscription.ts).
 * Every stream must still get exactly the answer of its own selection, variables and viewer.
 */

type Payload = { data?: { liveEvents: Record<string, unknown> & { kind: string; event: Record<string, unknown> | null } }; errors?: { message: string }[] };

interface OpenStream {
  status: number;
  /** Every `next` payload so far. */
  payloads: Payload[];
  /** Resolves when the server ended the response. */
  ended: Promise<void>;
  close(): void;
}

let app: TestApp;
let admin: SignedInUser;
let member: SignedInUser;

beforeAll(async () => {
  app = await startTestApp({ LIVE_HEARTBEAT_MS: '60000' });
  admin = await signedInUser(app, { role: Role.ADMIN });
  member = await signedInUser(app, { role: Role.MEMBER });
});

afterAll(async () => {
  await app?.close();
});

async function open(user: SignedInUser, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<OpenStream> {
  const controller = new AbortController();
  const payloads: Payload[] = [];
  const response = await fetch(`${app.url}/graphql/stream`, {
    method: 'POST',
    headers: streamHeaders(user.client.cookies, headers),
    body: JSON.stringify({ query, variables }),
    signal: controller.signal,
  });
  const feed = sseParser<Payload>(({ payload }) => payloads.push(payload));
  const ended = (async () => {
    if (!response.body) return;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        feed(value);
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    }
  })();
  return { status: response.status, payloads, ended, close: () => controller.abort() };
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** One event whose actor is the member, so the member's stream may see it as well as the admin's. */
async function insertMemberEvent(entityId: string): Promise<string> {
  const rows = (await app.orm.em.fork().getConnection().execute(
    `insert into audit_event (occurred_at, actor_id, actor_kind, action, entity_type, entity_id, changes)
     values (now(), ?, 'user', 'Probe.updated', 'Probe', ?, '{"n":{"before":1,"after":2}}') returning id`,
    [member.id, entityId],
  )) as { id: string }[];
  return String(rows[0].id);
}

const eventsOf = (stream: OpenStream, entityId: string) =>
  stream.payloads.filter((p) => p.data?.liveEvents.kind === 'EVENT' && p.data.liveEvents.event?.entityId === entityId);

describe('live streams sharing one execution per event', () => {
  it('gives each stream the answer of its own selection, variables and viewer for the same event', async () => {
    const em = app.orm.em.fork();
    await sequenceCommittedEvents(em);
    const FULL = `subscription { liveEvents { kind cursor event { id action entityId changes { field before after } } } }`;
    const NARROW = `subscription { liveEvents { kind event { entityId } } }`;
    const TOGGLED = `subscription($withAction: Boolean!, $after: String) { liveEvents(after: $after) { kind event { entityId action @include(if: $withAction) } } }`;
    const streams = await Promise.all([
      open(admin, FULL),
      open(admin, FULL),
      open(member, FULL),
      open(admin, NARROW),
      open(admin, TOGGLED, { withAction: true }),
      open(admin, TOGGLED, { withAction: false }),
      // `after` only positions the stream: at the head it is the same shape as the one above.
      open(admin, TOGGLED, { withAction: false, after: String(await streamHead(em)) }),
    ]);
    const [fullA, fullB, fullMember, narrow, withAction, withoutAction, withoutActionAfter] = streams;
    try {
      for (const stream of streams) expect(stream.status).toBe(200);
      // Every stream is registered once it has sent its first message or the head was reached; give them the event.
      const id = await insertMemberEvent('shared-1');
      await until(() => streams.every((s) => eventsOf(s, 'shared-1').length === 1), 'every stream to get the event');

      const full = eventsOf(fullA, 'shared-1')[0].data!.liveEvents;
      expect(full.event).toEqual({ id, action: 'Probe.updated', entityId: 'shared-1', changes: [{ field: 'n', before: 1, after: 2 }] });
      expect(eventsOf(fullB, 'shared-1')[0].data!.liveEvents).toEqual(full);
      expect(eventsOf(fullMember, 'shared-1')[0].data!.liveEvents).toEqual(full);
      expect(eventsOf(narrow, 'shared-1')[0].data!.liveEvents).toEqual({ kind: 'EVENT', event: { entityId: 'shared-1' } });
      expect(eventsOf(withAction, 'shared-1')[0].data!.liveEvents.event).toEqual({ entityId: 'shared-1', action: 'Probe.updated' });
      expect(eventsOf(withoutAction, 'shared-1')[0].data!.liveEvents.event).toEqual({ entityId: 'shared-1' });
      expect(eventsOf(withoutActionAfter, 'shared-1')[0].data!.liveEvents.event).toEqual({ entityId: 'shared-1' });

      // An event the member may not see reaches the admins' streams and not the member's.
      await app.orm.em.fork().getConnection().execute(
        `insert into audit_event (occurred_at, actor_kind, action, entity_type, entity_id) values (now(), 'system', 'Probe.updated', 'Probe', 'admins-only')`,
      );
      await until(() => eventsOf(fullA, 'admins-only').length === 1 && eventsOf(fullB, 'admins-only').length === 1, 'the admins to get the second event');
      await insertMemberEvent('shared-2');
      await until(() => eventsOf(fullMember, 'shared-2').length === 1, 'the member to get the third event');
      expect(eventsOf(fullMember, 'admins-only')).toEqual([]);
    } finally {
      for (const stream of streams) stream.close();
    }
  });

  it('keeps a variable sent as null apart from one left out (its default applies): one stream cannot break another', async () => {
    const DEFAULTED = `subscription($full: Boolean = true) { liveEvents { kind event { entityId action @include(if: $full) } } }`;
    // The first stream's explicit null fails every event ("if" must not be null); the second takes the default.
    const broken = await open(admin, DEFAULTED, { full: null });
    const defaulted = await open(admin, DEFAULTED);
    try {
      await insertMemberEvent('null-or-absent');
      await until(() => eventsOf(defaulted, 'null-or-absent').length === 1, 'the defaulted stream to get the event');
      expect(eventsOf(defaulted, 'null-or-absent')[0].data!.liveEvents.event).toEqual({ entityId: 'null-or-absent', action: 'Probe.updated' });
      await until(() => broken.payloads.some((p) => p.errors), 'the null stream to get its error');
      expect(broken.payloads.find((p) => p.errors)!.errors![0].message).toContain('"if"');
    } finally {
      broken.close();
      defaulted.close();
    }
  });

  it('answers a subscription that does not validate with its errors each time it is sent, and a query with 400', async () => {
    const INVALID = `subscription { liveEvents { kind noSuchField } }`;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const stream = await open(admin, INVALID);
      await stream.ended;
      expect(stream.status).toBe(200);
      expect(stream.payloads).toHaveLength(1);
      expect(stream.payloads[0].errors?.[0].message).toBe('Cannot query field "noSuchField" on type "LiveEvent".');
    }
    const query = await open(admin, `query { __typename }`);
    await query.ended;
    expect(query.status).toBe(400);
    const syntax = await open(admin, `subscription { liveEvents { kind `);
    await syntax.ended;
    expect(syntax.status).toBe(400);
  });

  it("speaks graphql-sse's protocol: the library's own client (distinct connections) subscribes and receives", async () => {
    const client = createClient({
      url: `${app.url}/graphql/stream`,
      singleConnection: false,
      retryAttempts: 0,
      headers: { cookie: [...admin.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    const iterator = client.iterate<{ liveEvents: { kind: string; event: { entityId: string } | null } }>({
      query: `subscription { liveEvents { kind event { entityId } } }`,
    });
    try {
      const first = iterator.next();
      // The request is out; once the stream is open an event written now reaches it (or a heartbeat first).
      await new Promise((resolve) => setTimeout(resolve, 200));
      await insertMemberEvent('through-the-client');
      let result = await first;
      while (!result.done && result.value.data?.liveEvents.event?.entityId !== 'through-the-client') result = await iterator.next();
      expect(result.done).toBe(false);
      expect(result.value.data?.liveEvents).toEqual({ kind: 'EVENT', event: { entityId: 'through-the-client' } });
    } finally {
      await iterator.return?.();
      client.dispose();
    }
  });

  it('refuses a stream opened without Accept: text/event-stream (406) or with another method (405), as JSON', async () => {
    const cookie = [...admin.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const plain = await fetch(`${app.url}/graphql/stream?query=${encodeURIComponent('subscription { liveEvents { kind } }')}`, { headers: { cookie } });
    expect(plain.status).toBe(406);
    expect(await plain.json()).toEqual({ error: { code: 'NOT_ACCEPTABLE', message: 'Open the stream with Accept: text/event-stream.' } });
    const put = await fetch(`${app.url}/graphql/stream`, { method: 'PUT', headers: { cookie, accept: 'text/event-stream' } });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST');
    const tooLarge = await fetch(`${app.url}/graphql/stream`, {
      method: 'POST',
      headers: streamHeaders(admin.client.cookies),
      body: JSON.stringify({ query: `subscription { liveEvents { kind } }`, padding: 'x'.repeat(3 * 1024 * 1024) }),
    });
    expect(tooLarge.status).toBe(413);
    const broken = await fetch(`${app.url}/graphql/stream`, { method: 'POST', headers: streamHeaders(admin.client.cookies), body: '{"query": ' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
  });
});
