/**
 * `node --import tsx tools/bench/sse-fanout.ts [--connections 5000] [--events 200] [--replay 1000]`: the live
 * event stream (issue 9, ADR 0017) — server-sent events via graphql-sse at `/graphql/stream` of the real
 * gateway — against a floor, a bare node:http SSE broadcaster (tools/bench/sse-fanout-floor.ts), in the same
 * run, one after the other, each server in a process of its own (run with --expose-gc):
 *
 * 1. Memory: each server's heapUsed (and RSS, external) after a full GC before and after it holds N
 *    subscriptions; per connection = difference / N. Target: the gateway within 2x of the floor.
 * 2. Delivery: K audit events, one at a time (the next once every subscriber has the last, plus a gap),
 *    inserted into `audit_event` by plain autocommit SQL — the insert trigger queues the id in
 *    `audit_event_unsequenced`, NOTIFY wakes the hub, the sequencer assigns `seq`, every connection is
 *    offered the batch — timed from the bench sending the INSERT to each subscriber's arrival. The floor
 *    gets the same message bytes from the bench over IPC and writes them to every response.
 * 3. Replay: one client reconnecting with `Last-Event-ID` R events behind the head, timed until all R have
 *    arrived (checked: in order, no duplicate, no gap, the events the stream table holds), vs the floor
 *    writing R messages to one client.
 *
 * It creates its own database (`pams_bench_sse_<random>` on 127.0.0.1, migrated to head as the test
 * template is) and drops it at the end, also on Ctrl-C. The subscribers are node:http requests from this
 * process (no keep-alive agent), all signed in with one admin session (admins see every event).
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse, print } from 'graphql';
import pg from 'pg';
import { initOrm, loadGatewayConfig, migrateToHead, withDatabase } from '@pams/gateway';
import { createLogger } from '@pams/server-core';
import { hashSecret } from '@pams/server-identity';
import { startBenchServer, type BenchServer, type ChildStats } from './bench-child.js';
import { closeAll, openMany, openSse, type SseMessage, type SseStream } from './sse-fanout-client.js';
import type { FloorCommand } from './sse-fanout-floor.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const STREAM_DOCUMENT = path.join(repoRoot, 'libs/client/shell-data-access/src/live-events.graphql');
const HEAP_TARGET = 2;

const USAGE = `usage: node --import tsx tools/bench/sse-fanout.ts [options]
  --connections <n>   subscribers each server holds (default 5000, fewer when ulimit -n is low)
  --events <n>        events delivered to all subscribers, one at a time (default 200)
  --replay <n>        events a reconnecting client is behind (default 1000)
  --replay-runs <n>   reconnections timed per server (default 3; the median is reported)
  --spacing <ms>      pause after every subscriber got an event, before the next (default 20)
  --concurrency <n>   streams being opened at once (default 50)
  --server-url <url>  PostgreSQL to create the bench database on (default postgres://postgres@127.0.0.1:5432/postgres)
  --keep-database     do not drop the bench database at the end`;

interface Options {
  connections: number;
  events: number;
  replay: number;
  replayRuns: number;
  spacingMs: number;
  concurrency: number;
  serverUrl: string;
  keepDatabase: boolean;
  fdLimit: number;
  connectionsReduced: boolean;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      connections: { type: 'string' },
      events: { type: 'string', default: '200' },
      replay: { type: 'string', default: '1000' },
      'replay-runs': { type: 'string', default: '3' },
      spacing: { type: 'string', default: '20' },
      concurrency: { type: 'string', default: '50' },
      'server-url': { type: 'string', default: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
      'keep-database': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const fdLimit = openFileLimit();
  // Each side of every stream is a descriptor in its process (this one and the server's), plus some spare.
  const fitting = Math.max(1, fdLimit - 512);
  const connections = values.connections === undefined ? Math.min(5_000, fitting) : positive('--connections', values.connections);
  if (connections > fitting) {
    throw new Error(`--connections ${connections} does not fit ulimit -n ${fdLimit} (at most ${fitting}); raise the limit in the shell first`);
  }
  const serverUrl = values['server-url'];
  if (!/@(127\.0\.0\.1|localhost)[:/]/.test(serverUrl)) throw new Error('the bench talks to 127.0.0.1 only');
  return {
    connections,
    events: positive('--events', values.events),
    replay: positive('--replay', values.replay),
    replayRuns: positive('--replay-runs', values['replay-runs']),
    spacingMs: Number(values.spacing),
    concurrency: positive('--concurrency', values.concurrency),
    serverUrl,
    keepDatabase: values['keep-database'],
    fdLimit,
    connectionsReduced: values.connections === undefined && connections < 5_000,
  };
}

function positive(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, not "${raw}"`);
  return value;
}

/** Node cannot read or raise RLIMIT_NOFILE; a shell it starts inherits it. */
function openFileLimit(): number {
  const raw = execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
  return raw === 'unlimited' ? Number.MAX_SAFE_INTEGER : Number(raw);
}

