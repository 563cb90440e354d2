import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
import { readCredentials } from '../auth/session-cookie.js';
import type { Authenticator, RequestContext } from './context.js';
import { LoaderRegistry } from './loaders.js';
import { setScopeActor } from './request-scope.js';
import type { ServiceLevels } from '../service-levels.js';
import type { Viewer } from './viewer.js';

export interface ContextDeps {
  orm: MikroORM;
  config: AppConfig;
  authenticator: Authenticator;
  serviceLevels?: ServiceLevels;
}

/** Accepts a caller's X-Request-Id only when it is short and plain; otherwise makes one. */
export function requestIdOf(req: Request): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.-]{8,64}$/.test(given) ? given : randomUUID();
}

/**
 * The context of one request. Its EntityManager fork (and the loaders over it) is made when first
 * read: a live stream, which holds its context as long as it is open, never reads it. Extend the
 * returned object in place (`Object.assign`) rather than spreading it, which would make the fork.
 */
export function createRequestContext(deps: ContextDeps, req: Request, res: Response, requestId: string, log: Logger): RequestContext {
  const credentials = readCredentials(req);
  let em: EntityManager | undefined;
  let loaders: LoaderRegistry | undefined;
  let viewer: Promise<Viewer | null> | undefined;
  const emOf = (): EntityManager => (em ??= deps.orm.em.fork());
  return {
    requestId,
    log,
    config: deps.config,
    get em() {
      return emOf();
    },
    get loaders() {
      return (loaders ??= new LoaderRegistry(emOf()));
    },
    req,
    res,
    credentials,
    serviceLevels: deps.serviceLevels,
    viewer() {
      viewer ??= deps.authenticator.authenticate(emOf(), credentials, req).then((found) => {
        if (found) setScopeActor(found.id, found.via);
        return found;
      });
      return viewer;
    },
  };
}
