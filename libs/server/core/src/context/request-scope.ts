import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who is acting and under which request id, for the code that runs below a request without being
 * handed its context (the audit subscriber sees only an EntityManager, often a transactional fork).
 */
export interface RequestScope {
  requestId: string;
  /** The acting user; null for anonymous requests and system work (seed, jobs). */
  actorId: string | null;
  /** How the actor is known: a portal session, an access token, or the system itself. */
  actorKind: 'session' | 'token' | 'anonymous' | 'system';
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

export function currentScope(): RequestScope | undefined {
  return storage.getStore();
}

/** Records the actor once known (after sign-in, or once the viewer is resolved). */
export function setScopeActor(actorId: string | null, actorKind: RequestScope['actorKind']): void {
  const scope = storage.getStore();
  if (scope) {
    scope.actorId = actorId;
    scope.actorKind = actorKind;
  }
}