// ---- the database ----

interface BenchDatabase {
  url: string;
  name: string;
  db: pg.Client;
  adminId: string;
  /** The session cookie every subscriber presents. */
  cookie: string;
}

async function createDatabase(serverUrl: string, replay: number, cleanups: Cleanups, keep: boolean): Promise<BenchDatabase> {
  const name = `pams_bench_sse_${randomBytes(5).toString('hex')}`;
  await adminQuery(serverUrl, `create database "${name}"`);
  if (!keep) cleanups.push(`drop database ${name}`, () => adminQuery(serverUrl, `drop database if exists "${name}" with (force)`));
  const url = withDatabase(serverUrl, name);
  // As the test template is built (apps/gateway/test/support/template-database.ts).
  const config = loadGatewayConfig({ ...process.env, DATABASE_URL: url });
  const orm = await initOrm(url, config);
  try {
    await migrateToHead(orm, url, createLogger('warn'));
  } finally {
    await orm.close(true);
  }
  const db = new pg.Client({ connectionString: url, application_name: 'pams-bench-sse' });
  await db.connect();
  cleanups.push('close the bench connection', () => db.end());
  const adminId = randomUUID();
  await db.query(
    `insert into app_user (id, created_at, updated_at, email, name, role, status, password_hash)
     values ($1, now(), now(), 'sse-bench-admin@pams.local', 'SSE bench admin', 'ADMIN', 'ACTIVE', 'not-a-hash')`,
    [adminId],
  );
  const secret = randomBytes(32).toString('base64url');
  await db.query(
    `insert into user_session (id, handle, user_id, created_at, last_seen_at, expires_at, user_agent)
     values ($1, $2, $3, now(), now(), now() + interval '1 day', 'bench:sse-fanout')`,
    [hashSecret(secret), randomUUID(), adminId],
  );
  // The events a reconnecting client will have missed: committed (and NOTIFYing) before the gateway starts.
  await db.query(
    `insert into audit_event (actor_kind, action, entity_type, entity_id, changes, request_id)
     select 'system', 'BenchProbe.updated', 'BenchProbe', 'probe-' || g, ${CHANGES_SQL}, 'bench-sse-missed-' || g
       from generate_series(1, $1) g`,
    [replay],
  );
  return { url, name, db, adminId, cookie: `pams_session=${secret}` };
}

const CHANGES_SQL = `jsonb_build_object('status', jsonb_build_object('before', 'PLANNED', 'after', 'DONE'), 'note', jsonb_build_object('before', null, 'after', 'bench'))`;

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Audit ids taken ahead, so the bench knows an event's id before its subscribers can receive it. */
async function takeEventIds(db: pg.Client, count: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(`select nextval(pg_get_serial_sequence('audit_event', 'id'))::text as id from generate_series(1, $1)`, [count]);
  return rows.map((r) => r.id);
}

function insertEvent(db: pg.Client, id: string, index: number): Promise<unknown> {
  return db.query(
    `insert into audit_event (id, actor_kind, action, entity_type, entity_id, changes, request_id)
     values ($1, 'system', 'BenchProbe.updated', 'BenchProbe', $2, ${CHANGES_SQL}, $3)`,
    [id, `probe-${index}`, `bench-sse-live-${index}`],
  );
}

// ---- the floor's process ----

