import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Express } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ACTIVITIES_QUERY_FIELDS, refuse, ServiceLevelTracker, type AppConfig, type RequestContext } from '@pams/server-core';
import type { LiveEventHub } from '@pams/server-events';
import { queueStats } from '@pams/server-jobs';

export const METRICS_PATH = '/metrics';

/** Distinct operation names kept as labels; later ones are counted as `other` (names are the client's to choose). */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

export interface GatewayMetrics {
  registry: Registry;
  /** The service-level objectives of this process (admin Health page), fed by the same plugin. */
  serviceLevels: ServiceLevelTracker;
  /** Counts and times every GraphQL operation by name, type and outcome. */
  apolloPlugin: ApolloServerPlugin<RequestContext>;
  /** Mounts the request counter and `GET /metrics` (P-018). */
  mount(app: Express): void;
}

/**
 * The gateway's Prometheus metrics (prom-client), one registry per gateway: requests, GraphQL operations
 * (count and latency per operation, errors by code), the database pool, the job queue, the live streams
 * this process holds, and Node's own (event loop, heap, GC). `GET /metrics` answers only a scraper that
 * sends `METRICS_TOKEN` as a Bearer token or, when none is set, one on this machine talking to us directly.
 */
export function createGatewayMetrics(deps: { orm: MikroORM; config: AppConfig; hub: () => LiveEventHub | undefined }): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'pams_' });
  const requests = new Counter({ name: 'pams_http_requests_total', help: 'HTTP requests answered, by method and status.', labelNames: ['method', 'status'], registers: [registry] });
  const operations = new Counter({
    name: 'pams_graphql_operations_total',
    help: 'GraphQL operations, by operation name, type and outcome (ok, or the first error code).',
    labelNames: ['operation', 'type', 'outcome'],
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'pams_graphql_operation_duration_seconds',
    help: 'Time from receiving a GraphQL operation to its answer, by operation name and type.',
    labelNames: ['operation', 'type'],
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  new Gauge({
    name: 'pams_db_pool_connections',
    help: 'Database connections of this process, by state (used, free, pending = requests waiting for one).',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const pool = (deps.orm.em.getConnection().getKnex().client as { pool?: TarnPool }).pool;
      if (!pool) return;
      this.set({ state: 'used' }, pool.numUsed());
      this.set({ state: 'free' }, pool.numFree());
      this.set({ state: 'pending' }, pool.numPendingAcquires());
    },
  });
  new Gauge({
    name: 'pams_job_queue_jobs',
    help: 'Background jobs of the queue (all processes), by state: waiting, running, failed.',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const stats = await queueStats(deps.orm.em.fork());
      this.set({ state: 'waiting' }, stats.waiting);
      this.set({ state: 'running' }, stats.running);
      this.set({ state: 'failed' }, stats.failed);
    },
  });
  new Gauge({
    name: 'pams_live_streams',
    help: 'Live event streams (SSE) this process holds open.',
    registers: [registry],
    collect() {
      this.set(deps.hub()?.size ?? 0);
    },
  });

  const serviceLevels = new ServiceLevelTracker(deps.config.slo);
  const names = new Set<string>();
  const label = (name: string | null | undefined): string => {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (names.has(name)) return name;
    if (names.size >= MAX_OPERATION_NAMES) return 'other';
    names.add(name);
    return name;
  };

  const apolloPlugin: ApolloServerPlugin<RequestContext> = {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse(ctx) {
          const operation = label(ctx.operation ? ctx.operationName : ctx.request.operationName);
          const type = ctx.operation?.operation ?? 'unknown';
          const code = ctx.errors?.[0]?.extensions?.code;
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          operations.inc({ operation, type, outcome: ctx.errors?.length ? (typeof code === 'string' ? code : 'ERROR') : 'ok' });
          durations.observe({ operation, type }, seconds);
          // Latency of answered activities reads only: a refusal of bad variables says nothing about it.
          const activitiesQuery =
            type === 'query' && !ctx.errors?.length && (ctx.operation?.selectionSet.selections.some((s) => s.kind === 'Field' && ACTIVITIES_QUERY_FIELDS.has(s.name.value)) ?? false);
          const serverError = (ctx.errors?.length ?? 0) > 0 && (code === undefined || code === 'INTERNAL_SERVER_ERROR');
          serviceLevels.record({ activitiesQuery, durationMs: seconds * 1000, serverError });
        },
      };
    },
  };

  return {
    registry,
    serviceLevels,
    apolloPlugin,
    mount(app) {
      app.use((req, res, next) => {
        res.once('finish', () => requests.inc({ method: req.method, status: String(res.statusCode) }));
        next();
      });
      app.get(METRICS_PATH, async (req, res) => {
        const access = metricsAccess(req, deps.config.metricsToken);
        if (access === 'no-token') {
          res.setHeader('WWW-Authenticate', 'Bearer');
          refuse(res, 401, 'UNAUTHENTICATED', 'Send the metrics token: Authorization: Bearer <METRICS_TOKEN>.');
          return;
        }
        if (access === 'not-local') {
          refuse(res, 403, 'FORBIDDEN', 'Metrics are served to this machine only; set METRICS_TOKEN to scrape from elsewhere.');
          return;
        }
        res.setHeader('Content-Type', registry.contentType);
        res.setHeader('Cache-Control', 'no-store');
        res.end(await registry.metrics());
      });
    },
  };
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** With a token: the request must carry it. Without: a loopback peer, not relayed by a proxy. */
function metricsAccess(req: IncomingMessage, token: string | undefined): 'ok' | 'no-token' | 'not-local' {
  if (token) {
    const sent = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    return sent !== undefined && timingSafeEqual(digest(sent), digest(token)) ? 'ok' : 'no-token';
  }
  const peer = req.socket.remoteAddress ?? '';
  const loopback = peer === '127.0.0.1' || peer === '::1' || peer === '::ffff:127.0.0.1';
  return loopback && req.headers['x-forwarded-for'] === undefined && req.headers.forwarded === undefined ? 'ok' : 'not-local';
}
