import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { getOperationAST, type GraphQLSchema } from 'graphql';
import { createHandler, type OperationContext } from 'graphql-sse';
import {
  createRequestContext,
  inRequestScope,
  readCredentials,
  refuse,
  requestIdOf,
  signedInOrRefused,
  type AppConfig,
  type Authenticator,
  type Logger,
  type Viewer,
} from '@pams/server-core';
import type { LiveEventHub } from './live-event-hub.js';
import type { LiveConnection } from './live-connection.js';
import type { LiveStreamContext } from './live-event.resolver.js';
import { sharedSubscribe, SubscriptionDocuments, type ShareableContext } from './shared-subscription.js';

/** Where the stream is served: before Apollo's `/graphql` mount, which would otherwise take it. */
export const LIVE_EVENTS_PATH = '/graphql/stream';

export interface LiveEventRouteDeps {
  orm: MikroORM;
  config: AppConfig;
  authenticator: Authenticator;
  schema: GraphQLSchema;
  hub: LiveEventHub;
}

/** A server-ended stream whose client stopped reading cannot flush its `complete`: cut it after this. */
const END_GRACE_MS = 5_000;

/**
 * GraphQL subscriptions over server-sent events (graphql-sse, distinct connections mode: one
 * `GET`/`POST` with `Accept: text/event-stream` per subscription). Authenticated as GraphQL is
 * (cookie session or Bearer); only subscriptions are served here. Our adapter (instead of
 * graphql-sse's express one) writes each message's stream position as its SSE `id:`, so a browser's
 * EventSource resumes with Last-Event-ID by itself, and tells the connection when the socket took
 * a message, which is what bounds its queue for a slow client.
 */