interface FloorServer {
  url: string;
  statsAfterGc(): Promise<ChildStats>;
  /** Has the floor write `message` to every held stream. */
  broadcast(message: string): void;
  /** Hands the floor the messages `GET /replay` writes. */
  setReplay(messages: string[]): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Forks sse-fanout-floor.ts as startBenchServer does, keeping the child handle: the floor's broadcasts
 * come from the bench over IPC. It speaks bench-child's protocol (ready, gc-stats → stats, stop).
 */
function startFloorServer(nodeFlags: string[]): Promise<FloorServer> {
  const child: ChildProcess = fork(path.join(here, 'sse-fanout-floor.ts'), [], {
    execArgv: ['--import', 'tsx', ...nodeFlags],
    env: process.env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  type Reply = { type: 'ready'; url: string } | { type: 'stats'; stats: ChildStats } | { type: 'replay-ready' } | { type: 'failed'; message: string };
  const next = <T extends Reply['type']>(type: T) =>
    new Promise<Extract<Reply, { type: T }>>((resolve, reject) => {
      const onExit = () => reject(new Error(`the floor (pid ${child.pid}) exited`));
      const onMessage = (reply: Reply) => {
        if (reply.type === 'failed') {
          child.off('exit', onExit);
          child.off('message', onMessage);
          reject(new Error(`the floor failed:\n${reply.message}`));
        } else if (reply.type === type) {
          child.off('exit', onExit);
          child.off('message', onMessage);
          resolve(reply as Extract<Reply, { type: T }>);
        }
      };
      child.once('exit', onExit);
      child.on('message', onMessage);
    });
  return next('ready').then(({ url }) => ({
    url,
    async statsAfterGc() {
      const reply = next('stats');
      child.send({ type: 'gc-stats' });
      return (await reply).stats;
    },
    broadcast(message) {
      child.send({ type: 'broadcast', message } satisfies FloorCommand);
    },
    async setReplay(messages) {
      const reply = next('replay-ready');
      child.send({ type: 'replay-messages', messages } satisfies FloorCommand);
      await reply;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  }));
}

// ---- measuring ----

interface Memory {
  before: ChildStats;
  after: ChildStats;
  connections: number;
  openMs: number;
  heapPerConnection: number;
  rssPerConnection: number;
  externalPerConnection: number;
}

async function settledStats(statsAfterGc: () => Promise<ChildStats>): Promise<ChildStats> {
  await sleep(1_000);
  await statsAfterGc();
  return statsAfterGc();
}

/** Opens N streams and reads the server's memory after a full GC before and after. */
async function holdConnections(
  count: number,
  concurrency: number,
  statsAfterGc: () => Promise<ChildStats>,
  open: () => Promise<SseStream>,
): Promise<{ streams: SseStream[]; memory: Memory }> {
  const before = await settledStats(statsAfterGc);
  const t0 = performance.now();
  const streams = await openMany(count, concurrency, () => open());
  const openMs = performance.now() - t0;
  const after = await settledStats(statsAfterGc);
  const lost = streams.filter((s) => s.isClosed).length;
  if (lost > 0) throw new Error(`${lost} of ${count} streams closed while being held`);
  return {
    streams,
    memory: {
      before,
      after,
      connections: count,
      openMs,
      heapPerConnection: (after.heapUsedBytes - before.heapUsedBytes) / count,
      rssPerConnection: (after.rssBytes - before.rssBytes) / count,
      externalPerConnection: (after.externalBytes - before.externalBytes) / count,
    },
  };
}

interface Spread {
  p50: number;
  p99: number;
  max: number;
}

interface Delivery {
  events: number;
  deliveries: number;
  /** From sending the event to one subscriber's arrival, over every (event, subscriber). */
  each: Spread;
  /** From sending the event to its arrival at the last subscriber, over the events. */
  all: Spread;
  /** The bench's INSERT round trip (commit acknowledged), over the events (gateway only). */
  publish: Spread | null;
  messageBytes: number;
}

const KIND = /"kind":"([A-Z_]+)"/;
const EVENT_ID = /"event":\{"id":"([^"]*)"/;

/**
 * Publishes `ids.length` events one at a time: `publish(i)` makes event `ids[i]` go out; the next one
 * goes once every stream has this one (and `spacingMs` passed). Checks each stream gets every event once,
 * in order, with consecutive SSE ids.
 */
async function measureDelivery(
  streams: readonly SseStream[],
  ids: readonly string[],
  spacingMs: number,
  publish: (index: number) => Promise<unknown>,
): Promise<Delivery> {
  const n = streams.length;
  const k = ids.length;
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const at = new Float64Array(n * k).fill(Number.NaN);
  const arrived = new Int32Array(k);
  const expected = new Int32Array(n);
  const lastSeq = new Float64Array(n).fill(Number.NaN);
  const problems: string[] = [];
  let bytes = 0;
  let sample = 0;
  const problem = (text: string) => {
    if (problems.length < 20) problems.push(text);
  };
  let waiter: { index: number; resolve: () => void } | undefined;

  streams.forEach((stream, c) => {
    stream.onMessage = (message: SseMessage, time: number) => {
      if (message.event === 'complete') return problem(`stream ${c} was ended by the server`);
      if (message.event !== 'next') return;
      const kind = KIND.exec(message.data)?.[1];
      if (kind === 'HEARTBEAT') return;
      if (kind !== 'EVENT') return problem(`stream ${c} got ${kind ?? 'an unknown message'}: ${message.data.slice(0, 200)}`);
      const id = EVENT_ID.exec(message.data)?.[1];
      const i = id === undefined ? undefined : indexOf.get(id);
      if (i === undefined) return problem(`stream ${c} got event ${id}, not one of the bench's`);
      if (!Number.isNaN(at[c * k + i])) return problem(`stream ${c} got event ${i} twice`);
      if (i !== expected[c]) problem(`stream ${c} got event ${i} when it expected ${expected[c]}`);
      expected[c] = i + 1;
      const seq = Number(message.id);
      if (!Number.isNaN(lastSeq[c]) && seq !== lastSeq[c] + 1) problem(`stream ${c}: id ${seq} after ${lastSeq[c]}`);
      lastSeq[c] = seq;
      at[c * k + i] = time;
      if (sample < 100) {
        bytes += message.data.length;
        sample += 1;
      }
      arrived[i] += 1;
      if (arrived[i] === n && waiter?.index === i) waiter.resolve();
    };
  });

  const sentAt = new Float64Array(k);
  const published: number[] = [];
  for (let i = 0; i < k; i++) {
    const everyone = new Promise<void>((resolve) => (waiter = { index: i, resolve }));
    const t0 = performance.now();
    sentAt[i] = t0;
    await publish(i);
    published.push(performance.now() - t0);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      everyone.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), 60_000))),
    ]);
    clearTimeout(timer);
    if (timedOut) throw new Error(`event ${i} reached ${arrived[i]} of ${n} subscribers within 60 s${problems.length ? `; ${problems.join('; ')}` : ''}`);
    if (problems.length > 0) throw new Error(`delivery went wrong: ${problems.join('; ')}`);
    await sleep(spacingMs);
  }
  // Late duplicates would show up now.
  await sleep(500);
  for (const stream of streams) stream.onMessage = () => undefined;
  if (problems.length > 0) throw new Error(`delivery went wrong: ${problems.join('; ')}`);

  const each = new Float64Array(n * k);
  const last = new Float64Array(k).fill(0);
  for (let c = 0; c < n; c++) {
    for (let i = 0; i < k; i++) {
      const latency = at[c * k + i] - sentAt[i];
      each[c * k + i] = latency;
      if (latency > last[i]) last[i] = latency;
    }
  }
  return {
    events: k,
    deliveries: n * k,
    each: spread(each),
    all: spread(last),
    publish: spread(Float64Array.from(published)),
    messageBytes: sample ? bytes / sample : 0,
  };
}

