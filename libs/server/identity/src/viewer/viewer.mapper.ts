import type { Request } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig, Viewer } from '@pams/server-core';
import { IdentityAuthenticator } from '../auth/authenticator.js';
import type { ViewerType } from './viewer.type.js';

export function toViewerType(viewer: Viewer): ViewerType {
  return {
    id: viewer.id,
    email: viewer.email,
    name: viewer.name,
    role: viewer.role,
    regionIds: viewer.regionIds,
    mustChangePassword: viewer.mustChangePassword,
    authenticatedBy: viewer.via === 'session' ? 'SESSION' : 'TOKEN',
  };
}

/**
 * The viewer a freshly issued session cookie will authenticate as, read the way every later request
 * reads it (after sign-in or password change, when the request's own viewer is out of date).
 */
export async function viewerOfNewSession(
  em: EntityManager,
  config: Pick<AppConfig, 'session'>,
  req: Request,
  secret: string,
): Promise<ViewerType> {
  const viewer = await new IdentityAuthenticator(config).authenticate(em, { kind: 'session', secret }, req);
  if (!viewer) throw new Error('a session just committed does not authenticate');
  return toViewerType(viewer);
}
