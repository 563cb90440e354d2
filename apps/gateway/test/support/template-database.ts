import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createLogger } from '@pams/server-core';
import { initOrm, loadGatewayConfig, migrateToHead, migrationsPath, openDatabase, repoRoot, withDatabase } from '@pams/gateway';

/**
 * The test PostgreSQL of a run, shared by the gateway's API tests and the browser tests (apps/e2e imports
 * it as `@pams/gateway/test-support`): DATABASE_URL, else an embedded server under .data/test, and one
 * template database migrated to head. Each test file clones the template (test-database.ts,
 * apps/e2e/test/support/portal.ts), so files run in parallel on their own data and never see each
 * other's rows. The template is named after the migrations, so both suites and later runs reuse it.
 */
export interface TestDatabaseServer {
  /** A database on the server to connect to for creating others. */
  serverUrl: string;
  /** The migrated template each test file clones. */
  templateDatabase: string;
  stop(): Promise<void>;
}

export async function openTestDatabaseServer(): Promise<TestDatabaseServer> {
  const config = loadGatewayConfig({ ...process.env, PAMS_DATA_DIR: path.join(repoRoot, '.data/test') });
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'warn');
  const database = await openDatabase(config.databaseUrl, config.dataDir, log);
  const files = (await fs.readdir(migrationsPath)).sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update(await fs.readFile(path.join(migrationsPath, file)));
  // graphile-worker's schema is in the template too: a new version of it makes a new template.
  hash.update(await fs.readFile(path.join(repoRoot, 'node_modules/graphile-worker/package.json')));
  const template = `pams_tpl_${hash.digest('hex').slice(0, 12)}`;

  const admin = new pg.Client({ connectionString: database.serverUrl });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [template]);
    if (exists.rowCount === 0) {
      const building = `${template}_building_${process.pid}`;
      await admin.query(`create database "${building}"`);
      const buildingUrl = withDatabase(database.serverUrl, building);
      const orm = await initOrm(buildingUrl, config);
      await migrateToHead(orm, buildingUrl, log);
      await orm.close(true);
      await admin.query(`alter database "${building}" rename to "${template}"`).catch(async (error: unknown) => {
        // Another run (or the other suite) built it first.
        await admin.query(`drop database if exists "${building}"`);
        if (!String(error).includes('already exists')) throw error;
      });
    }
  } finally {
    await admin.end();
  }
  return { serverUrl: database.serverUrl, templateDatabase: template, stop: () => database.stop() };
}

/** The body of a vitest global setup: provides `serverUrl` and `templateDatabase` to the tests; returns the teardown. */
export async function provideTestDatabase(project: TestProject): Promise<() => Promise<void>> {
  const server = await openTestDatabaseServer();
  project.provide('serverUrl', server.serverUrl);
  project.provide('templateDatabase', server.templateDatabase);
  return () => server.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string;
    templateDatabase: string;
  }
}
