import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStream, sequenceCommittedEvents, streamHead } from '@pams/server-events';
import { createLogger } from '@pams/server-core';
import { Role } from '@pams/shared-util';
import { createGateway, initOrm, loadGatewayConfig } from '../src/index.js';
import { signedInUser, type SignedInUser } from './support/domain-fixtures.js';
import { sseParser, streamHeaders } from './support/sse.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const SUBSCRIBE = `subscription { liveEvents { kind cursor resetReason event { id action entityType entityId } } }`;

interface LiveMessage {
  sseId: string | null;
  kind: 'EVENT' | 'HEARTBEAT' | 'RESET';
  cursor: string;
  resetReason: string | null;
  event: { id: string; action: string; entityType: string; entityId: string | null } | null;
}

let app: TestApp;
let admin: SignedInUser;
let member: SignedInUser;

beforeAll(async () => {
  app = await startTestApp({ LIVE_HEARTBEAT_MS: '1000' });
  admin = await signedInUser(app, { role: Role.ADMIN });
  member = await signedInUser(app, { role: Role.MEMBER });
});

afterAll(async () => {
  await app?.close();
});

async function insertProbeEvents(count: number, entityId: string): Promise<string[]> {
  const rows = (await app.orm.em.fork().getConnection().execute(
    `insert into audit_event (occurred_at, actor_kind, action, entity_type, entity_id, changes)
     select now(), 'system', 'Probe.updated', 'Probe', ?, jsonb_build_object('n', jsonb_build_object('before', n - 1, 'after', n))
     from generate_series(1, ?) as n order by n returning id`,
    [entityId, count],
  )) as { id: string }[];
  return rows.map((r) => String(r.id));
}

/** Opens the stream and collects messages until `until` says enough (or the time is up). */
async function collect(
  user: SignedInUser,
  until: (messages: LiveMessage[]) => boolean,
  options: { lastEventId?: string; timeoutMs?: number; onOpen?: () => Promise<void>; ended?: { byServer: boolean }; baseUrl?: string } = {},
): Promise<LiveMessage[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 15_000);
  const messages: LiveMessage[] = [];
  const headers = streamHeaders(user.client.cookies, options.lastEventId !== undefined ? { 'last-event-id': options.lastEventId } : {});
  try {
    const response = await fetch(`${options.baseUrl ?? app.url}/graphql/stream`, { method: 'POST', headers, body: JSON.stringify({ query: SUBSCRIBE }), signal: controller.signal });
    expect(response.status).toBe(200);
    void options.onOpen?.();
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const feed = sseParser<{ data: { liveEvents: Omit<LiveMessage, 'sseId'> } }>(({ sseId, payload }) => messages.push({ sseId, ...payload.data.liveEvents }));
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        if (options.ended) options.ended.byServer = true;
        break;
      }
      feed(value);
      if (until(messages)) break;
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return messages;
}

