/**
 * `npm run bench:month-view [-- options]`: the month view of one region (issue 3, "Benchmark")
 * through the real gateway vs the same rows by one hand-written SQL statement through raw `pg`
 * (the floor), in the same run, one after the other. Every server and the load generator run in
 * processes of their own; answers are checked equal to the floor's before anything is measured.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { monthRange } from '@pams/shared-util';
import { readProfile, summariseProfile, type ProfileSummary } from './cpu-profile.js';
import {
  FLOOR_SQL,
  floorShapeOf,
  floorTotals,
  narrowedFloorSql,
  readDataset,
  monthViewOfFloor,
  type BenchDataset,
  type FloorAnswer,
  type FloorRow,
  type FloorShape,
  type MonthView,
  type MonthViewFilter,
} from './month-view-data.js';
import { measure, type Measurement } from './month-view-measure.js';
import { buildReport, markdownReport, type Environment } from './month-view-report.js';
import { VARIANTS, pageSizeCheck, startVariant, targetOf, verify, type PageSizeCheck, type VariantId } from './month-view-servers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');

const USAGE = `usage: npm run bench:month-view [-- options]
  --duration <s>      measured seconds per server (default 20)
  --warmup <s>        unmeasured seconds of load before each measurement (default 5)
  --connections <n>   concurrent connections (default 10)
  --rounds <n>        repeat every server n times, interleaved; medians are reported (default 1)
  --variants <list>   comma-separated: floor,jit,graphql-js,jit-semi64 (default all; floor is always run)
  --profile           then run the floor and the jit gateway once more under the V8 profiler and summarise
  --json-out <file>   also write the JSON report to <file>
  --floor-shape <s>   auto (default: the shape of the SQL the gateway sends), join or subselect
  --dataset <file>    the data set description (default .data/bench-dataset.json)
  --json              machine-readable output
DATABASE_URL (optional) must point at 127.0.0.1/localhost; default postgres://postgres@127.0.0.1:5432/<dataset database>.`;

interface Options {
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  rounds: number;
  variants: VariantId[];
  profile: boolean;
  floorShape: FloorShape | 'auto';
  datasetFile: string;
  json: boolean;
  jsonOut: string | undefined;
}

function parseOptions(argv: string[]): Options | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '5' },
      connections: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '1' },
      variants: { type: 'string', default: VARIANTS.map((v) => v.id).join(',') },
      profile: { type: 'boolean', default: false },
      'floor-shape': { type: 'string', default: 'auto' },
      dataset: { type: 'string', default: path.join(repoRoot, '.data/bench-dataset.json') },
      json: { type: 'boolean', default: false },
      'json-out': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  const positive = (name: string, raw: string, min = 1) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be a whole number ≥ ${min}, got "${raw}"`);
    return value;
  };
  const wanted = values.variants.split(',').map((v) => v.trim()).filter(Boolean);
  for (const id of wanted) if (!VARIANTS.some((v) => v.id === id)) throw new Error(`unknown variant "${id}" (${VARIANTS.map((v) => v.id).join(', ')})`);
  const floorShape = values['floor-shape'];
  if (floorShape !== 'auto' && !(floorShape in FLOOR_SQL)) throw new Error(`--floor-shape must be auto, ${Object.keys(FLOOR_SQL).join(' or ')}`);
  return {
    floorShape: floorShape as Options['floorShape'],
    durationSeconds: positive('duration', values.duration),
    warmupSeconds: positive('warmup', values.warmup, 0),
    connections: positive('connections', values.connections),
    rounds: positive('rounds', values.rounds),
    // The floor is what every ratio divides by: always measured, always first.
    variants: ['floor', ...VARIANTS.map((v) => v.id).filter((id) => id !== 'floor' && wanted.includes(id))],
    profile: values.profile,
    datasetFile: path.resolve(values.dataset),
    json: values.json,
    jsonOut: values['json-out'] && path.resolve(values['json-out']),
  };
}

/** The bench talks to 127.0.0.1 only (and its own database, which it does not change but for one session row). */
function localDatabaseUrl(dataset: BenchDataset): string {
  const url = process.env.DATABASE_URL || `postgres://postgres@127.0.0.1:5432/${dataset.database}`;
  const host = new URL(url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost') throw new Error(`DATABASE_URL must point at 127.0.0.1 (got host "${host}")`);
  return url;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  let options: Options | null;
  try {
    options = parseOptions(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!options) {
    console.log(USAGE);
    return 0;
  }
  const dataset = await readDataset(options.datasetFile);
  const databaseUrl = localDatabaseUrl(dataset);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  let sessionId: string | undefined;
  const removeSession = async () => {
    if (!sessionId) return;
    const id = sessionId;
    sessionId = undefined;
    await db.query('delete from user_session where id = $1', [id]);
  };
  // Ctrl-C: the session row goes, then the children (they exit when our IPC channel closes).
  const onSignal = () => {
    removeSession().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    const viewer = await benchViewer(db, dataset);
    // Loaded here, as tools/seed does: workspace libraries are imported lazily in tools (lint rule).
    const { hashSecret } = await import('@pams/server-identity');
    const secret = randomBytes(32).toString('base64url');
    sessionId = hashSecret(secret);
    await db.query(
      `insert into user_session (id, handle, user_id, created_at, last_seen_at, expires_at, user_agent)
       values ($1, $2, $3, now(), now(), now() + interval '1 day', 'tools/bench/month-view')`,
      [sessionId, randomUUID(), viewer.id],
    );
    log(`signed in as ${viewer.email} (${viewer.role}); region ${dataset.region.name}, month ${dataset.month}`);

    const expected = await referenceView(db, dataset, undefined);
    const small = await smallFilter(db, dataset);
    const expectedSmall = await referenceView(db, dataset, small);
    log(`reference: ${expected.items.length} rows (page-size check: ${expectedSmall.items.length} rows)`);

    const floorSql = await chooseFloorShape(databaseUrl, dataset, secret, expected, options);
    const environment = { ...(await describeEnvironment(db, dataset, databaseUrl, viewer, options)), floorSql };
    const measurements: Measurement[] = [];
    const pageSize: PageSizeCheck[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      for (const id of options.variants) {
        const variant = VARIANTS.find((v) => v.id === id)!;
        log(`round ${round}/${options.rounds}: ${variant.label}`);
        const server = await startVariant(variant, databaseUrl, [], { BENCH_FLOOR_SHAPE: floorSql.shape });
        try {
          const target = targetOf(variant, server, dataset, secret);
          const verified = await verify(target, expected, variant);
          if (variant.id !== 'floor' && round === 1) {
            const freshen = async () => {
              await db.query('update user_session set last_seen_at = now() where id = $1', [sessionId]);
            };
            pageSize.push(await pageSizeCheck(server, target, small, expectedSmall, expected, variant, freshen));
          }
          measurements.push(await measure(db, server, target, verified.bytes, variant, round, options));
        } finally {
          await server.stop();
        }
      }
    }

    const profiles: Profiled[] = [];
    if (options.profile) {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pams-bench-profile-'));
      for (const id of ['floor', 'jit'] as const) {
        profiles.push(await profileVariant(id, dir, db, databaseUrl, dataset, secret, expected, floorSql.shape, options));
      }
    }

    const report = buildReport(options.variants, environment, measurements, pageSize, profiles);
    if (options.jsonOut) await fs.writeFile(options.jsonOut, JSON.stringify(report, null, 2) + '\n');
    if (options.json) console.log(JSON.stringify(report, null, 2));
    else console.log(markdownReport(report));
    const failedPageSize = pageSize.filter((c) => c.small.statementsPerRequest !== c.large.statementsPerRequest);
    if (failedPageSize.length > 0) {
      console.error(`FAILED: SQL statements per request grow with the page size (${failedPageSize.map((c) => c.variant).join(', ')})`);
      return 1;
    }
    return 0;
  } finally {
    await removeSession();
    await db.end();
  }
}

interface BenchViewer {
  id: string;
  email: string;
  role: string;
}

/** A manager of the benchmark region (the data set's own first), else an admin: both may read the region. */
async function benchViewer(db: pg.Client, dataset: BenchDataset): Promise<BenchViewer> {
  const found = await db.query<BenchViewer>(
    `select u.id, u.email, u.role from app_user u
      where u.status = 'ACTIVE' and not u.must_change_password
        and (u.role = 'ADMIN' or (u.role = 'MANAGER' and exists (select 1 from app_user_region r where r.user_id = u.id and r.region_id = $1)))
      order by u.role = 'MANAGER' desc, u.email like '%@bench.pams' desc, u.email
      limit 1`,
    [dataset.region.id],
  );
  if (!found.rows[0]) throw new Error(`no active MANAGER of ${dataset.region.name} nor ADMIN in the database: cannot sign in`);
  return found.rows[0];
}

/** The rows straight from PostgreSQL, what every server's answer must equal. */
async function referenceView(db: pg.Client, dataset: BenchDataset, filter: MonthViewFilter | undefined): Promise<MonthView> {
  const { from, to } = monthRange(dataset.month);
  const narrowed = filter?.ownerIds && filter.dateTo;
  // The reference is the read model's plain shape, whatever shape the floor runs.
  const sql = narrowed ? narrowedFloorSql('join') : FLOOR_SQL.join;
  const params = narrowed ? [dataset.region.id, from, to, filter.ownerIds![0], filter.dateTo] : [dataset.region.id, from, to];
  const rows = (await db.query<FloorRow>(sql, params)).rows;
  const answer: FloorAnswer = { month: dataset.month, totals: floorTotals(rows), items: rows };
  return monthViewOfFloor(answer);
}

/** The same query narrowed to about 10 rows: one owner of the region, the first days of the month. */
async function smallFilter(db: pg.Client, dataset: BenchDataset): Promise<MonthViewFilter> {
  const { from, to } = monthRange(dataset.month);
  const owner = await db.query<{ owner_id: string }>(
    `select owner_id from activity where region_id = $1 and date >= $2 and date < $3 and deleted_at is null
      group by owner_id order by owner_id limit 1`,
    [dataset.region.id, from, to],
  );
  if (!owner.rows[0]) throw new Error(`no activities of ${dataset.region.name} in ${dataset.month}`);
  const dates = await db.query<{ date: string }>(
    `select date::text as date from activity where region_id = $1 and owner_id = $2 and date >= $3 and date < $4 and deleted_at is null
      order by date limit 10`,
    [dataset.region.id, owner.rows[0].owner_id, from, to],
  );
  return { scope: 'ALL', regionIds: [dataset.region.id], ownerIds: [owner.rows[0].owner_id], dateTo: dates.rows[dates.rows.length - 1].date };
}

/**
 * The floor runs the statement the gateway sends (its shape, by hand): the jit gateway is asked
 * once, its SQL captured; a gateway statement no floor shape matches is said loudly.
 */
async function chooseFloorShape(databaseUrl: string, dataset: BenchDataset, secret: string, expected: MonthView, options: Options) {
  const variant = VARIANTS.find((v) => v.id === 'jit')!;
  const server = await startVariant(variant, databaseUrl, []);
  let sql: string[];
  try {
    const target = targetOf(variant, server, dataset, secret);
    await verify(target, expected, variant);
    sql = await server.captureSql(async () => {
      await verify(target, expected, variant);
    });
  } finally {
    await server.stop();
  }
  const matched = floorShapeOf(sql);
  const listSql = sql.find((statement) => /from activity a/i.test(statement)) ?? sql.join(';\n');
  if (!matched) {
    log(
      `WARNING: the floor's SQL (tools/bench/month-view-data.ts) is not the gateway's list statement any more; update FLOOR_SQL.\n` +
        `gateway sends: ${listSql.replace(/\s+/g, ' ')}`,
    );
  }
  const shape: FloorShape = options.floorShape === 'auto' ? (matched ?? 'join') : options.floorShape;
  log(`floor SQL: ${shape}${matched === shape ? ' (the same statement as the gateway sends)' : ' (NOT the statement the gateway sends)'}`);
  return { shape, matchesGateway: matched === shape, gatewayListSql: listSql.replace(/\s+/g, ' ').trim() };
}

interface Profiled {
  variant: VariantId;
  file: string;
  requests: number;
  summary: ProfileSummary;
}

/** One server once more, under the V8 profiler while measured: where its CPU goes (not counted in the results). */
async function profileVariant(
  id: VariantId,
  dir: string,
  db: pg.Client,
  databaseUrl: string,
  dataset: BenchDataset,
  secret: string,
  expected: MonthView,
  floorShape: FloorShape,
  options: Options,
): Promise<Profiled> {
  const variant = VARIANTS.find((v) => v.id === id)!;
  log(`profiling ${variant.label} (${dir})`);
  const file = path.join(dir, `${id}.cpuprofile`);
  const server = await startVariant(variant, databaseUrl, [], { BENCH_FLOOR_SHAPE: floorShape });
  let requests: number;
  try {
    const target = targetOf(variant, server, dataset, secret);
    const verified = await verify(target, expected, variant);
    ({ requests } = await measure(db, server, target, verified.bytes, variant, 0, options, (measured) => server.profile(file, measured)));
  } finally {
    await server.stop();
  }
  return { variant: id, file, requests, summary: summariseProfile(await readProfile(file), repoRoot) };
}

async function describeEnvironment(
  db: pg.Client,
  dataset: BenchDataset,
  databaseUrl: string,
  viewer: BenchViewer,
  options: Options,
): Promise<Omit<Environment, 'floorSql'>> {
  const version = (await db.query<{ version: string }>('select version()')).rows[0].version;
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    postgres: version.split(',')[0],
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    loadAverageAtStart: os.loadavg() as [number, number, number],
    database: new URL(databaseUrl).pathname.slice(1),
    dataset: { activities: dataset.activities, region: dataset.region.name, month: dataset.month, monthActivities: dataset.monthActivities },
    viewer: `${viewer.email} (${viewer.role})`,
    connections: options.connections,
    warmupSeconds: options.warmupSeconds,
    durationSeconds: options.durationSeconds,
    rounds: options.rounds,
  };
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`bench:month-view failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
