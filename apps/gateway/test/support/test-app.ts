import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { createLogger, type AppConfig } from '@pams/server-core';
import { createGateway, initOrm, loadGatewayConfig, type Gateway } from '@pams/gateway';
import { cloneTestDatabase } from './test-database.js';
import { GraphqlClient } from './graphql-client.js';

export interface TestApp {
  url: string;
  orm: MikroORM;
  config: AppConfig;
  gateway: Gateway;
  /** The cloned database (a job runner can be started on it). */
  databaseUrl: string;
  /** A client with its own cookie jar (one browser). */
  client(): GraphqlClient;
  close(): Promise<void>;
}

/**
 * The real gateway over real HTTP on 127.0.0.1, on its own cloned database.
 * `env` overrides configuration (e.g. lower rate limits) for one test file; `log` lets a test read what
 * the gateway logs.
 */
export async function startTestApp(env: Record<string, string> = {}, log?: Logger): Promise<TestApp> {
  const db = await cloneTestDatabase();
  const config = loadGatewayConfig({ ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', ...env });
  const orm = await initOrm(db.url, config);
  const gateway = await createGateway({ config, orm, log: log ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent') });
  const url = await gateway.listen(0);
  return {
    url,
    orm,
    config,
    gateway,
    databaseUrl: db.url,
    client: () => new GraphqlClient(url),
    async close() {
      await gateway.close();
      await orm.close(true);
      await db.drop();
    },
  };
}