export function mountLiveEventRoutes(app: Express, deps: LiveEventRouteDeps): void {
  const documents = new SubscriptionDocuments();
  // graphql-sse wants an index-signature record; the resolver reads it back as LiveStreamContext.
  const handler = createHandler<Request, { ctx: LiveStreamContext }, OperationContext>({
    schema: deps.schema,
    validate: (schema, document) => documents.validate(schema, document),
    subscribe: sharedSubscribe(documents),
    onSubscribe: (req, params) => {
      const document = documents.document(params.query);
      if (!document) return; // graphql-sse answers the syntax error itself
      const operation = getOperationAST(document, params.operationName)?.operation;
      if (operation && operation !== 'subscription') {
        return [
          JSON.stringify({ errors: [{ message: 'Only subscriptions are served here; send queries and mutations to /graphql.' }] }),
          { status: 400, statusText: 'Bad Request', headers: { 'content-type': 'application/json; charset=utf-8' } },
        ];
      }
      return {
        schema: deps.schema,
        document,
        operationName: params.operationName,
        variableValues: params.variables,
        contextValue: req.context.ctx as unknown as Record<PropertyKey, unknown>,
      };
    },
  });

  app.use(LIVE_EVENTS_PATH, express.json({ limit: deps.config.bodyLimit }), (req, res, next) => {
    inRequestScope(req, () => serve(req, res)).catch(next);
  });

  async function serve(req: Request, res: Response): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.set('Allow', 'GET, POST');
      refuse(res, 405, 'METHOD_NOT_ALLOWED', 'Open the stream with GET or POST.');
      return;
    }
    if (req.headers.accept !== 'text/event-stream') {
      refuse(res, 406, 'NOT_ACCEPTABLE', 'Open the stream with Accept: text/event-stream.');
      return;
    }
    const signedIn = await signIn(req, res);
    if (!signedIn) return;
    const { viewer, sessionHandle } = signedIn;
    // logLiveStream (mounted by the gateway) has given the request its id and logger.
    const logged = req as Request & { id?: unknown; log?: Logger };
    // Extended in place: its EntityManager is forked only if something reads it, and a stream's resolvers do not.
    const base = createRequestContext(deps, req, res, String(logged.id ?? ''), logged.log ?? deps.hub.log);
    let connection: LiveConnection | undefined;
    const lastEventId = req.headers['last-event-id'];
    const ctx: LiveStreamContext & ShareableContext = Object.assign(base, {
      viewer: () => Promise.resolve(viewer),
      // Everything the auth checker reads: streams with equal keys share each event's execution.
      shareKey: `${viewer.role}:${viewer.mustChangePassword ? 'must-change-password' : 'ok'}`,
      liveStream: {
        hub: deps.hub,
        viewer: { id: viewer.id, role: viewer.role, sessionHandle, tokenId: viewer.via === 'token' ? viewer.credentialId : null },
        lastEventId: typeof lastEventId === 'string' && lastEventId.trim() !== '' ? lastEventId.trim() : null,
        connected(opened: LiveConnection) {
          connection = opened;
          opened.onEnded = () => setTimeout(() => res.destroy(), END_GRACE_MS).unref();
          // A revocation that committed between sign-in check and registration is not in the stream's future.
          void deps.authenticator.authenticate(deps.orm.em.fork(), readCredentials(req), req).then(
            (still) => (still ? undefined : opened.end()),
            () => opened.end(),
          );
        },
      },
    });

    const [body, init] = await handler({
      method: req.method,
      url: req.originalUrl,
      headers: {
        get(key: string) {
          const header = req.headers[key];
          return Array.isArray(header) ? header.join('\n') : header;
        },
      },
      body: () => Promise.resolve(req.body ?? ''),
      raw: req,
      context: { ctx },
    });
    res.writeHead(init.status, init.statusText, { ...init.headers, 'x-accel-buffering': 'no' });
    if (!body || typeof body === 'string') {
      res.end(body ?? undefined);
      return;
    }
    const stop = () => void body.return(undefined);
    res.once('close', stop);
    for await (const message of body) {
      const isNext = message.startsWith('event: next');
      const id = isNext ? connection?.ids.shift() : undefined;
      const written = await write(res, id ? `id: ${id}\n${message}` : message);
      if (isNext) connection?.acknowledgeWrite();
      if (!written) break;
    }
    res.off('close', stop);
    if (!res.writableEnded) res.end();
  }

  /** Outside `serve` so its closure, which lives as long as the stream, holds no more than the viewer. */
  async function signIn(req: Request, res: Response): Promise<{ viewer: Viewer; sessionHandle: string | null } | null> {
    const em = deps.orm.em.fork();
    const viewer = await signedInOrRefused({ authenticator: deps.authenticator, em: () => em }, req, res);
    if (!viewer) return null;
    const sessionHandle = viewer.via === 'session' ? await sessionHandleOf(em, viewer.credentialId) : null;
    return { viewer, sessionHandle };
  }
}

/**
 * The stream's request logging, in place of pino-http's (whose per-request logger carries the whole
 * serialized request for the stream's lifetime): the request id (taken from X-Request-Id as for every
 * request), a logger bound to it alone, and one line when the stream closes.
 */
export function logLiveStream(log: Logger, req: Request, res: Response, next: NextFunction): void {
  const id = requestIdOf(req);
  res.setHeader('X-Request-Id', id);
  const logged = req as Request & { id?: unknown; log?: Logger };
  logged.id = id;
  logged.log = log.child({ requestId: id });
  const started = Date.now();
  res.once('close', () => {
    logged.log?.info({ method: req.method, path: LIVE_EVENTS_PATH, statusCode: res.statusCode, responseTime: Date.now() - started }, 'live stream closed');
  });
  next();
}

/** Resolves once the socket took the chunk (false when the client is gone). */
function write(res: Response, chunk: string): Promise<boolean> {
  return new Promise((resolve) => {
    if (!res.writable || res.destroyed) {
      resolve(false);
      return;
    }
    res.write(chunk, (error) => resolve(!error));
  });
}

async function sessionHandleOf(em: EntityManager, sessionId: string): Promise<string | null> {
  const rows = await em.getConnection().execute<{ handle: string }[]>('select handle from user_session where id = ?', [sessionId]);
  return rows[0]?.handle ?? null;
}
