import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
import type { LoaderRegistry } from './loaders.js';
import type { ServiceLevels } from '../service-levels.js';
import type { Credentials, Viewer } from './viewer.js';

/** Resolves credentials to a viewer; implemented by the identity domain, wired by the gateway. */
export interface Authenticator {
  authenticate(em: EntityManager, credentials: Credentials, req: Request): Promise<Viewer | null>;
}

/** The typed context of one GraphQL request: one EntityManager fork, the viewer, the loaders. */
export interface RequestContext {
  requestId: string;
  log: Logger;
  config: AppConfig;
  em: EntityManager;
  loaders: LoaderRegistry;
  req: Request;
  res: Response;
  credentials: Credentials;
  /** This gateway process's service levels (the admin Health page), when the gateway tracks them. */
  serviceLevels?: ServiceLevels;
  /** Lazily authenticated and memoised: a request refused by validation never touches the database. */
  viewer(): Promise<Viewer | null>;
}
