import 'reflect-metadata';
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { MikroORM } from '@mikro-orm/postgresql';
import express, { type ErrorRequestHandler, type Request } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import {
  createRequestContext,
  currentScope,
  formatError,
  requestIdOf,
  runInScope,
  type AppConfig,
  type Authenticator,
  type RequestContext,
} from '@pams/server-core';
import { IdentityAuthenticator } from '@pams/server-identity';
import { mountMonthlyReportRoutes, mountOutcomeImportRoutes } from '@pams/server-reports';
import { mountCalendarRoutes, mountExportRoutes } from '@pams/server-exports';
import { mountAttachmentRoutes } from '@pams/server-attachments';
import { mountLegacyImportRoutes } from '@pams/server-legacy-import';
import { AuditEventListener } from '@pams/server-audit';
import { createLiveEventsHandler, isLiveEventsRequest, LiveEventHub } from '@pams/server-events';
import { createGatewayMetrics, METRICS_PATH } from './metrics.js';
import { onUserAccessEnded } from '@pams/server-admin';
import { armorProtection, operationPolicy, parseLimits } from './graphql-limits.js';
import { mountExplorer } from './explorer.js';
import { jitGateway } from './jit-executor.js';
import { gatewaySchema } from './schema.js';
import { deployDirOf, mountStaticApps } from './static-apps.js';

export interface GatewayDeps {
  config: AppConfig;
  orm: MikroORM;
  log: Logger;
  authenticator?: Authenticator;
  /** The process's after-commit audit listener (boot's); without one the gateway opens and stops its own. */
  auditEvents?: AuditEventListener;
}

export interface Gateway {
  app: express.Express;
  server: http.Server;
  /** The live event stream of this process (SSE at /graphql/stream). */
  liveEvents: LiveEventHub;
  /** Listens on config.host:port (0 picks a free port) and resolves with the bound URL. */
  listen(port?: number): Promise<string>;
  close(): Promise<void>;
}

/** Builds the HTTP app: health endpoints, GraphQL at /graphql. Start-up concerns live in main.ts. */
export async function createGateway(deps: GatewayDeps): Promise<Gateway> {
  const { config, orm, log } = deps;
  const authenticator = deps.authenticator ?? new IdentityAuthenticator(config);
  const app = express();
  // The live stream is served in front of Express (createLiveEventsHandler says why); set once the hub exists.
  const live: { handle?: (req: http.IncomingMessage, res: http.ServerResponse) => void; hub?: LiveEventHub } = {};
  const server = http.createServer((req, res) => (live.handle && isLiveEventsRequest(req.url) ? live.handle(req, res) : app(req, res)));
  // Idle keep-alive sockets stay open a minute (Node's default is 5 s): longer than the idle timeouts
  // of the proxies in front of us (60 s), so a proxy or browser reusing a socket never races its
  // close and sees a reset. headersTimeout must exceed it.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  app.disable('x-powered-by');
  // No ETag on GraphQL answers: hashing each large answer cost more than revalidation saves
  // (docs/benchmarks.md); static files keep theirs through express.static.
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);

  app.use(
    pinoHttp({
      logger: log,
      genReqId: (req, res) => {
        const id = requestIdOf(req as Request);
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customAttributeKeys: { reqId: 'requestId' },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === METRICS_PATH },
    }),
  );
  // Created before the hub exists (the Apollo plugin needs it): the live-streams gauge reads `live.hub` when scraped.
  const metrics = createGatewayMetrics({ orm, config, hub: () => live.hub });
  metrics.mount(app);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  const migrator = orm.getMigrator();
  app.get('/readyz', async (req, res) => {
    try {
      await orm.em.getConnection().execute('select 1');
      const pending = await migrator.getPendingMigrations();
      if (pending.length > 0) {
        res.status(503).json({ status: 'migrations pending', pending: pending.map((m) => m.name) });
        return;
      }
      res.json({ status: 'ready' });
    } catch (error) {
      req.log.error({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'database unreachable', requestId: req.id });
    }
  });

  // Before Apollo: a browser's GET /graphql gets the explorer (or a 404 in production).
  mountExplorer(app, { config, orm, authenticator });

  const armor = armorProtection(config);
  const schema = await gatewaySchema();
  const apollo = new ApolloServer<RequestContext>({
    // graphql-jit executes (docs/adr/0005); Apollo still parses, validates and runs the plugins.
    ...(config.graphql.executor === 'jit' ? { gateway: jitGateway(schema) } : { schema }),
    csrfPrevention: true,
    // boot.ts owns shutdown (mail, listener, ORM, embedded database); Apollo must not exit first.
    stopOnTerminationSignals: false,
    introspection: !config.production,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    validationRules: armor.validationRules,
    parseOptions: parseLimits(config),
    // No per-field plugins: cache control, usage reporting and inline tracing wrap every field.
    plugins: [
      ...(armor.plugins as never[]),
      operationPolicy(config),
      metrics.apolloPlugin,
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
    ],
    formatError: (formatted, error) => formatError(formatted, error, currentScope()?.requestId, log),
  });
  await apollo.start();

  const ownListener = deps.auditEvents ? undefined : new AuditEventListener({ connectionString: orm.config.getClientUrl(), log });
  const liveEvents = new LiveEventHub({ orm, listener: deps.auditEvents ?? ownListener!, log, config: config.liveEvents });
  live.hub = liveEvents;
  live.handle = createLiveEventsHandler({ orm, config, authenticator, schema, hub: liveEvents, log, app });
  // An admin command that ended a user's access ends their streams on this process at once (after commit).
  const stopEndingStreams = onUserAccessEnded((userId) => liveEvents.endStreamsOf(userId));

  app.use(
    '/graphql',
    express.json({ limit: config.bodyLimit }),
    (req, _res, next) => runInScope({ requestId: String(req.id), actorId: null, actorKind: 'anonymous' }, next),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => createRequestContext({ orm, config, authenticator, serviceLevels: metrics.serviceLevels }, req, res, String(req.id), req.log),
    }),
  );

  mountMonthlyReportRoutes(app, { orm, authenticator });
  mountOutcomeImportRoutes(app, { orm, authenticator });
  mountExportRoutes(app, { orm, config, authenticator });
  mountCalendarRoutes(app, { orm, config, authenticator });
  mountAttachmentRoutes(app, { orm, config, authenticator });
  mountLegacyImportRoutes(app, { orm, config, authenticator });
  mountStaticApps(app, deployDirOf(config));

  const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
    const status = typeof error?.status === 'number' ? error.status : 500;
    if (status >= 500) req.log.error({ err: error }, 'unhandled request error');
    res.status(status).json({
      errors: [
        {
          message: status === 413 ? 'Request body too large.' : status < 500 ? 'Bad request.' : 'Internal server error',
          extensions: { code: status === 413 ? 'PAYLOAD_TOO_LARGE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR', requestId: req.id },
        },
      ],
    });
  };
  app.use(errorHandler);

  return {
    app,
    server,
    liveEvents,
    listen(port = config.port) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, config.host, () => {
          const address = server.address();
          const bound = typeof address === 'object' && address ? address.port : port;
          resolve(`http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${bound}`);
        });
      });
    },
    async close() {
      // Open streams would hold server.close() forever: end them first.
      stopEndingStreams();
      await liveEvents.close();
      await ownListener?.stop();
      await apollo.stop();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
