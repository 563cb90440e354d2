/**
 * What a remote's `./routes` expose hands the shell. This lib is framework-free (scope:shared), so the
 * React component and Apollo types come in through `R`; @pams/client-graphql binds them once for every app.
 */
export interface ClientRuntime {
  component: unknown;
  client: unknown;
  typePolicies: unknown;
}

export interface RemoteRoute<Component> {
  /** `/activities`, `/activities/:id/edit`: literal segments and `:name` captures, matched whole. */
  path: string;
  /** What the sidebar and the page title call it. */
  title: string;
  Component: Component;
}

export interface RemoteModule<R extends ClientRuntime> {
  /** Every route the remote serves; the shell picks the one matching the URL. */
  routes: readonly RemoteRoute<R['component']>[];
  /**
   * Warms the first query of the route at `href` (path and search) so a click finds it cached (B-006).
   * Best effort: it must resolve even when the request fails.
   */
  prefetch(client: R['client'], href: string): Promise<void>;
  /** Cache policies of the remote's types, added to the shell's cache before its routes render. */
  typePolicies?: R['typePolicies'];
}

/** Props the shell gives every route component. */
export interface RemoteRouteProps {
  /** The values of the route's `:name` segments, decoded. */
  params: Readonly<Record<string, string>>;
}

/** The module every remote exposes, and the name the shell loads it by (`<remote>/routes`). */
export const REMOTE_EXPOSE = './routes';
export const REMOTE_ENTRY_FILE = 'remoteEntry.js';
export const REMOTE_MANIFEST_FILE = 'mf-manifest.json';

/**
 * Packages the shell and every remote share as singletons (one React, one Apollo client and cache, one
 * router). Both sides must list the same ones, so the build configs read them from here.
 */
export const SHARED_SINGLETONS = ['react', 'react-dom', '@pams/client-graphql', '@pams/client-ui'] as const;
