import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createLogger } from '@pams/server-core';
import { initOrm, loadGatewayConfig, migrationsPath, openDatabase, repoRoot, withDatabase } from '@pams/gateway';
import { ensureChromium } from '../../src/chromium.js';

/**
 * Once per run: a Chromium to drive (installed when possible, else one line saying what to do), the
 * front ends built if their sources changed (the same steps and lock as `npm start`), and a PostgreSQL
 * with a migrated template database that each test file clones (as apps/gateway's tests do; same name,
 * so the two suites share it).
 */
export default async function setup(project: TestProject) {
  ensureChromium((line) => console.log(line));
  await run(process.execPath, ['--import', 'tsx', 'tools/deploy/deploy-cli.ts', 'build']);

  const config = loadGatewayConfig({ ...process.env, PAMS_DATA_DIR: path.join(repoRoot, '.data/test') });
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'warn');
  const database = await openDatabase(config.databaseUrl, config.dataDir, log);
  const files = (await fs.readdir(migrationsPath)).sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update(await fs.readFile(path.join(migrationsPath, file)));
  const template = `pams_tpl_${hash.digest('hex').slice(0, 12)}`;

  const admin = new pg.Client({ connectionString: database.serverUrl });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [template]);
    if (exists.rowCount === 0) {
      const building = `${template}_building_${process.pid}`;
      await admin.query(`create database "${building}"`);
      const orm = await initOrm(withDatabase(database.serverUrl, building), config);
      await orm.getMigrator().up();
      await orm.close(true);
      await admin.query(`alter database "${building}" rename to "${template}"`).catch(async (error: unknown) => {
        await admin.query(`drop database if exists "${building}"`);
        if (!String(error).includes('already exists')) throw error;
      });
    }
  } finally {
    await admin.end();
  }
  project.provide('serverUrl', database.serverUrl);
  project.provide('templateDatabase', template);
  return async () => {
    await database.stop();
  };
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} failed (exit ${code})`))));
  });
}

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string;
    templateDatabase: string;
  }
}
