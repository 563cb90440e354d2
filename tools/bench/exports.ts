/**
 * `npm run bench:exports [-- options]`: every activity of the 1,000,000-activity set (`npm run seed --
 * --scale 1000000`) exported as CSV and as XLSX through the real gateway's streamed download
 * (`GET /exports/activities.<csv|xlsx>?filter={"scope":"ALL"}`, signed in as a LEADER: every region),
 * against the floor: PostgreSQL writing the same columns, rows and order as CSV itself (`COPY (SELECT …)
 * TO STDOUT WITH CSV HEADER` through raw `pg` + pg-copy-streams), in the same run. Wall time to the last
 * byte, and the gateway process's resident memory while it writes (VmRSS sampled every 50 ms, VmHWM);
 * each measured export runs in a gateway process of its own. Then the files are checked: the CSV's data
 * rows counted (quotes respected) and its sequence of ids equal to the floor's; the XLSX a zip.
 * With --job, also the background export a user is offered for long tables (startExport, polled every
 * second as the reports page polls, then GET /exports/files/<id>).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { startBenchServer, type BenchServer, type ChildStats } from './bench-child.js';
import { cpuDelta, cpuOf, headOf, isZip, parseCsv, peakGrowth, sampleMemory, scanCsvFile, type MemoryTrace } from './exports-measure.js';
import { readDataset } from './month-view-data.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');

const USAGE = `usage: npm run bench:exports [-- options]
  --formats <list>   csv,xlsx (default both)
  --rounds <n>       repeat the floor and every export n times, interleaved; medians reported (default 1)
  --job              also the background export (startExport → exportJob polled every second → file)
  --no-semi-space    run the gateway without npm start's --max-semi-space-size=64
  --keep             keep the downloaded files (printed), else they are deleted
  --dataset <file>   the data set description (default .data/bench-dataset.json)
  --json             machine-readable output
  --json-out <file>  also write the JSON report to <file>
DATABASE_URL (optional) must point at 127.0.0.1/localhost; default postgres://postgres@127.0.0.1:5432/<dataset database>.`;

const TARGET_CSV_RATIO = 3;
const TARGET_GROWTH_MB = 100;
/** The reports page polls a background export every second (apps/reports/src/exports/export-job-progress.tsx). */
const POLL_MS = 1_000;
const MB = 1024 * 1024;
const FLOOR_APP = 'bench:exports floor';
/** PGAPPNAME of the gateway child: names its PostgreSQL backends, whose CPU is read from /proc. */
const GATEWAY_APP = 'bench:exports gateway';

type Format = 'csv' | 'xlsx';
type Path = 'download' | 'job';

/** The timestamp as the export writes it (`Date#toISOString`: milliseconds, UTC). */
const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The floor's columns: the export's (ACTIVITY_COLUMNS in libs/server/exports/src/sources/activities.source.ts),
 * headers and order, each as PostgreSQL can write it; the type as its label (ACTIVITY_TYPE_LABELS), account
 * and project names by primary key as the read model reads them (libs/server/activities/src/list/activity-read-model.ts).
 */
function floorColumns(typeLabels: Record<string, string>): [header: string, sql: string][] {
  const typeLabel = `case a.type ${Object.entries(typeLabels).map(([type, label]) => `when '${type}' then '${label.replace(/'/g, "''")}'`).join(' ')} else a.type end`;
  return [
    ['Date', 'a.date'],
    ['Owner', 'o.name'],
    ['Owner email', 'o.email'],
    ['Region', 'r.name'],
    ['Category', 'a.category'],
    ['Type', typeLabel],
    ['Account', '(select x.name from account x where x.id = a.account_id)'],
    ['Project', '(select x.name from project x where x.id = a.project_id)'],
    ['Effort (days)', 'a.effort_days'],
    ['Effort (hours)', 'a.effort_half_hours::float8 / 2'],
    ['Call type', 'a.call_type'],
    ['Name', 'a.name'],
    ['Topic', 'a.topic'],
    ['Description', 'a.description'],
    ['Minutes of meeting', 'a.minutes_of_meeting'],
    ['SOW link', 'a.sow_link'],
    ['PoC access', 'a.poc_access_type'],
    ['PoC use case', 'a.poc_use_case'],
    ['PoC start', 'a.poc_start_date'],
    ['PoC end', 'a.poc_end_date'],
    ['RFx type', 'a.rfx_type'],
    ['Submission deadline', 'a.submission_deadline'],
    ['Created', iso('a.created_at')],
    ['Updated', iso('a.updated_at')],
    ['Id', 'a.id'],
  ];
}

