/**
 * `npm run bench:reports [-- options]`: each report through the real gateway (GraphQL over HTTP) vs its
 * own SQL statement through raw `pg` (the floor: the same statement the gateway sends), and the rollup
 * statement vs a plain GROUP BY over the activity table answering the same question — all in one run,
 * on the 1,000,000-activity set (`npm run seed -- --scale 1000000`). Answers are checked equal first.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { hashSecret } from '@pams/server-identity';
import { activityReportQuery, type ActivityReportInput } from '@pams/server-reports';
import type { Viewer } from '@pams/server-core';
import { Role } from '@pams/shared-util';
import { startBenchServer } from './bench-child.js';
import { readDataset } from './month-view-data.js';
import { startFloor } from './sql-floor.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');

interface Case {
  name: string;
  input: ActivityReportInput;
  /** The same figures from the activity table: key → count. */
  raw: string;
}

const REPORT = `query Report($input: ActivityReportInput!) { activityReport(input: $input) {
  source rowCount rows { keys { id } activityCount effortDays effortHours } totals { activityCount } } }`;

function cases(lastMonth: string, firstOfYear: string): Case[] {
  const inRange = (from: string) => `a.deleted_at is null and a.date >= '${from}-01' and a.date < ('${lastMonth}-01'::date + interval '1 month')`;
  return [
    {
      name: 'activity by type, 12 months',
      input: { from: firstOfYear, to: lastMonth, groupBy: ['TYPE'] } as ActivityReportInput,
      raw: `select coalesce(a.type, 'null') as key, count(*)::int as n from activity a where ${inRange(firstOfYear)} group by 1`,
    },
    {
      name: 'external by region × month, all years',
      input: { from: '2020-01', to: lastMonth, groupBy: ['REGION', 'MONTH'], filter: { categories: ['EXTERNAL'] }, limit: 5000 } as ActivityReportInput,
      raw: `select coalesce(a.region_id::text, 'null') || ' ' || to_char(a.date, 'YYYY-MM') as key, count(*)::int as n from activity a
        where ${inRange('2020-01')} and a.category = 'EXTERNAL' group by 1`,
    },
    {
      name: 'call types, 12 months',
      input: { from: firstOfYear, to: lastMonth, groupBy: ['CALL_TYPE'], filter: { types: ['CUSTOMER_CALL'] } } as ActivityReportInput,
      raw: `select coalesce(a.call_type, 'null') as key, count(*)::int as n from activity a where ${inRange(firstOfYear)} and a.type = 'CUSTOMER_CALL' group by 1`,
    },
    {
      name: 'industry, 12 months',
      input: { from: firstOfYear, to: lastMonth, groupBy: ['INDUSTRY'] } as ActivityReportInput,
      raw: `select coalesce(acc.industry_id::text, 'null') as key, count(*)::int as n from activity a left join account acc on acc.id = a.account_id
        where ${inRange(firstOfYear)} group by 1`,
    },
    {
      name: 'top 10 sales reps, 12 months',
      input: { from: firstOfYear, to: lastMonth, groupBy: ['SALES_REP'], filter: { categories: ['EXTERNAL'] }, limit: 10 } as ActivityReportInput,
      raw: `select coalesce(acc.sales_rep_id::text, 'null') as key, count(*)::int as n from activity a left join account acc on acc.id = a.account_id
        where ${inRange(firstOfYear)} and a.category = 'EXTERNAL' group by acc.sales_rep_id order by 2 desc, acc.sales_rep_id nulls last limit 10`,
    },
    {
      name: 'industry × region (external), 12 months',
      input: { from: firstOfYear, to: lastMonth, groupBy: ['INDUSTRY', 'REGION'], filter: { categories: ['EXTERNAL'] }, limit: 5000 } as ActivityReportInput,
      raw: `select coalesce(acc.industry_id::text, 'null') || ' ' || coalesce(a.region_id::text, 'null') as key, count(*)::int as n
        from activity a left join account acc on acc.id = a.account_id where ${inRange(firstOfYear)} and a.category = 'EXTERNAL' group by 1`,
    },
    {
      name: 'use case, 12 months',
      input: { from: firstOfYear, to: lastMonth, groupBy: ['USE_CASE'] } as ActivityReportInput,
      raw: `select coalesce(p.primary_use_case_id::text, 'null') as key, count(*)::int as n from activity a left join project p on p.id = a.project_id
        where ${inRange(firstOfYear)} group by 1`,
    },
    {
      name: 'activity by presales user, one month',
      input: { from: lastMonth, to: lastMonth, groupBy: ['OWNER'] } as ActivityReportInput,
      raw: `select a.owner_id::text as key, count(*)::int as n from activity a where ${inRange(lastMonth)} group by 1`,
    },
  ];
}

async function timeIt(runs: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** knex-style `?` placeholders as pg's `$n`, an array binding expanding to a list (as MikroORM sends it). */
function toNative(sql: string, params: readonly unknown[]): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  let next = 0;
  const text = sql.replace(/\?/g, () => {
    const value = params[next++];
    const list = Array.isArray(value) ? value : [value];
    return list.map((item) => {
      values.push(item);
      return `$${values.length}`;
    }).join(', ');
  });
  return { text, values };
}