interface Replay {
  events: number;
  runs: number[];
  median: number;
  messageBytes: number;
}

/**
 * Times `runs` reconnections, each until `expected.length` events have arrived; each must be exactly
 * `expected` (SSE id and event id), in order, no duplicate, no RESET.
 */
async function measureReplay(
  runs: number,
  expected: readonly { seq: string; eventId: string }[],
  /** Opens the stream with its message handler in place from the first byte (the replay may come with the headers). */
  open: (onMessage: SseStream['onMessage']) => Promise<SseStream>,
): Promise<Replay> {
  const times: number[] = [];
  let bytes = 0;
  for (let run = 0; run < runs; run++) {
    const got: { seq: string; eventId: string }[] = [];
    const problems: string[] = [];
    let done!: (at: number) => void;
    const finished = new Promise<number>((resolve) => (done = resolve));
    const onMessage: SseStream['onMessage'] = (message, time) => {
      if (message.event !== 'next') return;
      const parsed = JSON.parse(message.data) as { data?: { liveEvents?: { kind: string; cursor: string | null; event: { id: string } | null } } };
      const live = parsed.data?.liveEvents;
      if (!live || live.kind === 'HEARTBEAT') return;
      if (live.kind !== 'EVENT' || !live.event) {
        problems.push(`got ${live.kind}: ${message.data.slice(0, 200)}`);
        return done(time);
      }
      if (live.cursor !== message.id) problems.push(`cursor ${live.cursor} under SSE id ${message.id}`);
      got.push({ seq: message.id ?? '', eventId: live.event.id });
      if (run === 0) bytes += message.data.length;
      if (got.length === expected.length) done(time);
    };
    const t0 = performance.now();
    const stream = await open(onMessage);
    let timer: NodeJS.Timeout | undefined;
    const end = await Promise.race([finished, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), 120_000)))]);
    clearTimeout(timer);
    // Anything past the last expected event would be a duplicate or an event from nowhere.
    await sleep(200);
    stream.close();
    if (end === null) throw new Error(`replay: ${got.length} of ${expected.length} events within 120 s; got ${JSON.stringify(got.slice(0,3))}…${JSON.stringify(got.slice(-2))}; expected ${JSON.stringify(expected.slice(0,2))}; problems ${problems.slice(0,3).join('; ')}`);
    if (problems.length > 0) throw new Error(`replay went wrong: ${problems.slice(0, 5).join('; ')}`);
    if (got.length !== expected.length) throw new Error(`replay: ${got.length} events arrived, ${expected.length} expected (duplicates?)`);
    const seen = new Set<string>();
    got.forEach((g, i) => {
      if (seen.has(g.eventId)) throw new Error(`replay: event ${g.eventId} twice`);
      seen.add(g.eventId);
      const want = expected[i];
      if (g.seq !== want.seq || g.eventId !== want.eventId) {
        throw new Error(`replay: message ${i} is seq ${g.seq} / event ${g.eventId}, expected seq ${want.seq} / event ${want.eventId}`);
      }
    });
    times.push(end - t0);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { events: expected.length, runs: times, median: sorted[Math.floor(sorted.length / 2)], messageBytes: bytes / expected.length };
}