/** Every activity a LEADER's `scope: ALL` export holds, newest first (the history's order). */
function floorSql(typeLabels: Record<string, string>): string {
  const columns = floorColumns(typeLabels).map(([header, sql]) => `${sql} as "${header}"`).join(',\n    ');
  return `select ${columns}
  from activity a
  join app_user o on o.id = a.owner_id
  left join region r on r.id = a.region_id
  where a.deleted_at is null
  order by a.date desc, a.created_at desc, a.id desc`;
}

/** The read model's statement for an export (libs/server/activities/src/list/activity-read-model.ts, every column). */
const EXPORT_SELECT = `select a.id, a.version, a.date::text as date, a.category, a.type,
    o.id as owner_id, o.name as owner_name, o.email as owner_email, r.id as region_id, r.name as region_name,
    a.account_id as account_id, (select x.name from account x where x.id = a.account_id) as account_name,
    a.project_id as project_id, (select x.name from project x where x.id = a.project_id) as project_name,
    a.effort_days, a.effort_half_hours, a.call_type, a.minutes_of_meeting, a.sow_link, a.poc_access_type, a.poc_use_case,
    a.poc_start_date::text as poc_start_date, a.poc_end_date::text as poc_end_date, a.rfx_type,
    a.submission_deadline::text as submission_deadline, a.name, a.topic, a.description, a.created_at, a.updated_at, a.deleted_at
  from activity a
  join app_user o on o.id = a.owner_id
  left join region r on r.id = a.region_id
  left join account ac on ac.id = a.account_id
  left join project p on p.id = a.project_id
  where a.deleted_at is null`;
/** Rows per fetch, as ACTIVITY_EXPORT_PAGE (libs/server/exports/src/sources/activities.source.ts). */
const EXPORT_PAGE = 1_000;
/** Timestamps as PostgreSQL's text, as MikroORM reads them (the cursor keeps microseconds). */
const TEXT_TIMESTAMPS = { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === 1184 || oid === 1114 ? (v: string) => v : pg.types.getTypeParser(oid, format as 'text')) };

/**
 * The SQL part of the gateway's export alone: the same cursor (libs/server/activities
 * `activityHistoryBatches`: one no-scroll cursor over the read model's statement in a repeatable-read
 * read-only transaction, fetched 1,000 rows at a time) through raw `pg`, rows parsed, nothing written.
 */
async function cursorBatches(db: pg.Client): Promise<{ lastByteMs: number; rows: number; statements: number }> {
  const started = performance.now();
  let rows = 0;
  await db.query('begin isolation level repeatable read read only');
  let statements = 1;
  try {
    await db.query(`declare bench_export no scroll cursor for ${EXPORT_SELECT} order by a.date desc, a.created_at desc, a.id desc`);
    statements += 1;
    for (;;) {
      const result = await db.query<{ id: string }>({ text: `fetch forward ${EXPORT_PAGE} from bench_export`, types: TEXT_TIMESTAMPS });
      statements += 1;
      rows += result.rows.length;
      if (result.rows.length < EXPORT_PAGE) break;
    }
  } finally {
    await db.query('commit');
    statements += 1;
  }
  return { lastByteMs: performance.now() - started, rows, statements };
}

interface TimelinePoint {
  ms: number;
  statements: number;
  rss: number;
  heapUsed: number;
  external: number;
}

