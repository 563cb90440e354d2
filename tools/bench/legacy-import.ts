/**
 * `npm run bench:legacy-import [-- --rows 100000] [--json]`: a legacy activities file of n rows taken through
 * every step of the import — staging (streaming parse), dry run, commit, undo — on a scratch database with
 * the demo organisation, with each step's time and its peak memory above the process's baseline. The floor,
 * measured in the same run, is loading the same rows (ids already resolved) into `activity` with a bare
 * `COPY … FROM STDIN` through `pg`: the least any import of these rows must cost. The run is repeated at a
 * tenth of the size to show memory does not follow the file's size.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { initOrm, loadGatewayConfig, migrateToHead } from '@pams/gateway';
import { createLogger, runInScope, type Viewer } from '@pams/server-core';
import { LegacyImport, LegacyImportKind, checkImport, commitImport, stageUpload, undoImport } from '@pams/server-legacy-import';
import { Role } from '@pams/shared-util';
import { seedDemoIfEmpty } from '../seed/seed-demo.js';

const USAGE = 'usage: npm run bench:legacy-import [-- --rows <n>] [--json]   (DATABASE_URL, if set, must be a 127.0.0.1 server; a scratch database is created on it)';
const SCRATCH = 'pams_bench_legacy_import';
const log = createLogger('silent');

interface Phase {
  ms: number;
  /** Peak live heap above the phase's start: sampled right after a full GC every 2 s (garbage not counted). */
  heapMiB: number;
  /** Peak resident memory above the phase's start. */
  rssMiB: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Runs `fn`, sampling RSS every 50 ms and the live heap right after a full GC every 2 s (more often, the
 * forced GCs would dominate the times: at 250 ms they took 40% of the run).
 */
async function measured(fn: () => Promise<unknown>): Promise<Phase> {
  if (!gc) throw new Error('run with node --expose-gc (npm run bench:legacy-import does)');
  gc();
  const base = process.memoryUsage();
  let heap = base.heapUsed;
  let rss = base.rss;
  const sample = (collect: boolean) => {
    if (collect) gc();
    const now = process.memoryUsage();
    if (collect) heap = Math.max(heap, now.heapUsed);
    rss = Math.max(rss, now.rss);
  };
  const timers = [setInterval(() => sample(false), 50), setInterval(() => sample(true), 2_000)];
  const t0 = performance.now();
  try {
    await fn();
  } finally {
    timers.forEach(clearInterval);
  }
  const ms = performance.now() - t0;
  sample(true);
  return { ms, heapMiB: (heap - base.heapUsed) / 2 ** 20, rssMiB: (rss - base.rss) / 2 ** 20 };
}

interface Facts {
  owners: { id: string; email: string; region: string | null }[];
  accounts: { id: string; name: string; project: string; projectName: string }[];
}