function spread(values: Float64Array): Spread {
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---- the two servers ----

interface ServerResult {
  memory: Memory;
  delivery: Delivery;
  replay: Replay;
}

/** One real message of the stream, with its cursor and event id as placeholders: the floor sends these bytes. */
interface MessageTemplate {
  data: string;
}

function messageOf(template: MessageTemplate, seq: string, eventId: string): string {
  return `id: ${seq}\nevent: next\ndata: ${template.data.replace('\u0000SEQ\u0000', seq).replace('\u0000ID\u0000', eventId)}\n\n`;
}

async function runGateway(options: Options, bench: BenchDatabase, cleanups: Cleanups): Promise<ServerResult & { template: MessageTemplate }> {
  const server: BenchServer = await startBenchServer(path.join(here, 'month-view-gateway.ts'), {
    env: { ...process.env, DATABASE_URL: bench.url, NODE_ENV: 'production', LOG_LEVEL: 'silent', HOST: '127.0.0.1', PGAPPNAME: 'pams-bench-sse-gateway' },
    nodeFlags: ['--expose-gc'],
  });
  const stopServer = cleanups.push('stop the gateway', () => server.stop());
  const streams: SseStream[] = [];
  const closeStreams = cleanups.push('close the gateway streams', () => closeAll(streams));
  try {
    // The client's request (libs/client/graphql/src/live-events.ts): the printed LiveEvents document.
    const query = print(parse(await fs.readFile(STREAM_DOCUMENT, 'utf8')));
    const streamUrl = `${server.url}/graphql/stream?${new URLSearchParams({ query, operationName: 'LiveEvents' })}`;
    const headers = { cookie: bench.cookie };
    const open = (extra: Record<string, string> = {}, onMessage?: SseStream['onMessage']) =>
      openSse(streamUrl, { headers: { ...headers, ...extra }, timeoutMs: 120_000, onMessage });

    // Warm-up: the hub starts (LISTEN, first sequencing), one event goes through; its message is the floor's template.
    const [warmId] = await takeEventIds(bench.db, 1);
    const warm = await open();
    const received = new Promise<SseMessage>((resolve) => {
      warm.onMessage = (message) => {
        if (message.event === 'next' && KIND.exec(message.data)?.[1] === 'EVENT') resolve(message);
      };
    });
    await insertEvent(bench.db, warmId, -1);
    const first = await received;
    warm.close();
    const cursor = `"cursor":"${first.id}"`;
    const eventId = `"event":{"id":"${warmId}"`;
    if (!first.data.includes(cursor) || !first.data.includes(eventId)) throw new Error(`unexpected message shape: ${first.data}`);
    const template = { data: first.data.replace(cursor, '"cursor":"\u0000SEQ\u0000"').replace(eventId, '"event":{"id":"\u0000ID\u0000"') };

    const held = await holdConnections(options.connections, options.concurrency, () => server.statsAfterGc(), () => open());
    streams.push(...held.streams);

    const ids = await takeEventIds(bench.db, options.events);
    const delivery = await measureDelivery(held.streams, ids, options.spacingMs, (i) => insertEvent(bench.db, ids[i], i));

    // Everything is sequenced by now (every event was delivered): the last R positions of the stream.
    const { rows } = await bench.db.query<{ seq: string; event_id: string }>(
      `select s.seq::text as seq, s.event_id::text as event_id from (select seq, event_id from audit_event_stream order by seq desc limit $1) s order by s.seq`,
      [options.replay],
    );
    if (rows.length < options.replay) throw new Error(`the stream holds ${rows.length} events, fewer than --replay ${options.replay}`);
    const behind = String(Number(rows[0].seq) - 1);
    const expected = rows.map((r) => ({ seq: r.seq, eventId: r.event_id }));
    const replay = await measureReplay(options.replayRuns, expected, (onMessage) => open({ 'last-event-id': behind }, onMessage));

    return { memory: held.memory, delivery, replay, template };
  } finally {
    await closeStreams();
    await stopServer();
  }
}

async function runFloor(options: Options, template: MessageTemplate, cleanups: Cleanups): Promise<ServerResult> {
  const floor = await startFloorServer(['--expose-gc']);
  const stopServer = cleanups.push('stop the floor', () => floor.stop());
  const streams: SseStream[] = [];
  const closeStreams = cleanups.push('close the floor streams', () => closeAll(streams));
  try {
    const open = (route: string, onMessage?: SseStream['onMessage']) => openSse(`${floor.url}${route}`, { timeoutMs: 120_000, onMessage });
    // Warm-up, as for the gateway: one stream, one message.
    const warm = await open('/stream');
    const received = new Promise<void>((resolve) => (warm.onMessage = () => resolve()));
    floor.broadcast(messageOf(template, '1', '1'));
    await received;
    warm.close();

    const held = await holdConnections(options.connections, options.concurrency, () => floor.statsAfterGc(), () => open('/stream'));
    streams.push(...held.streams);

    // Ids well apart from the gateway's, in the same shape (the floor's messages are the gateway's bytes).
    const ids = Array.from({ length: options.events }, (_, i) => String(900_000_000 + i));
    const messages = ids.map((id, i) => messageOf(template, String(i + 2), id));
    const delivery = await measureDelivery(held.streams, ids, options.spacingMs, async (i) => floor.broadcast(messages[i]));
    delivery.publish = null;

    const expected = Array.from({ length: options.replay }, (_, i) => ({ seq: String(10_000 + i), eventId: String(800_000_000 + i) }));
    await floor.setReplay(expected.map((e) => messageOf(template, e.seq, e.eventId)));
    const replay = await measureReplay(options.replayRuns, expected, (onMessage) => open('/replay', onMessage));
    return { memory: held.memory, delivery, replay };
  } finally {
    await closeStreams();
    await stopServer();
  }
}

// ---- cleanup ----

/** Things to undo, last first; each runs once (at its own call, at the end, or on a signal). */
class Cleanups {
  private readonly steps: { label: string; run: () => Promise<void>; done: boolean }[] = [];

  push(label: string, fn: () => Promise<unknown>): () => Promise<void> {
    const step = { label, done: false, run: async () => {
      if (step.done) return;
      step.done = true;
      try {
        await fn();
      } catch (error) {
        console.error(`cleanup "${label}" failed:`, error);
      }
    } };
    this.steps.push(step);
    return step.run;
  }

  async runAll(): Promise<void> {
    for (const step of [...this.steps].reverse()) await step.run();
  }
}

// ---- report ----

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a');
const spreadText = (s: Spread) => `${ms(s.p50)} / ${ms(s.p99)} / ${ms(s.max)}`;

interface Environment {
  date: string;
  node: string;
  postgres: string;
  cpus: string;
  cores: number;
  memory: string;
  load: string;
}

function table(options: Options, gateway: ServerResult, floor: ServerResult): string[] {
  const g = gateway;
  const f = floor;
  const heapRatio = g.memory.heapPerConnection / f.memory.heapPerConnection;
  return [
    `| | gateway (graphql-sse, /graphql/stream) | floor (bare node:http broadcaster) | gateway / floor |`,
    `| --- | --- | --- | --- |`,
    `| subscriptions held by one process | ${g.memory.connections.toLocaleString('en')} (opened in ${(g.memory.openMs / 1000).toFixed(1)} s) | ${f.memory.connections.toLocaleString('en')} (opened in ${(f.memory.openMs / 1000).toFixed(1)} s) | |`,
    `| heap per connection (heapUsed after full GC) | ${kib(g.memory.heapPerConnection)} | ${kib(f.memory.heapPerConnection)} | ${ratio(g.memory.heapPerConnection, f.memory.heapPerConnection)} (target ≤ ${HEAP_TARGET}x: ${heapRatio <= HEAP_TARGET ? 'met' : 'not met'}) |`,
    `| heapUsed before → after | ${mib(g.memory.before.heapUsedBytes)} → ${mib(g.memory.after.heapUsedBytes)} | ${mib(f.memory.before.heapUsedBytes)} → ${mib(f.memory.after.heapUsedBytes)} | |`,
    `| RSS per connection | ${kib(g.memory.rssPerConnection)} | ${kib(f.memory.rssPerConnection)} | ${ratio(g.memory.rssPerConnection, f.memory.rssPerConnection)} |`,
    `| RSS before → after | ${mib(g.memory.before.rssBytes)} → ${mib(g.memory.after.rssBytes)} | ${mib(f.memory.before.rssBytes)} → ${mib(f.memory.after.rssBytes)} | |`,
    `| external (Buffers) per connection | ${kib(g.memory.externalPerConnection)} | ${kib(f.memory.externalPerConnection)} | |`,
    `| delivery to one subscriber, ms p50 / p99 / max (${g.delivery.deliveries.toLocaleString('en')} deliveries) | ${spreadText(g.delivery.each)} | ${spreadText(f.delivery.each)} | ${ratio(g.delivery.each.p99, f.delivery.each.p99)} at p99 |`,
    `| delivery to all ${options.connections.toLocaleString('en')} subscribers (last arrival), ms p50 / p99 / max over ${g.delivery.events} events | ${spreadText(g.delivery.all)} | ${spreadText(f.delivery.all)} | ${ratio(g.delivery.all.p99, f.delivery.all.p99)} at p99 |`,
    `| replay of ${g.replay.events.toLocaleString('en')} missed events to one client, ms median (runs) | ${ms(g.replay.median)} (${g.replay.runs.map(ms).join(', ')}) | ${ms(f.replay.median)} (${f.replay.runs.map(ms).join(', ')}) | ${ratio(g.replay.median, f.replay.median)} |`,
    `| message size (SSE data) | ${g.delivery.messageBytes.toFixed(0)} B | ${f.delivery.messageBytes.toFixed(0)} B | |`,
  ];
}

function markdown(options: Options, env: Environment, gateway: ServerResult, floor: ServerResult): string {
  const heapRatio = gateway.memory.heapPerConnection / floor.memory.heapPerConnection;
  const met = heapRatio <= HEAP_TARGET;
  const command = `node --import tsx tools/bench/sse-fanout.ts --connections ${options.connections} --events ${options.events} --replay ${options.replay}`;
  return [
    '### Live events: SSE fan-out and replay (issue 9)',
    '',
    `\`${command}\`: the live stream (graphql-sse's protocol at \`/graphql/stream\`, the shell's \`LiveEvents\` subscription as`,
    `\`GET ?query=…\`, one admin session) of the real gateway against a bare node:http SSE broadcaster (its own process,`,
    `\`tools/bench/sse-fanout-floor.ts\`), one after the other in the same run, on a fresh migrated database. Memory is`,
    `each server's heapUsed / RSS after a full GC (\`--expose-gc\`) before and after it holds the connections, divided by`,
    `their number. Delivery: ${options.events} audit events inserted one at a time by autocommit SQL (trigger →`,
    `\`audit_event_unsequenced\`, NOTIFY → hub → sequencer → every connection), the next once all subscribers had the`,
    `last plus ${options.spacingMs} ms, timed from sending the INSERT to each subscriber's arrival; the floor writes the`,
    `same bytes, handed to it over IPC, to every response. Replay: a client reconnecting with \`Last-Event-ID\``,
    `${options.replay.toLocaleString('en')} events behind, until all ${options.replay.toLocaleString('en')} arrived (checked in order, no duplicate, no gap, the stream table's`,
    `events), vs the floor writing as many messages to one client. Subscribers are node:http requests from the bench`,
    `process (no keep-alive agent), so both sides' timings include the bench parsing ${options.connections.toLocaleString('en')} streams on the same 2 cores.`,
    '',
    `${env.date}, ${env.cores} cores (${env.cpus}), ${env.memory}, Node ${env.node}, ${env.postgres}, bench, servers and`,
    `database on one machine (load average ${env.load} at the end); single runs' timings vary by tens of percent:`,
    '',
    ...table(options, gateway, floor),
    '',
    `- **Heap per connection within ${HEAP_TARGET}x of the bare broadcaster**: ${met ? 'met' : 'not met'} — ${kib(gateway.memory.heapPerConnection)} vs`,
    `  ${kib(floor.memory.heapPerConnection)} (${heapRatio.toFixed(2)}x), ${options.connections.toLocaleString('en')} connections held by one process each.`,
    `- **Delivery p99 to all subscribers**: ${ms(gateway.delivery.each.p99)} ms per delivery (floor ${ms(floor.delivery.each.p99)} ms); the last of`,
    `  ${options.connections.toLocaleString('en')} subscribers had an event after ${ms(gateway.delivery.all.p50)} ms at the median, ${ms(gateway.delivery.all.p99)} ms at p99.`,
    `- **Replay of ${options.replay.toLocaleString('en')} missed events**: ${ms(gateway.replay.median)} ms (floor ${ms(floor.replay.median)} ms), in order, no duplicates.`,
  ].join('\n');
}

async function environment(db: pg.Client): Promise<Environment> {
  const { rows } = await db.query<{ v: string }>(`select split_part(version(), ' on ', 1) as v`);
  const cpus = os.cpus();
  return {
    date: new Date().toISOString().slice(0, 10),
    node: process.versions.node,
    postgres: rows[0].v,
    cpus: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    memory: `${Math.round(os.totalmem() / 1024 ** 3)} GB`,
    load: os.loadavg().map((l) => l.toFixed(1)).join(' / '),
  };
}

// ---- main ----

async function main(): Promise<void> {
  const options = readOptions();
  const cleanups = new Cleanups();
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: cleaning up…`);
    void cleanups.runAll().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    if (options.connectionsReduced) {
      console.log(`ulimit -n is ${options.fdLimit}: holding ${options.connections} connections instead of 5000`);
    }
    console.log(
      `SSE fan-out bench: ${options.connections} connections, ${options.events} events (${options.spacingMs} ms apart), replay ${options.replay} × ${options.replayRuns}; ulimit -n ${options.fdLimit}`,
    );
    const t0 = performance.now();
    const bench = await createDatabase(options.serverUrl, options.replay, cleanups, options.keepDatabase);
    console.log(`database ${bench.name} migrated and seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    console.log('gateway: holding connections, delivering, replaying…');
    const gateway = await runGateway(options, bench, cleanups);
    console.log('floor: holding connections, delivering, replaying…');
    const floor = await runFloor(options, gateway.template, cleanups);
    const env = await environment(bench.db);

    console.log('');
    console.log(table(options, gateway, floor).join('\n'));
    console.log('');
    if (gateway.delivery.publish) console.log(`(the gateway's times include the INSERT's round trip: ${spreadText(gateway.delivery.publish)} ms p50 / p99 / max)`);
    console.log('');
    console.log(markdown(options, env, gateway, floor));
  } finally {
    await cleanups.runAll();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
