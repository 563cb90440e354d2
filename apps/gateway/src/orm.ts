import { MikroORM } from '@mikro-orm/postgresql';
import { createOrmConfig, type AppConfig } from '@pams/server-core';
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
