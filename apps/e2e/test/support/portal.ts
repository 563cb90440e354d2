import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { createGateway, initOrm, loadGatewayConfig, withDatabase, type Gateway } from '@pams/gateway';
import { createLogger } from '@pams/server-core';
import { DEPLOY_LAYOUT } from '@pams/shared-remote-contract';
import { launchChromium } from '../../src/chromium.js';
import { deployCli } from './deploy.js';
import { createPeople, type People } from './fixtures.js';

export interface Portal {
  /** http://127.0.0.1:<port>: the shell, its remotes, /remotes.json and /graphql on one origin. */
  url: string;
  orm: MikroORM;
  /** This portal's own deploy folder (tools/deploy writes it, the gateway serves it). */
  deployDir: string;
  gateway: Gateway;
  close(): Promise<void>;
}

/**
 * The real gateway over real HTTP on 127.0.0.1, on its own database cloned from the migrated template,
 * serving the front ends that global setup built, deployed by tools/deploy into a folder of its own.
 */
export async function startPortal(): Promise<Portal> {
  const serverUrl = inject('serverUrl');
  const database = `pams_e2e_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `create database "${database}" template "${inject('templateDatabase')}"`);
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pams-e2e-'));
  const cleanUp = async () => {
    await adminQuery(serverUrl, `drop database if exists "${database}" with (force)`);
    await fs.rm(dataDir, { recursive: true, force: true });
  };
  try {
    const deployDir = path.join(dataDir, DEPLOY_LAYOUT.dir);
    await deployCli(['all', '--no-build', '--deploy-dir', deployDir]);
    const config = loadGatewayConfig({
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      PAMS_DATA_DIR: dataDir,
      RATE_SIGNIN_PER_IP: '1000',
    });
    const orm = await initOrm(withDatabase(serverUrl, database), config);
    const gateway = await createGateway({ config, orm, log: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent') });
    const url = await gateway.listen(0);
    return {
      url,
      orm,
      deployDir,
      gateway,
      async close() {
        await gateway.close();
        await orm.close(true);
        await cleanUp();
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

export interface PortalWithBrowser {
  readonly portal: Portal;
  readonly browser: Browser;
  readonly people: People;
}

/**
 * For a describe block: before all its tests a portal, a Chromium and the people of the tests; after them
 * both closed. Register it before the block's own beforeAll, which then sees all three.
 */
export function usePortalWithBrowser(): PortalWithBrowser {
  let portal: Portal | undefined;
  let browser: Browser | undefined;
  let people: People | undefined;
  beforeAll(async () => {
    [portal, browser] = await Promise.all([startPortal(), launchChromium()]);
    people = await createPeople(portal.orm);
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });
  return {
    get portal() {
      return portal!;
    },
    get browser() {
      return browser!;
    },
    get people() {
      return people!;
    },
  };
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
