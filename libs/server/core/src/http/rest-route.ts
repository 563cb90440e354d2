import type { ServerResponse } from 'node:http';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request } from 'express';
import { readCredentials } from '../auth/session-cookie.js';
import type { Authenticator } from '../context/context.js';
import { requestIdOf } from '../context/create-context.js';
import { runInScope, setScopeActor } from '../context/request-scope.js';
import type { Viewer } from '../context/viewer.js';

/**
 * The few REST routes beside GraphQL (downloads, uploads) answer errors as `{ error: { code, message } }`
 * with the API's codes, and are never cached.
 */
export function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  // node's response API, so the live stream (served in front of Express) refuses the same way.
  const body = JSON.stringify({ error: { code, message } });
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Runs a route's handler in a request scope (the audit and log context), as GraphQL requests run. */
export function inRequestScope(req: Request, fn: () => Promise<void>): Promise<void> {
  // pino-http has given the request its id by now; without it (a bare router) make one.
  const requestId = String((req as { id?: unknown }).id ?? requestIdOf(req));
  return runInScope({ requestId, actorId: null, actorKind: 'anonymous' }, fn);
}

/**
 * The caller, authenticated as the GraphQL context does (cookie session or Bearer token), or null with
 * the refusal sent: 401 without valid credentials, 403 while the password must be changed.
 */
export async function signedInOrRefused(
  deps: { authenticator: Authenticator; em: () => EntityManager },
  req: Request,
  res: ServerResponse,
): Promise<Viewer | null> {
  const credentials = readCredentials(req);
  const viewer = credentials.kind === 'none' ? null : await deps.authenticator.authenticate(deps.em(), credentials, req);
  if (!viewer) {
    refuse(res, 401, 'UNAUTHENTICATED', 'Sign in first.');
    return null;
  }
  setScopeActor(viewer.id, viewer.via);
  if (viewer.mustChangePassword) {
    refuse(res, 403, 'FORBIDDEN', 'Change your password before going on.');
    return null;
  }
  return viewer;
}