/** Asks the server for its counters every `everyMs` until stopped. */
function followServer(server: BenchServer, before: ChildStats, everyMs = 1_000): { stop(): Promise<TimelinePoint[]> } {
  const started = performance.now();
  const points: TimelinePoint[] = [];
  let asking: Promise<void> | null = null;
  const ask = () => {
    asking ??= server.stats().then(
      (stats) => {
        points.push({ ms: performance.now() - started, statements: stats.statements - before.statements, rss: stats.rssBytes, heapUsed: stats.heapUsedBytes, external: stats.externalBytes });
        asking = null;
      },
      () => {
        asking = null;
      },
    );
  };
  const timer = setInterval(ask, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await asking;
      return points;
    },
  };
}

/** RSS, heap and external memory over the export's progress, as growth over the memory before it. */
function timelineSummary(points: TimelinePoint[], before: ChildStats): string {
  if (points.length === 0) return '';
  const last = points[points.length - 1].statements;
  const at = (share: number) => points.find((p) => p.statements >= share * last) ?? points[points.length - 1];
  const mb = (bytes: number) => `${bytes >= 0 ? '+' : ''}${(bytes / MB).toFixed(0)}`;
  return [0.1, 0.25, 0.5, 0.75, 1]
    .map((share) => {
      const p = at(share);
      return `${Math.round(share * 100)}% of pages: RSS ${mb(p.rss - before.rssBytes)}, heap ${mb(p.heapUsed - before.heapUsedBytes)}, external ${mb(p.external - before.externalBytes)} MB`;
    })
    .join('; ');
}

interface Transfer {
  /** From the request (or the statement) to the response's first byte. */
  firstByteMs: number;
  /** To its last byte. */
  lastByteMs: number;
  bytes: number;
}

interface Measured extends Transfer {
  path: Path | 'floor' | 'sql';
  format: Format;
  round: number;
  file: string;
  /** The background export: from startExport to the job reported DONE (the download follows). */
  jobDoneMs?: number;
  jobRows?: number | null;
  memory?: MemoryTrace;
  /** Heap and external memory still live after a full GC at the end, over a full GC's before the export. */
  retained?: { heap: number; external: number };
  /** The gateway's memory once a second while it exports (statements sent so far: one per page of 1,000 rows). */
  timeline?: TimelinePoint[];
  /** The gateway's process (or, for the floor, the bench's own: reading the stream). */
  cpuMs?: number;
  /** The PostgreSQL backends serving it. */
  pgCpuMs?: number;
  gcMs?: number;
  statements?: number;
}

/** GET `url` into `file`; rejects on a status other than 200 or a cut response. */
function download(url: string, cookie: string, file: string): Promise<Transfer & { contentType: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.get(url, { headers: { cookie } }, (response) => {
      const firstByteMs = performance.now() - started;
      if (response.statusCode !== 200) {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => reject(new Error(`GET ${url} answered ${response.statusCode}: ${body.slice(0, 500)}`)));
        return;
      }
      let bytes = 0;
      let lastByteMs = NaN;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => (lastByteMs = performance.now() - started));
      pipeline(response, fs.createWriteStream(file)).then(
        () => resolve({ firstByteMs, lastByteMs, bytes, contentType: String(response.headers['content-type'] ?? '') }),
        (error: unknown) => reject(new Error(`GET ${url} was cut after ${bytes} bytes: ${String(error)}`)),
      );
    });
    request.on('error', reject);
  });
}

/** The floor: PostgreSQL's own CSV of the same rows, streamed through pg-copy-streams into `file`. */
async function floorCopy(db: pg.Client, sql: string, file: string): Promise<Transfer> {
  const started = performance.now();
  const stream = db.query(copyTo(`COPY (${sql}) TO STDOUT WITH (FORMAT csv, HEADER)`));
  let firstByteMs = NaN;
  let lastByteMs = NaN;
  let bytes = 0;
  stream.on('data', (chunk: Buffer) => {
    if (bytes === 0) firstByteMs = performance.now() - started;
    bytes += chunk.length;
  });
  stream.on('end', () => (lastByteMs = performance.now() - started));
  await pipeline(stream, fs.createWriteStream(file));
  return { firstByteMs, lastByteMs, bytes };
}

