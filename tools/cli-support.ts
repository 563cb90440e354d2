import { initOrm, loadGatewayConfig, openDatabase } from '@pams/gateway';
import { createLogger } from '@pams/server-core';
import type { MikroORM } from '@mikro-orm/postgresql';

/** Opens the configured database (DATABASE_URL or the embedded server) and the ORM for a tool. */
export async function withOrm<T>(fn: (orm: MikroORM) => Promise<T>, snapshot = false): Promise<T> {
  const config = loadGatewayConfig();
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const db = await openDatabase(config.databaseUrl, config.dataDir, log);
  const orm = await initOrm(db.url, config, snapshot);
  try {
    return await fn(orm);
  } finally {
    await orm.close(true);
    await db.stop();
  }
}
