import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger, runInScope, type AppConfig, type Logger } from '@pams/server-core';
import { startJobRunner, type JobRunner } from '@pams/server-jobs';
import { AuditEventListener } from '@pams/server-audit';
import { openDatabase, type Database } from './database.js';
import { schedules, tasks } from './modules.js';
import { initOrm, migrateToHead } from './orm.js';
import { createGateway, type Gateway } from './server.js';

export interface BootOptions {
  config: AppConfig;
  log?: Logger;
  /** Runs after migrations, before the port opens (the dev start seeds the demo organisation here). */
  beforeListen?: (orm: MikroORM, log: Logger) => Promise<void>;
  /** Extra routes (static front ends) mounted before the gateway's 404s. */
  mount?: (gateway: Gateway) => void;
}

export interface Running {
  url: string;
  orm: MikroORM;
  database: Database;
  gateway: Gateway;
  /** Hears committed audit events (NOTIFY after commit); the live stream subscribes here. */
  auditEvents: AuditEventListener;
  jobs: JobRunner;
  stop(): Promise<void>;
}

/** Database (embedded or DATABASE_URL) → migrations → optional seed → HTTP. Stops cleanly on SIGINT/SIGTERM. */
export async function bootGateway(options: BootOptions): Promise<Running> {
  const { config } = options;
  const log = options.log ?? createLogger(config.logLevel);
  const database = await openDatabase(config.databaseUrl, config.dataDir, log);
  let orm: MikroORM | undefined;
  try {
    orm = await initOrm(database.url, config);
    const applied = await migrateToHead(orm, database.url, log);
    if (applied.length > 0) log.info({ applied }, 'migrations applied');
    if (options.beforeListen) {
      const ready = orm;
      await runInScope({ requestId: 'boot', actorId: null, actorKind: 'system' }, () => options.beforeListen!(ready, log));
    }
    // Connects on its first subscriber (live events): nothing listens yet, so boot opens no connection for it.
    const auditEvents = new AuditEventListener({ connectionString: database.url, log });
    const gateway = await createGateway({ config, orm, log, auditEvents });
    options.mount?.(gateway);
    const url = await gateway.listen(config.port);
    // Runs every module's tasks (mail.send, …) from the PostgreSQL job queue (libs/server/jobs).
    const jobs = await startJobRunner({ connectionString: database.url, orm, config, log, tasks: tasks(), crontab: schedules() });
    let stopping: Promise<void> | undefined;
    const running: Running = {
      url,
      orm,
      database,
      gateway,
      auditEvents,
      jobs,
      stop() {
        const current = orm!;
        stopping ??= (async () => {
          // Waits for the jobs that are running; they still need the ORM.
          await jobs.stop();
          await gateway.close();
          await auditEvents.stop();
          await current.close(true);
          await database.stop();
        })();
        return stopping;
      },
    };
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        log.info({ signal }, 'stopping');
        running.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            log.error({ err: error }, 'unclean stop');
            process.exit(1);
          },
        );
      });
    }
    return running;
  } catch (error) {
    await orm?.close(true).catch(() => undefined);
    await database.stop().catch(() => undefined);
    throw error;
  }
}