async function graphql<T>(server: BenchServer, cookie: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ query, variables }) });
  const json = (await response.json()) as { data?: T; errors?: unknown };
  if (!json.data) throw new Error(`GraphQL: ${JSON.stringify(json.errors)}`);
  return json.data;
}

const START_EXPORT = `mutation Start($input: StartExportInput!) { startExport(input: $input) {
  __typename ... on ExportJob { id status } ... on ValidationFailed { message } ... on Forbidden { message } } }`;
const EXPORT_JOB = `query Job($id: ID!) { exportJob(id: $id) { id status done total downloadUrl rowCount byteSize error } }`;

interface JobView {
  id: string;
  status: string;
  done: number;
  total: number | null;
  downloadUrl: string | null;
  rowCount: number | null;
  error: string | null;
}

/** The background export: start it, poll it as the page does, download its file. */
async function viaJob(server: BenchServer, cookie: string, format: Format, params: Record<string, unknown>, file: string, jobIds: string[]): Promise<Transfer & { jobDoneMs: number; jobRows: number | null }> {
  const started = performance.now();
  const { startExport } = await graphql<{ startExport: { __typename: string; id?: string; message?: string } }>(server, cookie, START_EXPORT, {
    input: { kind: 'ACTIVITIES', format: format.toUpperCase(), params },
  });
  if (startExport.__typename !== 'ExportJob' || !startExport.id) throw new Error(`startExport answered ${JSON.stringify(startExport)}`);
  jobIds.push(startExport.id);
  let job: JobView | null = null;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    job = (await graphql<{ exportJob: JobView | null }>(server, cookie, EXPORT_JOB, { id: startExport.id })).exportJob;
    if (!job) throw new Error(`exportJob(${startExport.id}) is gone`);
    if (job.status === 'FAILED') throw new Error(`the export job failed: ${job.error}`);
    if (job.status === 'DONE' && job.downloadUrl) break;
  }
  const jobDoneMs = performance.now() - started;
  const fetched = await download(`${server.url}${job.downloadUrl}`, cookie, file);
  return { firstByteMs: jobDoneMs + fetched.firstByteMs, lastByteMs: performance.now() - started, bytes: fetched.bytes, jobDoneMs, jobRows: job.rowCount };
}

/** The PostgreSQL backends of one application name (PGAPPNAME of the gateway, application_name of the floor). */
async function backendsOf(db: pg.Client, appName: string): Promise<number[]> {
  return (await db.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [appName])).rows.map((r) => r.pid);
}