function keyed(rows: { key: string; n: number }[]): string {
  return JSON.stringify(rows.map((r) => [r.key, r.n]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' }, dataset: { type: 'string' }, json: { type: 'boolean', default: false } } });
  const runs = Number(values.runs);
  const dataset = await readDataset(values.dataset ?? path.join(repoRoot, '.data/bench-dataset.json'));
  const databaseUrl = process.env.DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/${dataset.database}`;
  if (!/@(127\.0\.0\.1|localhost)[:/]/.test(databaseUrl)) throw new Error('the bench talks to 127.0.0.1 only');
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const floor = await startFloor(databaseUrl);
  let sessionId: string | undefined;
  const server = await startBenchServer(path.join(here, 'month-view-gateway.ts'), {
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'production', LOG_LEVEL: 'silent', HOST: '127.0.0.1' },
    nodeFlags: ['--max-semi-space-size=64'],
  });
  try {
    // Fold what the seed left in the delta: the figures are the rollups' steady state.
    const compacted = (await db.query<{ moved: number }>('select pams_activity_rollup_compact() as moved')).rows[0].moved;
    const [{ id: leaderId }] = (await db.query<{ id: string }>(`select id from app_user where role = 'LEADER' and status = 'ACTIVE' order by email limit 1`)).rows;
    const secret = randomBytes(32).toString('base64url');
    sessionId = hashSecret(secret);
    await db.query(
      `insert into user_session (id, handle, user_id, created_at, last_seen_at, expires_at, user_agent) values ($1, $2, $3, now(), now(), now() + interval '1 hour', 'bench:reports')`,
      [sessionId, randomUUID(), leaderId],
    );
    const viewer: Viewer = { id: leaderId, email: '', name: '', role: Role.LEADER, regionIds: [], mustChangePassword: false, via: 'session', credentialId: sessionId };
    const lastMonth = dataset.month;
    const firstOfYear = `${Number(lastMonth.slice(0, 4)) - 1}-${lastMonth.slice(5)}`;
    const headers = { 'content-type': 'application/json', cookie: `pams_session=${secret}` };
    const sizes = (await db.query<{ t: string; n: number }>(`select 'activity' as t, count(*)::int as n from activity union all
      select 'activity_rollup', count(*)::int from activity_rollup union all select 'activity_rollup_region', count(*)::int from activity_rollup_region union all
      select 'activity_rollup_industry', count(*)::int from activity_rollup_industry union all select 'activity_rollup_sales_rep', count(*)::int from activity_rollup_sales_rep union all
      select 'activity_rollup_use_case', count(*)::int from activity_rollup_use_case`)).rows;

    const results = [];
    for (const c of cases(lastMonth, firstOfYear)) {
      const query = activityReportQuery(viewer, c.input);
      const native = JSON.stringify(toNative(query.sql, query.params));
      const body = JSON.stringify({ query: REPORT, variables: { input: c.input } });
      const gateway = async () => {
        const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers, body });
        const json = (await response.json()) as {
          data?: { activityReport: { source: string; rows: { keys: { id: string | null }[]; activityCount: number }[] } };
          errors?: unknown;
        };
        if (!json.data) throw new Error(`${c.name}: ${JSON.stringify(json.errors)}`);
        return json.data.activityReport;
      };
      // Same answer three ways before anything is timed.
      const answer = await gateway();
      const fromGateway = keyed(answer.rows.map((r) => ({ key: r.keys.map((k) => k.id ?? 'null').join(' '), n: r.activityCount })));
      const fromRaw = keyed((await db.query<{ key: string; n: number }>(c.raw)).rows);
      if (fromGateway !== fromRaw) {
        throw new Error(`${c.name}: the gateway's rows differ from the activity table's\n${fromGateway.slice(0, 400)}\n${fromRaw.slice(0, 400)}`);
      }
      const gatewayMs = await timeIt(runs, gateway);
      const floorCall = async () => {
        const response = await fetch(floor.url, { method: 'POST', body: native });
        if (!response.ok) throw new Error(`${c.name}: the floor answered ${response.status}: ${await response.text()}`);
        return (await response.json()) as { rows: { n: number }[] };
      };
      // The floor's statement answers what the gateway answered (its first row is the totals).
      const floorRows = (await floorCall()).rows;
      if (floorRows.length - 1 !== answer.rows.length) throw new Error(`${c.name}: the floor has ${floorRows.length - 1} rows, the gateway ${answer.rows.length}`);
      const floorMs = await timeIt(runs, floorCall);
      // Rollup vs GROUP BY: both statements straight on one connection, no HTTP.
      const { text, values } = toNative(query.sql, query.params);
      const sqlMs = await timeIt(runs, () => db.query(text, values));
      const rawMs = await timeIt(Math.max(3, Math.ceil(runs / 3)), () => db.query(c.raw));
      results.push({ name: c.name, source: answer.source, rows: answer.rows.length, gatewayMs, floorMs, sqlMs, rawMs, gatewayVsFloor: gatewayMs / floorMs, rollupSpeedup: rawMs / sqlMs });
    }
    const report = { dataset: { database: dataset.database, activities: dataset.activities }, sizes, compactedDeltaRows: compacted, runs, results };
    if (values.json) {
      console.log(JSON.stringify(report, null, 2));
    } else {
      console.log(`tables: ${sizes.map((s) => `${s.t} ${s.n.toLocaleString('en')}`).join(', ')}; delta rows folded before the run: ${compacted}`);
      console.log('| report | source | rows | gateway ms | floor ms (same SQL: raw pg + node:http) | gateway / floor | rollup SQL ms | GROUP BY on activity ms | rollup speed-up |');
      console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
      for (const r of results) {
        console.log(`| ${r.name} | ${r.source} | ${r.rows} | ${r.gatewayMs.toFixed(1)} | ${r.floorMs.toFixed(1)} | ${r.gatewayVsFloor.toFixed(2)}x | ${r.sqlMs.toFixed(1)} | ${r.rawMs.toFixed(1)} | ${r.rollupSpeedup.toFixed(1)}x |`);
      }
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
