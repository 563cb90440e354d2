import { MikroORM } from '@mikro-orm/postgresql';
import { createOrmConfig, type AppConfig, type Logger } from '@pams/server-core';
import { migrateJobQueue } from '@pams/server-jobs';
import { entities, subscribers } from './modules.js';
import { migrationsPath } from './paths.js';

export function ormConfigFor(clientUrl: string, config: Pick<AppConfig, 'statementTimeoutMs'>, snapshot = false) {
  return createOrmConfig({
    snapshot,
    clientUrl,
    entities,
    subscribers: subscribers(),
    migrationsPath,
    statementTimeoutMs: config.statementTimeoutMs,
  });
}

export function initOrm(clientUrl: string, config: Pick<AppConfig, 'statementTimeoutMs'>, snapshot = false): Promise<MikroORM> {
  return MikroORM.init(ormConfigFor(clientUrl, config, snapshot));
}

/**
 * Brings a database to head: graphile-worker's schema first (our migrations may use it), then ours.
 * Every place that migrates (boot, tools/migrate.ts, the test template, check-generated) calls this.
 */
export async function migrateToHead(orm: MikroORM, clientUrl: string, log: Logger): Promise<string[]> {
  await migrateJobQueue(clientUrl, log);
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}
