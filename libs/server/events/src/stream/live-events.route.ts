import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import express, { type Express, type Request, type Response } from 'express';
import { createSourceEventStream, getOperationAST, GraphQLError, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { createHandler, type OperationContext } from 'graphql-sse';
import {
  createRequestContext,
  readCredentials,
  refuse,
  requestIdOf,
  runInScope,
  signedInOrRefused,
  type AppConfig,
  type Authenticator,
  type Logger,
  type Viewer,
} from '@pams/server-core';
import type { LiveEventHub } from './live-event-hub.js';
import { LiveConnection } from './live-connection.js';
import type { LiveStreamContext } from './live-event.resolver.js';
import { COMPLETE_FRAME, LiveFrames, SubscriptionDocuments, type ShareableContext } from './shared-subscription.js';

/** Where the stream is served (by the HTTP server itself, in front of Express: see `createLiveEventsHandler`). */
export const LIVE_EVENTS_PATH = '/graphql/stream';

/** Whether a request's URL is the live stream's (`/graphql/stream`, with or without a query or a trailing slash). */
export function isLiveEventsRequest(url: string | undefined): boolean {
  if (!url?.startsWith(LIVE_EVENTS_PATH)) return false;
  const next = url.charAt(LIVE_EVENTS_PATH.length);
  return next === '' || next === '?' || (next === '/' && (url.length === LIVE_EVENTS_PATH.length + 1 || url.charAt(LIVE_EVENTS_PATH.length + 1) === '?'));
}

export interface LiveEventRouteDeps {
  orm: MikroORM;
  config: AppConfig;
  authenticator: Authenticator;
  schema: GraphQLSchema;
  hub: LiveEventHub;
  log: Logger;
  /** The gateway's Express app: its request prototype answers `secure` and `ip` under the app's trust proxy. */
  app: Express;
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
export function createLiveEventsHandler(deps: LiveEventRouteDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const documents = new SubscriptionDocuments();
  const frames = new LiveFrames(documents);
  // graphql-sse wants an index-signature record; the resolver reads it back as LiveStreamContext.
  const handler = createHandler<Request, { ctx: LiveStreamContext }, OperationContext>({
    schema: deps.schema,
    validate: (schema, document) => documents.validate(schema, document),
    // graphql-sse reads the request, answers its mistakes and runs the subscription's `subscribe`; a
    // stream that opened is then served by `serveLive` (one frame per message and shape, no per-stream
    // iteration), so graphql-sse is handed a result that is already complete.
    subscribe: async (args) => {
      const source = await createSourceEventStream(args);
      if (!(source instanceof LiveConnection)) {
        return isAsyncIterable(source) ? { errors: [new GraphQLError('This route serves the liveEvents subscription only.')] } : source;
      }
      const live = (args.contextValue as unknown as LiveStreamContext).liveStream!;
      live.opened = { connection: source, args };
      return NOTHING_MORE;
    },
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

  const parseJson = express.json({ limit: deps.config.bodyLimit });

  /**
   * In front of Express (the gateway's HTTP server hands these requests here): an open stream then
   * holds node's request and response only — Express's own per-request objects and pino-http's
   * request-bound logger would cost several KiB more per stream (docs/benchmarks.md). During the
   * handshake, code that reads an Express request (credentials, `secure`, `ip`) gets `expressView`.
   */
  return (raw, res) => {
    const requestId = requestIdOf(raw as Request);
    res.setHeader('X-Request-Id', requestId);
    const log = deps.log.child({ requestId });
    const started = Date.now();
    res.once('close', () => {
      log.info({ method: raw.method, path: LIVE_EVENTS_PATH, statusCode: res.statusCode, responseTime: Date.now() - started }, 'live stream closed');
    });
    runInScope({ requestId, actorId: null, actorKind: 'anonymous' }, () => serve(raw, res, requestId, log)).catch((error: unknown) => {
      log.error({ err: error }, 'live stream request failed');
      if (!res.headersSent) refuse(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      else res.destroy();
    });
  };

  async function serve(raw: IncomingMessage, res: ServerResponse, requestId: string, log: Logger): Promise<void> {
    const req = expressView(deps.app, raw);
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.setHeader('Allow', 'GET, POST');
      refuse(res, 405, 'METHOD_NOT_ALLOWED', 'Open the stream with GET or POST.');
      return;
    }
    if (req.headers.accept !== 'text/event-stream') {
      refuse(res, 406, 'NOT_ACCEPTABLE', 'Open the stream with Accept: text/event-stream.');
      return;
    }
    if (req.method === 'POST') {
      const failure = await new Promise<{ status?: number } | undefined>((resolve) => parseJson(raw as Request, res as Response, resolve));
      if (failure) {
        const status = typeof failure.status === 'number' && failure.status < 500 ? failure.status : 400;
        refuse(res, status, status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', status === 413 ? 'Request body too large.' : 'Bad request.');
        return;
      }
    }
    const signedIn = await signIn(req, res);
    if (!signedIn) return;
    const { viewer, sessionHandle } = signedIn;
    // Extended in place: its EntityManager is forked only if something reads it, and a stream's resolvers do not.
    // (Its `res` is node's response: nothing a stream runs calls Express's response methods.)
    const base = createRequestContext(deps, req, res as Response, requestId, log);
    const lastEventId = req.headers['last-event-id'];
    const ctx: LiveStreamContext & ShareableContext = Object.assign(base, {
      viewer: () => Promise.resolve(viewer),
      // Everything the auth checker reads (role, must-change-password): streams with equal keys share each event's execution.
      shareKey: shareKeyOf(viewer),
      liveStream: {
        hub: deps.hub,
        viewer: { id: viewer.id, role: viewer.role, sessionHandle, tokenId: viewer.via === 'token' ? viewer.credentialId : null },
        lastEventId: typeof lastEventId === 'string' && lastEventId.trim() !== '' ? lastEventId.trim() : null,
        connected(opened: LiveConnection) {
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
      body: () => Promise.resolve((raw as { body?: string | Record<PropertyKey, unknown> }).body ?? ''),
      raw: req,
      context: { ctx },
    });
    const opened = ctx.liveStream?.opened;
    if (opened) {
      // graphql-sse's own stream holds only the `complete` of NOTHING_MORE: drop it.
      if (body && typeof body !== 'string') void body.return(undefined);
      serveLive(res, init.headers ?? {}, opened.connection, opened.args, sharedContextOf(viewer));
      return;
    }
    // A request graphql-sse answered itself: a refusal, or an operation's errors as a `next` and `complete`.
    res.writeHead(init.status, init.statusText, { ...init.headers, 'x-accel-buffering': 'no' });
    if (!body || typeof body === 'string') {
      res.end(body ?? undefined);
      return;
    }
    for await (const message of body) {
      if (!(await write(res, message))) break;
    }
    if (!res.writableEnded) res.end();
  }

  /**
   * Writes an opened stream's messages to the response as they come: each message's frame is shared
   * by every stream of the same shape, and a client that stops reading makes the connection queue
   * (bounded) until the socket drains.
   */
  function serveLive(res: ServerResponse, headers: Record<string, string>, connection: LiveConnection, args: ExecutionArgs, shared: ShareableContext): void {
    res.writeHead(200, 'OK', { ...headers, 'x-accel-buffering': 'no' });
    // The comment graphql-sse starts a stream with: some browsers wait for a first byte to open the EventSource.
    res.write(':\n\n');
    // From here the stream holds its shape, not its request context.
    const shape = frames.join(args, shared);
    res.on('drain', () => connection.resume());
    res.once('close', () => {
      connection.disconnected();
      shape.release();
    });
    connection.attach({
      write(message) {
        if (res.destroyed || res.writableEnded) return false;
        const frame = frames.frame(message, shape);
        if (typeof frame === 'string') return res.write(frame);
        return frame.then((made) => !res.destroyed && !res.writableEnded && res.write(made));
      },
      end() {
        if (res.destroyed || res.writableEnded) return;
        res.end(COMPLETE_FRAME);
        // A client that stopped reading cannot take the `complete`: cut it after a grace.
        setTimeout(() => res.destroy(), END_GRACE_MS).unref();
      },
    });
    if (res.destroyed) {
      connection.disconnected();
      shape.release();
    }
  }

  /** Outside `serve` so its closure, which lives as long as the stream, holds no more than the viewer. */
  async function signIn(req: Request, res: ServerResponse): Promise<{ viewer: Viewer; sessionHandle: string | null } | null> {
    const em = deps.orm.em.fork();
    const viewer = await signedInOrRefused({ authenticator: deps.authenticator, em: () => em }, req, res);
    if (!viewer) return null;
    const sessionHandle = viewer.via === 'session' ? await sessionHandleOf(em, viewer.credentialId) : null;
    return { viewer, sessionHandle };
  }
}

/**
 * The context a shape's executions run with: what its streams have in common — the share key and a viewer
 * with their role and must-change-password flag (all the auth checker reads), naming nobody.
 */
function sharedContextOf(viewer: Viewer): ShareableContext & { viewer(): Promise<Viewer> } {
  const shared: Viewer = { id: '', email: '', name: '', role: viewer.role, regionIds: [], mustChangePassword: viewer.mustChangePassword, via: viewer.via, credentialId: '' };
  return { shareKey: shareKeyOf(viewer), viewer: () => Promise.resolve(shared) };
}

function shareKeyOf(viewer: Viewer): string {
  return `${viewer.role}:${viewer.mustChangePassword ? 'must-change-password' : 'ok'}`;
}

/**
 * What the handshake hands to code written for Express requests (credentials, the session cookie's
 * name by `secure`, `ip`): an object on the app's request prototype over node's request, so those
 * getters answer under the app's trust proxy setting. Only the handshake holds it.
 */
function expressView(app: Express, raw: IncomingMessage): Request {
  const view = Object.create(app.request) as Request & { connection: unknown };
  Object.assign(view, { headers: raw.headers, method: raw.method, url: raw.url, originalUrl: raw.url, socket: raw.socket, connection: raw.socket });
  return view;
}

/** What graphql-sse is given for an opened stream: it writes `complete` to a stream nobody reads. */
const NOTHING_MORE: AsyncIterable<never> = {
  [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve({ done: true, value: undefined }) }),
};

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** Resolves once the socket took the chunk (false when the client is gone). */
function write(res: ServerResponse, chunk: string): Promise<boolean> {
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