/** A legacy CSV of `rows` PRICING activities with distinct keys, and the same rows resolved for COPY. */
async function writeFiles(dir: string, rows: number, facts: Facts): Promise<{ legacy: string; floor: string }> {
  const legacy = path.join(dir, `legacy-${rows}.csv`);
  const floor = path.join(dir, `floor-${rows}.csv`);
  const a = fs.createWriteStream(legacy);
  const b = fs.createWriteStream(floor);
  a.write('Activity Date,Presales Email,Activity Type,Customer,Project,Days,Hours\n');
  const start = Date.UTC(2031, 0, 1);
  const now = new Date().toISOString();
  for (let i = 0; i < rows; i++) {
    const owner = facts.owners[i % facts.owners.length];
    const account = facts.accounts[Math.floor(i / facts.owners.length) % facts.accounts.length];
    const day = Math.floor(i / (facts.owners.length * facts.accounts.length));
    const date = new Date(start + day * 86_400_000).toISOString().slice(0, 10);
    const days = (i % 3) + 1;
    if (!a.write(`${date},${owner.email},Pricing,"${account.name}","${account.projectName}",${days},\n`)) await new Promise<void>((r) => a.once('drain', () => r()));
    if (!b.write(`${randomUUID()},1,${now},${now},${owner.id},${owner.region ?? ''},${date},EXTERNAL,PRICING,${account.id},${account.project},${days}\n`)) await new Promise<void>((r) => b.once('drain', () => r()));
  }
  await Promise.all([new Promise((r) => a.end(r)), new Promise((r) => b.end(r))]);
  return { legacy, floor };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } } });
  if (values.help) return console.log(USAGE);
  const rows = Number(values.rows);
  if (!Number.isInteger(rows) || rows < 10) throw new Error(`--rows must be a whole number of 10 or more\n${USAGE}`);
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!/@(127\.0\.0\.1|localhost)[:/]/.test(server)) throw new Error('the bench talks to 127.0.0.1 only');
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`drop database if exists ${SCRATCH} with (force)`);
  await admin.query(`create database ${SCRATCH}`);
  const url = new URL(server);
  url.pathname = `/${SCRATCH}`;
  const databaseUrl = url.toString();
  const config = loadGatewayConfig({ ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'development', LOG_LEVEL: 'silent' });
  const orm = await initOrm(databaseUrl, config);
  const db = new pg.Client({ connectionString: databaseUrl });
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'pams-bench-import-'));
  try {
    await migrateToHead(orm, databaseUrl, log);
    await seedDemoIfEmpty(orm, log, config);
    await db.connect();
    const owners = (await db.query(`select id, email, default_region_id as region from app_user where role = 'MEMBER' order by email`)).rows;
    const accounts = (
      await db.query(`select distinct on (a.id) a.id, a.name, p.id as project, p.name as "projectName" from account a join project p on p.account_id = a.id order by a.id, p.name`)
    ).rows;
    const [adminUser] = (await db.query(`select id, email, name from app_user where role = 'ADMIN' limit 1`)).rows;
    const viewer: Viewer = { id: adminUser.id, email: adminUser.email, name: adminUser.name, role: Role.ADMIN, regionIds: [], mustChangePassword: false, via: 'session', credentialId: 'bench' };
    const before = Number((await db.query('select count(*) from activity')).rows[0].count);
    console.log(`bench:legacy-import — demo organisation (${before.toLocaleString('en-US')} activities, ${owners.length} members, ${accounts.length} accounts), ${os.cpus().length} cores, Node ${process.version}`);

    const results: Record<string, Record<string, Phase>> = {};
    for (const size of [Math.round(rows / 10), rows]) {
      const files = await writeFiles(dir, size, { owners, accounts });
      const bytes = (await fsp.stat(files.legacy)).size;
      // Floor: the same rows, resolved, straight into the table; then removed again.
      const floor = await measured(async () => {
        await pipeline(fs.createReadStream(files.floor), db.query(copyFrom(`copy activity (id, version, created_at, updated_at, owner_id, region_id, date, category, type, account_id, project_id, effort_days) from stdin with (format csv)`)));
      });
      await db.query(`delete from activity where date >= '2031-01-01'`);
      const id = randomUUID();
      const scope = { requestId: 'bench', actorId: viewer.id, actorKind: 'session' as const };
      const noProgress = async () => {};
      const phases: Record<string, Phase> = { floor };
      await runInScope(scope, async () => {
        phases.stage = await measured(() => stageUpload(orm.em.fork(), viewer, { id, kind: LegacyImportKind.ACTIVITIES, fileName: path.basename(files.legacy), maxBytes: 1 << 30 }, fs.createReadStream(files.legacy)));
        phases.dryRun = await measured(() => checkImport(orm.em.fork(), id, noProgress));
        const checked = await orm.em.fork().findOneOrFail(LegacyImport, id);
        if (checked.counts?.NEW !== size) throw new Error(`expected ${size} new rows, the dry run found ${JSON.stringify(checked.counts)}`);
        phases.commit = await measured(() => commitImport(orm.em.fork(), id, viewer.id, noProgress));
        phases.undo = await measured(() => undoImport(orm.em.fork(), id, viewer.id, noProgress));
      });
      const after = Number((await db.query('select count(*) from activity')).rows[0].count);
      if (after !== before) throw new Error(`the undo left ${after} activities, not ${before}`);
      results[size] = phases;
      console.log(`\n${size.toLocaleString('en-US')} rows (${(bytes / 2 ** 20).toFixed(1)} MiB CSV)`);
      console.log('step      time      ×floor   rows/s    live heap  peak RSS');
      for (const [name, p] of Object.entries(phases)) {
        console.log(
          `${name.padEnd(9)} ${`${(p.ms / 1000).toFixed(2)} s`.padStart(8)}  ${`${(p.ms / floor.ms).toFixed(1)}x`.padStart(7)}  ${Math.round(size / (p.ms / 1000)).toLocaleString('en-US').padStart(8)}  ${`${p.heapMiB.toFixed(0)} MiB`.padStart(9)}  ${`${p.rssMiB.toFixed(0)} MiB`.padStart(9)}`,
        );
      }
    }
    const [small, large] = Object.keys(results).map(Number).sort((x, y) => x - y);
    console.log(`\npeak live heap, ${large.toLocaleString('en-US')} rows against ${small.toLocaleString('en-US')} (10x the file):`);
    for (const step of ['stage', 'dryRun', 'commit', 'undo']) {
      console.log(`  ${step.padEnd(7)} ${(results[large][step].heapMiB / Math.max(1, results[small][step].heapMiB)).toFixed(2)}x`);
    }
    if (values.json) console.log(JSON.stringify(results));
  } finally {
    await db.end().catch(() => {});
    await orm.close(true);
    await fsp.rm(dir, { recursive: true, force: true });
    await admin.query(`drop database if exists ${SCRATCH} with (force)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
