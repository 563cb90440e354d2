import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import express, { type Express, type Request, type Response } from 'express';
import { getOperationAST, parse, type GraphQLSchema } from 'graphql';
import { createHandler, type OperationContext } from 'graphql-sse';
import {
  createRequestContext,
  inRequestScope,
  readCredentials,
  refuse,
  signedInOrRefused,
  type AppConfig,
  type Authenticator,
  type Logger,
} from '@pams/server-core';
import type { LiveEventHub } from './live-event-hub.js';
import type { LiveConnection } from './live-connection.js';
import type { LiveStreamContext } from './live-event.resolver.js';

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
  // graphql-sse wants an index-signature record; the resolver reads it back as LiveStreamContext.
  const handler = createHandler<Request, { ctx: LiveStreamContext }, OperationContext>({
    schema: deps.schema,
    context: (req) => req.context.ctx as unknown as Record<PropertyKey, unknown>,
    onSubscribe: (_req, params) => {
      let operation: string | undefined;
      try {
        operation = getOperationAST(parse(params.query), params.operationName)?.operation;
      } catch {
        return; // graphql-sse answers the syntax error itself
      }
      if (operation && operation !== 'subscription') {
        return [
          JSON.stringify({ errors: [{ message: 'Only subscriptions are served here; send queries and mutations to /graphql.' }] }),
          { status: 400, statusText: 'Bad Request', headers: { 'content-type': 'application/json; charset=utf-8' } },
        ];
      }
      return;
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
    const em = deps.orm.em.fork();
    const viewer = await signedInOrRefused({ authenticator: deps.authenticator, em: () => em }, req, res);
    if (!viewer) return;
    const sessionHandle = viewer.via === 'session' ? await sessionHandleOf(em, viewer.credentialId) : null;
    // pino-http (mounted by the gateway) has given the request its id and logger.
    const logged = req as Request & { id?: unknown; log?: Logger };
    const base = createRequestContext(deps, req, res, String(logged.id ?? ''), logged.log ?? deps.hub.log);
    let connection: LiveConnection | undefined;
    const lastEventId = req.headers['last-event-id'];
    const ctx: LiveStreamContext = {
      ...base,
      viewer: () => Promise.resolve(viewer),
      liveStream: {
        hub: deps.hub,
        viewer: { id: viewer.id, role: viewer.role, sessionHandle, tokenId: viewer.via === 'token' ? viewer.credentialId : null },
        lastEventId: typeof lastEventId === 'string' && lastEventId.trim() !== '' ? lastEventId.trim() : null,
        connected(opened) {
          connection = opened;
          opened.onEnded = () => setTimeout(() => res.destroy(), END_GRACE_MS).unref();
          // A revocation that committed between sign-in check and registration is not in the stream's future.
          void deps.authenticator.authenticate(deps.orm.em.fork(), readCredentials(req), req).then(
            (still) => (still ? undefined : opened.end()),
            () => opened.end(),
          );
        },
      },
    };

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
