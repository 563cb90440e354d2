/**
 * The only Apollo Client surface the portal uses. The shell and every remote share this lib as one
 * singleton (docs/adr/0009): one client, one cache, one React context, and only these pieces shipped.
 * Adding an export changes what the shell provides: bump this package's minor version and deploy the
 * shell before a remote that needs it (remotes require `^<version>` strictly).
 * Named re-exports only: the federation plugin reads them to load the fallback copy lazily.
 */
export { ApolloProvider, useApolloClient, useMutation, useQuery } from '@apollo/client/react';
export { CombinedGraphQLErrors, NetworkStatus } from '@apollo/client';
export type { ApolloClient, FieldPolicy, FieldReadFunction, InMemoryCache, TypePolicies, TypedDocumentNode } from '@apollo/client';
export { createPortalClient, type PortalClient, type PortalClientOptions } from './create-client.js';
export { toTypePolicies, type TypedTypePolicies } from './typed-type-policies.js';
export type { PortalRemoteModule, PortalRemoteRoute } from './remote-module.js';
export { createLiveEvents, type LiveAuditEvent, type LiveEvents, type LiveEventsOptions, type LiveListener, type LiveMessage, type LiveStatus } from './live-events.js';
export { LiveEventsProvider, useLiveEvents, useLiveStatus } from './live-events-react.js';
export { usePages, type Page, type Pages } from './use-pages.js';
