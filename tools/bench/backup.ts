/**
 * `npm run bench:backup [-- --rounds N] [--json]`: the nightly backup with its verification on the
 * 1,000,000-activity set (`npm run seed -- --scale 1000000`), against the floor measured in the same run:
 * bare `pg_dump --format=custom` of the same database, then `pg_restore` of that file into a fresh database
 * (what any backup that is ever restored must cost). PAMS adds the live checks (taken in the dump's snapshot,
 * while pg_dump runs), the sha256 of the file, the same checks on the restore and the comparison. Rounds
 * alternate floor and PAMS; medians reported. Files go to a temporary folder, scratch databases are dropped.
 */
import { execFile } from 'node:child_process';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { promisify } from 'node:util';
import pg from 'pg';
import { initOrm, loadGatewayConfig, repoRoot } from '@pams/gateway';
import { BackupSnapshot, BackupTrigger, findPgTools, libpqEnv, runBackup, urlForDatabase } from '@pams/server-backups';
import { createLogger } from '@pams/server-core';
import { readDataset } from './month-view-data.js';

const run = promisify(execFile);
const USAGE = `usage: npm run bench:backup [-- --rounds <n>] [--json] [--dataset <file>]
DATABASE_URL (optional) must point at 127.0.0.1/localhost; default postgres://postgres@127.0.0.1:5432/<dataset database>.`;

interface Round {
  floorDumpMs: number;
  floorRestoreMs: number;
  pamsDumpMs: number;
  pamsVerifyMs: number;
  pamsTotalMs: number;
  bytes: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '1' }, json: { type: 'boolean', default: false }, dataset: { type: 'string' }, help: { type: 'boolean', default: false } } });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const rounds = Number(values.rounds);
  const dataset = await readDataset(values.dataset ?? path.join(repoRoot, '.data/bench-dataset.json'));
  const databaseUrl = process.env.DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/${dataset.database}`;
  if (!/@(127\.0\.0\.1|localhost)[:/]/.test(databaseUrl)) throw new Error('the bench talks to 127.0.0.1 only');
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'pams-bench-backup-'));
  const config = loadGatewayConfig({ ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'production', BACKUP_DIR: dir, LOG_LEVEL: 'silent' });
  const orm = await initOrm(databaseUrl, config);
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    const { rows: facts } = await admin.query<{ v: string; activities: string; size: string }>(
      `select current_setting('server_version_num') as v, (select count(*) from activity)::text as activities, pg_size_pretty(pg_database_size(current_database())) as size`,
    );
    const tools = await findPgTools(config.backups.binDir, Number(facts[0].v));
    const { env, dbname, connArgs } = libpqEnv(databaseUrl);
    const childEnv = { ...process.env, ...env };
    console.log(`bench:backup — ${Number(facts[0].activities).toLocaleString('en-US')} activities, database ${facts[0].size}, pg_dump ${tools.major}, ${os.cpus().length} cores`);
    const results: Round[] = [];
    for (let round = 1; round <= rounds; round++) {
      // Floor: bare dump, bare restore into a fresh database.
      const file = path.join(dir, 'floor.dump');
      let t0 = performance.now();
      await run(tools.pgDump, ['--format=custom', `--file=${file}`, ...connArgs, `--dbname=${dbname}`], { env: childEnv, maxBuffer: 1 << 24 });
      const floorDumpMs = performance.now() - t0;
      const scratch = 'pams_bench_backup_floor';
      await admin.query(`drop database if exists ${scratch} with (force)`);
      await admin.query(`create database ${scratch} template template0`);
      t0 = performance.now();
      const target = libpqEnv(urlForDatabase(databaseUrl, scratch));
      await run(tools.pgRestore, ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', ...target.connArgs, `--dbname=${scratch}`, file], { env: childEnv, maxBuffer: 1 << 24 });
      const floorRestoreMs = performance.now() - t0;
      await admin.query(`drop database ${scratch} with (force)`);
      const bytes = (await fsp.stat(file)).size;
      await fsp.rm(file);

      // PAMS: the backup job's own code path.
      const em = orm.em.fork();
      const snapshot = em.create(BackupSnapshot, { trigger: BackupTrigger.ADMIN });
      await em.flush();
      t0 = performance.now();
      const outcome = await runBackup(orm.em.fork(), config, snapshot.id, { log: createLogger('silent') });
      const pamsTotalMs = performance.now() - t0;
      if (outcome.status !== 'VERIFIED') throw new Error(`the backup did not verify: ${outcome.error}`);
      const { rows } = await admin.query<{ dump_ms: number; verify_ms: number; file_name: string }>('select dump_ms, verify_ms, file_name from backup_snapshot where id = $1', [snapshot.id]);
      await fsp.rm(path.join(dir, rows[0].file_name), { force: true });
      // The bench's snapshots are not restore points of anyone's: their records go too.
      await admin.query('delete from backup_snapshot where id = $1', [snapshot.id]);
      const r = { floorDumpMs, floorRestoreMs, pamsDumpMs: rows[0].dump_ms, pamsVerifyMs: rows[0].verify_ms, pamsTotalMs, bytes };
      results.push(r);
      console.log(
        `round ${round}: floor dump ${s(floorDumpMs)} + restore ${s(floorRestoreMs)} = ${s(floorDumpMs + floorRestoreMs)} · PAMS dump+checks ${s(r.pamsDumpMs)}, verify ${s(r.pamsVerifyMs)}, total ${s(pamsTotalMs)} · file ${(bytes / 1024 / 1024).toFixed(0)} MiB`,
      );
    }
    const m = (key: keyof Round) => median(results.map((r) => r[key]));
    const floor = m('floorDumpMs') + m('floorRestoreMs');
    const report = {
      activities: Number(facts[0].activities),
      databaseSize: facts[0].size,
      rounds,
      fileMiB: Math.round(m('bytes') / 1024 / 1024),
      floor: { dumpMs: Math.round(m('floorDumpMs')), restoreMs: Math.round(m('floorRestoreMs')), totalMs: Math.round(floor) },
      pams: { dumpWithChecksMs: m('pamsDumpMs'), verifyMs: m('pamsVerifyMs'), totalMs: Math.round(m('pamsTotalMs')) },
      ratios: {
        dump: +(m('pamsDumpMs') / m('floorDumpMs')).toFixed(2),
        verifyVsRestore: +(m('pamsVerifyMs') / m('floorRestoreMs')).toFixed(2),
        total: +(m('pamsTotalMs') / floor).toFixed(2),
      },
    };
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else {
      console.log('');
      console.log('| step | floor (bare pg_dump / pg_restore) | PAMS | ratio |');
      console.log('| --- | ---: | ---: | ---: |');
      console.log(`| dump (PAMS: + live checks in its snapshot, sha256) | ${s(report.floor.dumpMs)} | ${s(report.pams.dumpWithChecksMs)} | ${report.ratios.dump}x |`);
      console.log(`| restore (PAMS: + sha256 check, checks on the restore, compare, drop) | ${s(report.floor.restoreMs)} | ${s(report.pams.verifyMs)} | ${report.ratios.verifyVsRestore}x |`);
      console.log(`| backup + verification | ${s(report.floor.totalMs)} | ${s(report.pams.totalMs)} | ${report.ratios.total}x |`);
    }
  } finally {
    await admin.end();
    await orm.close(true);
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
