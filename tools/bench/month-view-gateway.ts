/**
 * The subject of the month-view benchmark: the real gateway (createGateway from @pams/gateway) on
 * the benchmark database, as production runs it (NODE_ENV=production, logs silent), with no
 * migrations run and nothing written. Started by month-view.ts with DATABASE_URL set.
 */
import { reportChildFailure, serveBenchIpc } from './bench-child.js';

async function main(): Promise<void> {
  // Lazily, as tools/seed does (the lint rule on lazy-loaded workspace libraries).
  const [{ createGateway, initOrm, loadGatewayConfig }, { createLogger, statementCount }] = await Promise.all([
    import('@pams/gateway'),
    import('@pams/server-core'),
  ]);
  const config = { ...loadGatewayConfig(), host: '127.0.0.1', port: 0 };
  if (!config.databaseUrl) throw new Error('DATABASE_URL is not set: the bench never starts an embedded database');
  const log = createLogger(config.logLevel);
  const orm = await initOrm(config.databaseUrl, config);
  // The bench reads back the SQL the gateway sends, to hold the floor's statement to the same shape.
  let captured: string[] | null = null;
  const onQuery = orm.config.get('onQuery');
  orm.config.set('onQuery', (sql: string, params: unknown[]) => {
    captured?.push(sql);
    return onQuery(sql, params);
  });
  const gateway = await createGateway({ config, orm, log });
  const url = await gateway.listen(0);
  serveBenchIpc(gateway.server, url, {
    statements: statementCount,
    sql: {
      start: () => {
        captured = [];
      },
      stop: () => {
        const sql = captured ?? [];
        captured = null;
        return sql;
      },
    },
    close: async () => {
      gateway.server.closeAllConnections();
      await gateway.close();
      await orm.close(true);
    },
  });
}

main().catch(reportChildFailure);
