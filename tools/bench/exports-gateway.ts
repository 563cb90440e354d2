/**
 * The subject of the exports benchmark: the real gateway (createGateway from @pams/gateway) on the
 * benchmark database, as production runs it (NODE_ENV=production, logs silent), no migrations run.
 * With BENCH_EXPORT_JOBS=1 it also runs the job queue with the one task a background export needs
 * (`exports.write`, no recurring jobs), in this process, as `npm start` does: its memory is the gateway's.
 * Started by exports.ts with DATABASE_URL and PAMS_DATA_DIR (where job files go) set.
 */
import { reportChildFailure, serveBenchIpc } from './bench-child.js';

const EXPORT_WRITE_TASK = 'exports.write';

async function main(): Promise<void> {
  // Lazily, as tools/seed does (the lint rule on lazy-loaded workspace libraries).
  const [{ createGateway, initOrm, loadGatewayConfig, tasks }, { createLogger, statementCount }, { startJobRunner }] = await Promise.all([
    import('@pams/gateway'),
    import('@pams/server-core'),
    import('@pams/server-jobs'),
  ]);
  const config = { ...loadGatewayConfig(), host: '127.0.0.1', port: 0 };
  if (!config.databaseUrl) throw new Error('DATABASE_URL is not set: the bench never starts an embedded database');
  const log = createLogger(config.logLevel);
  const orm = await initOrm(config.databaseUrl, config);
  const gateway = await createGateway({ config, orm, log });
  const url = await gateway.listen(0);
  let jobs: { stop(): Promise<void> } | undefined;
  if (process.env.BENCH_EXPORT_JOBS === '1') {
    const task = tasks()[EXPORT_WRITE_TASK];
    if (!task) throw new Error(`the gateway has no "${EXPORT_WRITE_TASK}" task`);
    jobs = await startJobRunner({ connectionString: config.databaseUrl, orm, config, log, tasks: { [EXPORT_WRITE_TASK]: task }, crontab: '', concurrency: 1 });
  }
  serveBenchIpc(gateway.server, url, {
    statements: statementCount,
    close: async () => {
      await jobs?.stop();
      gateway.server.closeAllConnections();
      await gateway.close();
      await orm.close(true);
    },
  });
}

main().catch(reportChildFailure);
