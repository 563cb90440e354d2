import { runMigrations } from 'graphile-worker';
import type { Logger } from '@pams/server-core';
import { workerLogger } from './worker-logger.js';

/**
 * Installs or upgrades graphile-worker's schema (`graphile_worker`); runs wherever our MikroORM
 * migrations run, before them (apps/gateway `migrateToHead`).
 */
export async function migrateJobQueue(connectionString: string, log: Logger): Promise<void> {
  await runMigrations({ connectionString, maxPoolSize: 1, logger: workerLogger(log) });
}
