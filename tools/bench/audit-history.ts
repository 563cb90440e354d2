/**
 * `npm run bench:audit-history [-- --events 1000000 --runs 25]`: the admin audit history through the real
 * gateway (GraphQL over HTTP) at its first page and at a cursor 1,000,000 events deep (target: the deep page
 * within 2x of the first), each against its floor: the same page's SQL through raw `pg` behind node:http, in
 * the same run. Runs on the benchmark database (`.data/bench-dataset.json`); events it lacks are inserted once
 * as `BenchProbe` rows (triggers off for the bulk insert: the stream and NOTIFY are not what is measured),
 * half of them old enough to sit in `audit_event_archive`, so the page reads both tables as production does.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { encodeCursor } from '@pams/server-core';
import { hashSecret } from '@pams/server-identity';
import { startBenchServer } from './bench-child.js';
import { readDataset } from './month-view-data.js';
import { startFloor } from './sql-floor.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const PAGE = 50;

const HISTORY = `query History($first: Int, $after: String, $filter: AuditEventFilter) {
  auditEvents(first: $first, after: $after, filter: $filter) {
    nodes { id occurredAt actorId actorKind action entityType entityId requestId changes { field before after } }
    pageInfo { endCursor hasNextPage }
  }
}`;

/** The statement the history sends for one page (both tables, each limited, merged by id): the floor's SQL. */
function pageSql(afterId: string | null, limit: number): { text: string; values: unknown[] } {
  const cols = `e.id, e.occurred_at as "occurredAt", e.actor_id as "actorId", e.actor_kind as "actorKind", e.action,
    e.entity_type as "entityType", e.entity_id as "entityId", e.request_id as "requestId", e.changes`;
  const where = afterId ? 'where e.id < $1::bigint' : '';
  const branch = (table: string) => `(select ${cols} from ${table} e ${where} order by e.id desc limit ${limit})`;
  return { text: `select * from (${branch('audit_event')} union all ${branch('audit_event_archive')}) e order by e.id desc limit ${limit}`, values: afterId ? [afterId] : [] };
}

async function timeIt(runs: number, fn: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], p95: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))] };
}


