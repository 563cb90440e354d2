import { DataloaderType, defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { EntityClass, EventSubscriber } from '@mikro-orm/core';
import { countStatement } from './statement-counter.js';

export interface OrmOptions {
  clientUrl: string;
  entities: EntityClass<unknown>[];
  subscribers?: EventSubscriber[];
  migrationsPath: string;
  statementTimeoutMs: number;
  poolMax?: number;
  /**
   * Only `migration:create` keeps the snapshot: MikroORM rewrites it from database introspection
   * after every `up`, which would dirty the tree on every start and differ between servers.
   */
  snapshot?: boolean;
}

/**
 * One place that configures MikroORM for the gateway, the tools and the tests.
 * Entities carry explicit types on every decorator (tsx/esbuild emit no decorator metadata),
 * so the reflect-metadata provider only ever reads what we wrote.
 */
export function createOrmConfig(options: OrmOptions): Options {
  return defineConfig({
    clientUrl: options.clientUrl,
    entities: options.entities,
    subscribers: options.subscribers ?? [],
    extensions: [Migrator],
    // Batching of Reference.load()/Collection.load() across one request (STACK.md, "MikroORM").
    dataloader: DataloaderType.ALL,
    forceUtcTimezone: true,
    allowGlobalContext: false,
    discovery: { warnWhenNoEntities: false },
    // Tables owned by libraries rather than entities (created by migrations); graphile-worker's schema
    // is its own (it migrates it): never diffed, never dropped by ours.
    schemaGenerator: { skipTables: ['rate_limit', 'audit_event_archive', 'activity_rollup', 'activity_rollup_region', 'activity_rollup_delta', 'activity_rollup_industry', 'activity_rollup_sales_rep', 'activity_rollup_use_case'], ignoreSchema: ['graphile_worker'] },
    pool: { min: 0, max: options.poolMax ?? 10 },
    // statement_timeout on every pooled connection bounds any one statement of any request.
    driverOptions: { connection: { statement_timeout: options.statementTimeoutMs } },
    onQuery: (sql: string) => {
      countStatement();
      return sql;
    },
    migrations: {
      path: options.migrationsPath,
      pathTs: options.migrationsPath,
      glob: '!(*.d).{js,ts}',
      silent: true,
      transactional: true,
      allOrNothing: true,
      snapshot: options.snapshot ?? false,
      snapshotName: '.snapshot-pams',
      emit: 'ts',
      fileName: (timestamp: string, name?: string) => `Migration${timestamp}${name ? '_' + name : ''}`,
    },
    // Migrations under vitest/tsx: import TS files through the running loader.
    dynamicImportProvider: (id: string) => import(id),
    preferTs: true,
  });
}