/** CPU of `during`: this process's and that of the PostgreSQL backends of `appName` (read before and after). */
async function withCpu<T>(db: pg.Client, appName: string, during: () => Promise<T>): Promise<{ result: T; cpuMs: number; pgCpuMs: number }> {
  const pgBefore = cpuOf(await backendsOf(db, appName));
  const own = process.cpuUsage();
  const result = await during();
  const used = process.cpuUsage(own);
  const pgCpuMs = cpuDelta(pgBefore, cpuOf(await backendsOf(db, appName)));
  return { result, cpuMs: (used.user + used.system) / 1000, pgCpuMs };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor(sorted.length / 2)];
};

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      formats: { type: 'string', default: 'csv,xlsx' },
      rounds: { type: 'string', default: '1' },
      job: { type: 'boolean', default: false },
      'no-semi-space': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      dataset: { type: 'string' },
      json: { type: 'boolean', default: false },
      'json-out': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const formats = values.formats.split(',').map((f) => f.trim()) as Format[];
  if (formats.some((f) => f !== 'csv' && f !== 'xlsx')) throw new Error(`--formats takes csv and/or xlsx\n${USAGE}`);
  const rounds = Number(values.rounds);
  const paths: Path[] = values.job ? ['download', 'job'] : ['download'];
  const dataset = await readDataset(values.dataset ?? path.join(repoRoot, '.data/bench-dataset.json'));
  const databaseUrl = process.env.DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/${dataset.database}`;
  if (!/@(127\.0\.0\.1|localhost)[:/]/.test(databaseUrl)) throw new Error('the bench talks to 127.0.0.1 only');
  const say = (line: string) => {
    if (!values.json) console.log(line);
  };

  // Loaded here, as tools/seed does: workspace libraries are imported lazily in tools (lint rule).
  const [{ hashSecret }, { ACTIVITY_TYPE_LABELS }] = await Promise.all([import('@pams/server-identity'), import('@pams/shared-util')]);
  const sql = floorSql(ACTIVITY_TYPE_LABELS);
  const db = new pg.Client({ connectionString: databaseUrl, application_name: 'bench:exports' });
  await db.connect();
  const floorDb = new pg.Client({ connectionString: databaseUrl, application_name: FLOOR_APP });
  await floorDb.connect();
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'pams-bench-exports-'));
  let sessionId: string | undefined;
  const jobIds: string[] = [];
  const cleanUp = async () => {
    if (sessionId) await db.query('delete from user_session where id = $1', [sessionId]).catch(() => undefined);
    sessionId = undefined;
    if (jobIds.length > 0) {
      const ids = jobIds.splice(0);
      // The job's progress row stays after the queue drops the job (libs/server/jobs): it goes too.
      await db.query('delete from job_progress where job_id in (select queue_job_id from export_job where id = any($1::uuid[]))', [ids]).catch(() => undefined);
      await db.query('delete from export_job where id = any($1::uuid[])', [ids]).catch(() => undefined);
    }
  };
  const onSignal = () => {
    cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    const [{ id: leaderId, email: leaderEmail }] = (
      await db.query<{ id: string; email: string }>(`select id, email from app_user where role = 'LEADER' and status = 'ACTIVE' and not must_change_password order by email limit 1`)
    ).rows;
    const secret = randomBytes(32).toString('base64url');
    sessionId = hashSecret(secret);
    await db.query(
      `insert into user_session (id, handle, user_id, created_at, last_seen_at, expires_at, user_agent) values ($1, $2, $3, now(), now(), now() + interval '12 hours', 'bench:exports')`,
      [sessionId, randomUUID(), leaderId],
    );
    const cookie = `pams_session=${secret}`;
    const expected = (
      await db.query<{ n: number }>('select count(*)::int as n from activity a join app_user o on o.id = a.owner_id where a.deleted_at is null')
    ).rows[0].n;
    const params = { filter: { scope: 'ALL' } };
    const query = new URLSearchParams({ filter: JSON.stringify(params.filter) });
    const warmQuery = new URLSearchParams({ month: dataset.month, filter: JSON.stringify(params.filter) });
    say(`${expected.toLocaleString('en')} activities to export (database ${dataset.database}), as ${leaderEmail} (LEADER); files in ${dir}`);

    const env = (jobs: boolean): NodeJS.ProcessEnv => ({
      ...process.env,
      DATABASE_URL: databaseUrl,
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      HOST: '127.0.0.1',
      PGAPPNAME: GATEWAY_APP,
      PAMS_DATA_DIR: path.join(dir, 'data'),
      BENCH_EXPORT_JOBS: jobs ? '1' : '0',
    });
    const nodeFlags = values['no-semi-space'] ? [] : ['--max-semi-space-size=64'];
    // Only for the bench's full collections before and after each export (statsAfterGc); no effect otherwise.
    const childFlags = [...nodeFlags, '--expose-gc'];

    // The table into the page cache once, unmeasured.
    say('warming PostgreSQL: one unmeasured COPY…');
    await floorCopy(floorDb, sql, path.join(dir, 'warm.csv'));
    await fsp.rm(path.join(dir, 'warm.csv'));

    const results: Measured[] = [];
    for (let round = 1; round <= rounds; round++) {
      const floorFile = path.join(dir, `floor-${round}.csv`);
      const { result: floor, cpuMs: floorCpu, pgCpuMs: floorPg } = await withCpu(db, FLOOR_APP, () => floorCopy(floorDb, sql, floorFile));
      results.push({ path: 'floor', format: 'csv', round, file: floorFile, ...floor, cpuMs: floorCpu, pgCpuMs: floorPg });
      say(`round ${round}: floor COPY ${(floor.lastByteMs / 1000).toFixed(1)} s, ${(floor.bytes / MB).toFixed(0)} MB`);
      const { result: alone, cpuMs: aloneCpu, pgCpuMs: alonePg } = await withCpu(db, FLOOR_APP, () => cursorBatches(floorDb));
      if (alone.rows !== expected) throw new Error(`the cursor read ${alone.rows} rows, the table has ${expected}`);
      results.push({ path: 'sql', format: 'csv', round, file: '', firstByteMs: NaN, lastByteMs: alone.lastByteMs, bytes: NaN, statements: alone.statements, cpuMs: aloneCpu, pgCpuMs: alonePg });
      say(`round ${round}: the export's SQL alone ${(alone.lastByteMs / 1000).toFixed(1)} s, ${alone.statements} statements`);
      for (const via of paths) {
        for (const format of formats) {
          const server = await startBenchServer(path.join(here, 'exports-gateway.ts'), { env: env(via === 'job'), nodeFlags: childFlags });
          try {
            // Warm-up, unmeasured: one month in the same format, so code is loaded and compiled.
            await download(`${server.url}/exports/activities.${format}?${warmQuery}`, cookie, path.join(dir, `warm.${format}`));
            await fsp.rm(path.join(dir, `warm.${format}`));
            await new Promise((resolve) => setTimeout(resolve, 1_000));
            const file = path.join(dir, `${via}-${round}.${format}`);
            const before: ChildStats = await server.statsAfterGc();
            const pgBefore = cpuOf(await backendsOf(db, GATEWAY_APP));
            const memory = sampleMemory(server.pid, 50);
            const follow = followServer(server, before);
            const transfer =
              via === 'download'
                ? await download(`${server.url}/exports/activities.${format}?${query}`, cookie, file)
                : await viaJob(server, cookie, format, params, file, jobIds);
            const trace = memory.stop();
            const timeline = await follow.stop();
            const after = await server.stats();
            const pgCpuMs = cpuDelta(pgBefore, cpuOf(await backendsOf(db, GATEWAY_APP)));
            const live = await server.statsAfterGc();
            results.push({
              path: via,
              format,
              round,
              file,
              ...transfer,
              memory: trace,
              timeline,
              retained: { heap: live.heapUsedBytes - before.heapUsedBytes, external: live.externalBytes - before.externalBytes },
              cpuMs: (after.cpuUserUs + after.cpuSystemUs - before.cpuUserUs - before.cpuSystemUs) / 1000,
              pgCpuMs,
              gcMs: after.gcMs - before.gcMs,
              statements: after.statements - before.statements,
            });
            say(
              `round ${round}: ${via} ${format} ${(transfer.lastByteMs / 1000).toFixed(1)} s, ${(transfer.bytes / MB).toFixed(0)} MB, ` +
                `RSS ${(trace.before / MB).toFixed(0)} → peak +${(peakGrowth(trace) / MB).toFixed(0)} MB`,
            );
            say(`  ${timelineSummary(timeline, before)}`);
            say(`  live after a full GC, over before: heap ${((live.heapUsedBytes - before.heapUsedBytes) / MB).toFixed(1)} MB, external ${((live.externalBytes - before.externalBytes) / MB).toFixed(1)} MB`);
          } finally {
            await server.stop();
          }
        }
      }
    }

    // The files: rows, same ids in the same order as the floor, a sample cell by cell.
    const floorFiles = results.filter((r) => r.path === 'floor');
    const floorScan = await scanCsvFile(floorFiles[0].file);
    if (floorScan.dataRows !== expected) throw new Error(`the floor's CSV has ${floorScan.dataRows} data rows, the table ${expected}`);
    const checks: Record<string, unknown>[] = [];
    const SAMPLE = 1_000;
    const floorSample = parseCsv(await headOf(floorFiles[0].file), SAMPLE + 1);
    for (const r of results.filter((x) => x.path === 'download' || x.path === 'job')) {
      if (r.format === 'csv') {
        const scan = await scanCsvFile(r.file);
        const sample = parseCsv(await headOf(r.file), SAMPLE + 1);
        const differing = new Map<string, number>();
        let example: string | undefined;
        for (let i = 0; i < Math.min(sample.length, floorSample.length); i++) {
          for (let c = 0; c < floorSample[0].length; c++) {
            if (sample[i][c] === floorSample[i][c]) continue;
            const column = floorSample[0][c];
            differing.set(column, (differing.get(column) ?? 0) + 1);
            example ??= `row ${i}, ${column}: export ${JSON.stringify(sample[i][c])}, floor ${JSON.stringify(floorSample[i][c])}`;
          }
        }
        const check = {
          path: r.path,
          format: r.format,
          round: r.round,
          dataRows: scan.dataRows,
          rowsAsExpected: scan.dataRows === expected,
          sameIdsInOrder: scan.idsSha1 === floorScan.idsSha1,
          headerAsFloor: scan.header === floorScan.header,
          oddRecords: scan.oddRecords,
          sampleCellsDiffering: Object.fromEntries(differing),
          example,
        };
        checks.push(check);
        if (!check.rowsAsExpected || !check.sameIdsInOrder) {
          throw new Error(`${r.path} CSV: ${scan.dataRows} data rows (expected ${expected}), ids ${check.sameIdsInOrder ? 'in the floor\'s order' : `differ from the floor's (first ${scan.firstIds.join(', ')} vs ${floorScan.firstIds.join(', ')})`}`);
        }
      } else {
        const zip = await isZip(r.file);
        checks.push({ path: r.path, format: r.format, round: r.round, bytes: r.bytes, zip, jobRows: r.jobRows });
        if (!zip) throw new Error(`${r.path} XLSX is not a zip archive`);
      }
    }

    // Medians over rounds, each ratio against its own round's floor.
    const floorOf = (round: number) => results.find((x) => x.path === 'floor' && x.round === round)!;
    const rows = [{ path: 'floor' as const, format: 'csv' as Format }, { path: 'sql' as const, format: 'csv' as Format }, ...paths.flatMap((p) => formats.map((format) => ({ path: p, format })))].map(({ path: via, format }) => {
      const runs = results.filter((r) => r.path === via && r.format === format);
      return {
        path: via,
        format,
        bytes: median(runs.map((r) => r.bytes)),
        firstByteMs: median(runs.map((r) => r.firstByteMs)),
        lastByteMs: median(runs.map((r) => r.lastByteMs)),
        jobDoneMs: via === 'job' ? median(runs.map((r) => r.jobDoneMs ?? NaN)) : undefined,
        ratio: median(runs.map((r) => r.lastByteMs / floorOf(r.round).lastByteMs)),
        cpuMs: median(runs.map((r) => r.cpuMs ?? NaN)),
        pgCpuMs: median(runs.map((r) => r.pgCpuMs ?? NaN)),
        totalCpuMs: median(runs.map((r) => (r.cpuMs ?? NaN) + (r.pgCpuMs ?? NaN))),
        cpuRatio: median(runs.map((r) => ((r.cpuMs ?? NaN) + (r.pgCpuMs ?? NaN)) / ((floorOf(r.round).cpuMs ?? NaN) + (floorOf(r.round).pgCpuMs ?? NaN)))),
        ratioRange: [Math.min(...runs.map((r) => r.lastByteMs / floorOf(r.round).lastByteMs)), Math.max(...runs.map((r) => r.lastByteMs / floorOf(r.round).lastByteMs))],
        gcMs: !runs[0]?.memory ? undefined : median(runs.map((r) => r.gcMs ?? NaN)),
        statements: via === 'floor' ? 1 : median(runs.map((r) => r.statements ?? NaN)),
        rssBefore: !runs[0]?.memory ? undefined : median(runs.map((r) => r.memory!.before)),
        growth: !runs[0]?.memory ? undefined : median(runs.map((r) => peakGrowth(r.memory!))),
        maxGrowth: !runs[0]?.memory ? undefined : Math.max(...runs.map((r) => peakGrowth(r.memory!))),
        rssAfter: !runs[0]?.memory ? undefined : median(runs.map((r) => r.memory!.after)),
        retainedHeap: !runs[0]?.retained ? undefined : Math.max(...runs.map((r) => r.retained!.heap)),
      };
    });
    const report = {
      dataset: { database: dataset.database, activities: expected },
      node: process.version,
      gatewayFlags: nodeFlags,
      rounds,
      rows,
      checks,
      runs: results.map(({ file: _file, ...r }) => r),
    };
    if (values['json-out']) await fsp.writeFile(values['json-out'], JSON.stringify(report, null, 2) + '\n');
    if (values.json) {
      console.log(JSON.stringify(report, null, 2));
    } else {
      const s = (ms: number | undefined) => (ms === undefined || Number.isNaN(ms) ? '' : (ms / 1000).toFixed(1));
      const mb = (bytes: number | undefined) => (bytes === undefined ? '' : (bytes / MB).toFixed(0));
      console.log(
        `\n${expected.toLocaleString('en')} activities; gateway ${nodeFlags.join(' ') || 'plain node'}, ${rounds} round(s), medians; ratio = time to last byte / the floor's in the same round; ` +
          `CPU = Node process (the gateway's; for the floor and the export's SQL the bench's, reading) + its PostgreSQL backends, over the floor's`,
      );
      console.log('| path | file MB | first byte s | last byte s | vs floor (range) | Node CPU s | PG CPU s | CPU vs floor | GC s | SQL statements | RSS before MB | RSS peak growth MB (max) | RSS after MB | heap live after GC, MB |');
      console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
      for (const r of rows) {
        const name =
          r.path === 'floor'
            ? 'floor: COPY … TO STDOUT (CSV), raw pg + pg-copy-streams'
            : r.path === 'sql'
              ? 'the export\'s SQL alone (its cursor through raw pg, nothing written)'
              : r.path === 'download'
                ? `streamed download, ${r.format.toUpperCase()}`
                : `background job, ${r.format.toUpperCase()} (done at ${s(r.jobDoneMs)} s, then the file)`;
        console.log(
          `| ${name} | ${Number.isNaN(r.bytes) ? '' : mb(r.bytes)} | ${s(r.firstByteMs)} | ${s(r.lastByteMs)} | ` +
            `${r.path === 'floor' ? '1' : `${r.ratio.toFixed(2)}x${rounds > 1 ? ` (${r.ratioRange[0].toFixed(2)}–${r.ratioRange[1].toFixed(2)})` : ''}`} | ` +
            `${s(r.cpuMs)} | ${s(r.pgCpuMs)} | ${r.path === 'floor' ? '1' : `${r.cpuRatio.toFixed(2)}x`} | ${s(r.gcMs)} | ${r.statements} | ` +
            `${mb(r.rssBefore)} | ${r.growth === undefined ? '' : `${mb(r.growth)} (${mb(r.maxGrowth)})`} | ${mb(r.rssAfter)} | ${r.retainedHeap === undefined ? '' : `${r.retainedHeap >= 0 ? '+' : ''}${(r.retainedHeap / MB).toFixed(1)}`} |`,
        );
      }
      console.log('\nchecks:');
      for (const c of checks) console.log(`  ${JSON.stringify(c)}`);
      const csv = rows.find((r) => r.path === 'download' && r.format === 'csv');
      if (csv) console.log(`\nCSV streamed download: ${csv.ratio.toFixed(2)}x the floor (target ≤ ${TARGET_CSV_RATIO}x): ${csv.ratio <= TARGET_CSV_RATIO ? 'met' : 'MISSED'}`);
      for (const r of rows.filter((x) => x.path === 'download' || x.path === 'job')) {
        const growth = (r.maxGrowth ?? 0) / MB;
        console.log(`${r.path} ${r.format.toUpperCase()}: RSS growth up to ${growth.toFixed(0)} MB (target < ${TARGET_GROWTH_MB} MB): ${growth < TARGET_GROWTH_MB ? 'met' : 'MISSED'}`);
      }
      if (values.keep) console.log(`\nfiles kept in ${dir}`);
    }
  } finally {
    await cleanUp();
    await db.end();
    await floorDb.end();
    if (!values.keep) await fsp.rm(dir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
