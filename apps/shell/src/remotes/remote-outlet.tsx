import { Suspense, useEffect, useState } from 'react';
import type { PortalRemoteModule } from '@pams/client-graphql';
import { ErrorPanel, Loading, Notice, type Location } from '@pams/client-ui';
import { findRoute } from '@pams/shared-remote-contract';
import { RemoteBoundary } from './remote-boundary.js';
import type { RemoteRegistry } from './remote-registry.js';

type State =
  | { status: 'loading' }
  | { status: 'ready'; module: PortalRemoteModule }
  | { status: 'failed'; error: Error; retrying: boolean };

/**
 * Shows the route of remote `name` that matches the location. Whatever fails (manifest, download,
 * render) stays inside this panel with a Retry; the sidebar and the other pages keep working.
 */
export function RemoteOutlet({ name, location, registry }: { name: string; location: Location; registry: RemoteRegistry }) {
  const [state, setState] = useState<State>(() => {
    const module = registry.loaded(name);
    return module ? { status: 'ready', module } : { status: 'loading' };
  });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    const loading = attempt === 0 ? registry.load(name) : registry.retry(name);
    if (attempt > 0) setState((s) => (s.status === 'failed' ? { ...s, retrying: true } : s));
    loading.then(
      (module) => live && setState({ status: 'ready', module }),
      (error: unknown) => live && setState({ status: 'failed', error: error instanceof Error ? error : new Error(String(error)), retrying: false }),
    );
    return () => {
      live = false;
    };
  }, [name, registry, attempt]);

  const retry = () => setAttempt((n) => n + 1);

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'failed') {
    return (
      <ErrorPanel title={`The ${name} module is not available`} onRetry={retry} retrying={state.retrying}>
        <p>{state.error.message}</p>
        <p>The rest of PAMS keeps working; try again, or pick another page.</p>
      </ErrorPanel>
    );
  }
  const match = findRoute(state.module.routes, location.pathname);
  if (!match) {
    return (
      <Notice title="Page not found">
        <p>The {name} module has no page at {location.pathname}.</p>
      </Notice>
    );
  }
  const { Component } = match.route;
  return (
    <RemoteBoundary
      key={`${attempt}:${match.route.path}`}
      fallback={(error, reset) => (
        <ErrorPanel
          title={`${match.route.title} failed`}
          onRetry={() => {
            reset();
            retry();
          }}
        >
          <p>{error.message}</p>
        </ErrorPanel>
      )}
    >
      {/* Remote pages may be lazy (React.lazy): their chunks load here. */}
      <Suspense fallback={<Loading />}>
        <Component params={match.params} />
      </Suspense>
    </RemoteBoundary>
  );
}
