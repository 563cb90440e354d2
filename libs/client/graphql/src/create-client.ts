import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache, type TypePolicies } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';

export interface PortalClientOptions {
  /** Called when the gateway answers UNAUTHENTICATED (session expired or revoked elsewhere). */
  onUnauthenticated?: () => void;
  /** Policies known at start; remotes add theirs when they load (`cache.policies.addTypePolicies`). */
  typePolicies?: TypePolicies;
  /** Defaults to `/graphql` on the page's origin. */
  uri?: string;
  /** Defaults to the global fetch (tests pass their own). */
  fetch?: typeof fetch;
}

export interface PortalClient {
  client: ApolloClient;
  /** The same cache as `client.cache`, typed as InMemoryCache so policies can be added later. */
  cache: InMemoryCache;
}

/** The portal's one Apollo Client: cookie session, JSON POSTs, cache-first reads. */
export function createPortalClient(options: PortalClientOptions = {}): PortalClient {
  const cache = new InMemoryCache({ typePolicies: options.typePolicies });
  const http = new HttpLink({
    uri: options.uri ?? '/graphql',
    fetch: options.fetch,
    // The session is an HttpOnly cookie on this origin; nothing else authenticates the portal (P-006).
    credentials: 'same-origin',
    // application/json is what the gateway's CSRF prevention accepts without a preflight header.
    headers: { 'content-type': 'application/json' },
  });
  const onError = new ErrorLink(({ error }) => {
    if (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
      options.onUnauthenticated?.();
    }
  });
  const client = new ApolloClient({
    link: ApolloLink.from([onError, http]),
    cache,
    // Nothing in the portal mutates results in place; Apollo can skip its defensive copies.
    assumeImmutableResults: true,
    devtools: { enabled: false },
  });
  return { client, cache };
}