describe('live event stream order', () => {
  it('never skips nor repeats an event when transactions commit out of id order', async () => {
    const em = app.orm.em.fork();
    await sequenceCommittedEvents(em);
    const start = await streamHead(em);
    const clients = await Promise.all(Array.from({ length: 12 }, () => new pg.Client({ connectionString: app.databaseUrl })));
    await Promise.all(clients.map((c) => c.connect()));
    try {
      const ids: string[] = [];
      // Each transaction takes its id in turn (ascending), then they commit in reverse order.
      for (const [i, client] of clients.entries()) {
        await client.query('begin');
        const { rows } = await client.query(
          `insert into audit_event (occurred_at, actor_kind, action, entity_type, entity_id) values (now(), 'system', 'Probe.created', 'Probe', $1) returning id`,
          [`order-${i}`],
        );
        ids.push(String(rows[0].id));
      }
      // A reader that follows the stream between commits, as a connection does.
      const seen: string[] = [];
      let position = start;
      const follow = async () => {
        await sequenceCommittedEvents(app.orm.em.fork());
        for (const row of await readStream(app.orm.em.fork(), position, 1_000)) {
          expect(row.seq).toBe(position + 1);
          position = row.seq;
          if (row.entityType === 'Probe' && row.entityId?.startsWith('order-')) seen.push(row.id!);
        }
      };
      await follow();
      expect(seen).toEqual([]); // nothing committed yet: nothing streamed
      for (const client of [...clients].reverse()) {
        await client.query('commit');
        await follow();
      }
      expect([...seen].sort()).toEqual([...ids].sort());
      expect(new Set(seen).size).toBe(ids.length);
      // Commit order, not id order: the largest id committed first.
      expect(seen[0]).toBe(ids[ids.length - 1]);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });
});

describe('live events over SSE', () => {
  it('replays 500 events missed since Last-Event-ID, in order, without duplicates, then goes live', async () => {
    const em = app.orm.em.fork();
    await sequenceCommittedEvents(em);
    const cursor = String(await streamHead(em));
    const ids = await insertProbeEvents(500, 'replay-500');
    const messages = await collect(admin, (m) => m.filter((x) => x.event?.entityId === 'replay-500').length >= 500, { lastEventId: cursor });
    const replayed = messages.filter((m) => m.event?.entityId === 'replay-500');
    expect(replayed.map((m) => m.event!.id)).toEqual(ids);
    // SSE ids are the cursors, consecutive from the Last-Event-ID.
    const cursors = messages.filter((m) => m.kind === 'EVENT').map((m) => Number(m.sseId));
    cursors.forEach((c, i) => expect(c).toBe(Number(cursor) + i + 1));
    expect(messages.every((m) => m.kind !== 'RESET')).toBe(true);
  });

  it('answers an unknown cursor with a RESET at the head, and sends heartbeats when idle', async () => {
    const messages = await collect(admin, (m) => m.some((x) => x.kind === 'HEARTBEAT'), { lastEventId: '999999999' });
    expect(messages[0].kind).toBe('RESET');
    expect(messages[0].resetReason).toBe('CURSOR_UNKNOWN');
    expect(messages.some((m) => m.kind === 'HEARTBEAT')).toBe(true);
  });

  it('answers a cursor older than the replay window with CURSOR_TOO_OLD', async () => {
    const em = app.orm.em.fork();
    await insertProbeEvents(1, 'old-cursor');
    await sequenceCommittedEvents(em);
    const head = await streamHead(em);
    await em.getConnection().execute(`update audit_event_stream set sequenced_at = now() - interval '8 days' where seq = ?`, [head]);
    const messages = await collect(admin, (m) => m.length >= 1, { lastEventId: String(head) });
    expect(messages[0].kind).toBe('RESET');
    expect(messages[0].resetReason).toBe('CURSOR_TOO_OLD');
    // Leave a fresh head for the tests after this one.
    await insertProbeEvents(1, 'after-old');
    await sequenceCommittedEvents(em);
  });

  it('shows a member only what is theirs, and refuses the stream without a session', async () => {
    const em = app.orm.em.fork();
    await sequenceCommittedEvents(em);
    const cursor = String(await streamHead(em));
    await insertProbeEvents(3, 'not-theirs');
    const mine = (await app.orm.em.fork().getConnection().execute(
      `insert into audit_event (occurred_at, actor_id, actor_kind, action, entity_type, entity_id) values (now(), ?, 'user', 'Probe.created', 'Probe', 'member-own') returning id`,
      [member.id],
    )) as { id: string }[];
    const messages = await collect(member, (m) => m.some((x) => x.event?.entityId === 'member-own'), { lastEventId: cursor });
    expect(messages.filter((m) => m.kind === 'EVENT').map((m) => m.event!.id)).toEqual([String(mine[0].id)]);

    const anonymous = await fetch(`${app.url}/graphql/stream`, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json' },
      body: JSON.stringify({ query: SUBSCRIBE }),
    });
    expect(anonymous.status).toBe(401);
  });

  it('ends the open stream of a user an admin disables, at once', async () => {
    const target = await signedInUser(app, { role: Role.MEMBER });
    const ended = { byServer: false };
    const DISABLE = `mutation($userId: ID!, $v: Int!) { disableUser(userId: $userId, expectedVersion: $v) { __typename } }`;
    await collect(target, () => false, {
      timeoutMs: 12_000,
      ended,
      onOpen: async () => {
        const [row] = await app.orm.em.fork().getConnection().execute(`select version from app_user where id = ?`, [target.id]);
        const result = (await admin.client.data(DISABLE, { userId: target.id, v: row.version })).disableUser;
        expect(result.__typename).toBe('AdminCommandDone');
      },
    });
    expect(ended.byServer).toBe(true);
  });

  it('delivers an event written through one gateway process to a subscriber of another on the same database', async () => {
    const config = loadGatewayConfig({ ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0' });
    const orm = await initOrm(app.databaseUrl, config);
    const second = await createGateway({ config, orm, log: createLogger('silent') });
    const secondUrl = await second.listen(0);
    try {
      const NOTIFY = `mutation($userId: ID!, $v: Int!, $input: NotifyUserInput!) { notifyUser(userId: $userId, expectedVersion: $v, input: $input) { __typename } }`;
      let notified = false;
      const messages = await collect(admin, (m) => m.some((x) => x.event?.action === 'admin.user.notify' && x.event.entityId === member.id), {
        baseUrl: secondUrl,
        onOpen: async () => {
          const [row] = await app.orm.em.fork().getConnection().execute(`select version from app_user where id = ?`, [member.id]);
          // Through the first process's HTTP API.
          const result = (await admin.client.data(NOTIFY, { userId: member.id, v: row.version, input: { subject: 'Two processes', message: 'Hello from the first one.' } })).notifyUser;
          notified = result.__typename === 'AdminCommandDone';
        },
      });
      expect(notified).toBe(true);
      expect(messages.some((m) => m.event?.action === 'admin.user.notify' && m.event.entityId === member.id)).toBe(true);
    } finally {
      await second.close();
      await orm.close(true);
    }
  });
});