/** Tops the history up to `wanted` events: `BenchProbe` rows over the last two years, the older half archived. */
async function ensureEvents(db: pg.Client, wanted: number): Promise<{ live: number; archived: number }> {
  const count = async () =>
    (await db.query<{ live: number; archived: number }>(`select (select count(*)::int from audit_event) as live, (select count(*)::int from audit_event_archive) as archived`)).rows[0];
  const now = await count();
  const missing = wanted + PAGE * 2 - (now.live + now.archived);
  if (missing > 0) {
    console.log(`inserting ${missing.toLocaleString('en')} audit events (once)…`);
    await db.query('begin');
    await db.query(`set local session_replication_role = replica`);
    for (let done = 0; done < missing; done += 200_000) {
      const n = Math.min(200_000, missing - done);
      await db.query(
        `insert into audit_event (occurred_at, actor_kind, action, entity_type, entity_id, changes)
         select now() - make_interval(secs => (730 * 86400.0) * (1 - g::float8 / $1)), 'system', 'BenchProbe.updated', 'BenchProbe', 'probe-' || (g % 5000),
                jsonb_build_object('status', jsonb_build_object('before', 'A', 'after', 'B'), 'count', jsonb_build_object('before', g, 'after', g + 1))
         from generate_series(1, $1) g`,
        [n],
      );
    }
    await db.query('commit');
    // Older than a year goes to the archive, as the nightly job would move it.
    for (;;) {
      const moved = (await db.query<{ moved: number }>(`select pams_archive_audit_events(now() - interval '365 days', 50000) as moved`)).rows[0].moved;
      if (moved === 0) break;
    }
    await db.query('analyze audit_event; analyze audit_event_archive');
  }
  return count();
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '25' }, events: { type: 'string', default: '1000000' }, dataset: { type: 'string' }, json: { type: 'boolean', default: false } } });
  const runs = Number(values.runs);
  const depth = Number(values.events);
  const dataset = await readDataset(values.dataset ?? path.join(repoRoot, '.data/bench-dataset.json'));
  const databaseUrl = process.env.DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/${dataset.database}`;
  if (!/@(127\.0\.0\.1|localhost)[:/]/.test(databaseUrl)) throw new Error('the bench talks to 127.0.0.1 only');
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const sizes = await ensureEvents(db, depth);
  const floor = await startFloor(databaseUrl);
  let sessionId: string | undefined;
  const server = await startBenchServer(path.join(here, 'month-view-gateway.ts'), {
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'production', LOG_LEVEL: 'silent', HOST: '127.0.0.1' },
  });
  try {
    const [{ id: adminId }] = (await db.query<{ id: string }>(`select id from app_user where role = 'ADMIN' and status = 'ACTIVE' order by email limit 1`)).rows;
    const secret = randomBytes(32).toString('base64url');
    sessionId = hashSecret(secret);
    await db.query(
      `insert into user_session (id, handle, user_id, created_at, last_seen_at, expires_at, user_agent) values ($1, $2, $3, now(), now(), now() + interval '1 hour', 'bench:audit-history')`,
      [sessionId, randomUUID(), adminId],
    );
    const headers = { 'content-type': 'application/json', cookie: `pams_session=${secret}` };
    // The event `depth` places from the newest: the cursor a reader paging that far would hold.
    const [{ id: deepId }] = (await db.query<{ id: string }>(
      `select id from (select id from audit_event union all select id from audit_event_archive) e order by id desc offset $1 limit 1`,
      [depth - 1],
    )).rows;

    const cases = [];
    for (const [name, afterId] of [['first page', null], [`${depth.toLocaleString('en')} events deep`, deepId]] as const) {
      const after = afterId ? encodeCursor([afterId]) : null;
      const body = JSON.stringify({ query: HISTORY, variables: { first: PAGE, after } });
      const gateway = async () => {
        const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers, body });
        const json = (await response.json()) as { data?: { auditEvents: { nodes: { id: string }[] } }; errors?: unknown };
        if (!json.data) throw new Error(`${name}: ${JSON.stringify(json.errors)}`);
        return json.data.auditEvents.nodes;
      };
      const native = pageSql(afterId, PAGE + 1);
      const floorCall = async () => {
        const response = await fetch(floor.url, { method: 'POST', body: JSON.stringify(native) });
        if (!response.ok) throw new Error(`${name}: the floor answered ${response.status}: ${await response.text()}`);
        return ((await response.json()) as { rows: { id: string }[] }).rows;
      };
      // Same page both ways before anything is timed.
      const fromGateway = (await gateway()).map((n) => n.id);
      const fromFloor = (await floorCall()).slice(0, PAGE).map((r) => String(r.id));
      if (JSON.stringify(fromGateway) !== JSON.stringify(fromFloor)) throw new Error(`${name}: the gateway's page differs from the floor's`);
      cases.push({ name, firstId: fromGateway[0], gateway, floorCall });
    }
    // Both pages warmed alike before either is timed, so the order of the cases does not favour the second.
    for (let i = 0; i < 20; i++) for (const c of cases) await Promise.all([c.gateway(), c.floorCall()]);
    const results = [];
    for (const c of cases) {
      const g = await timeIt(runs, c.gateway);
      const f = await timeIt(runs, c.floorCall);
      results.push({ name: c.name, firstId: c.firstId, gatewayMs: g.median, gatewayP95: g.p95, floorMs: f.median, gatewayVsFloor: g.median / f.median });
    }
    const deepVsFirst = results[1].gatewayMs / results[0].gatewayMs;
    const report = { events: sizes, page: PAGE, runs, results, deepVsFirst };
    if (values.json) {
      console.log(JSON.stringify(report, null, 2));
    } else {
      console.log(`audit events: ${sizes.live.toLocaleString('en')} live + ${sizes.archived.toLocaleString('en')} archived; page of ${PAGE}; ${runs} runs each (median)`);
      console.log('| page | gateway ms (p95) | floor ms (same SQL: raw pg + node:http) | gateway / floor |');
      console.log('| --- | --- | --- | --- |');
      for (const r of results) console.log(`| ${r.name} | ${r.gatewayMs.toFixed(2)} (${r.gatewayP95.toFixed(2)}) | ${r.floorMs.toFixed(2)} | ${r.gatewayVsFloor.toFixed(2)}x |`);
      console.log(`deep page / first page through the gateway: ${deepVsFirst.toFixed(2)}x (target ≤ 2x)`);
    }
  } finally {
    if (sessionId) await db.query('delete from user_session where id = $1', [sessionId]).catch(() => undefined);
    await server.stop();
    await floor.close();
    await db.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
