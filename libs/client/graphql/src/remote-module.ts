import type { ComponentType } from 'react';
import type { ApolloClient, TypePolicies } from '@apollo/client';
import type { RemoteModule, RemoteRouteProps } from '@pams/shared-remote-contract';

/** The remote contract bound to the portal's runtime: React components and the shell's Apollo client. */
export type PortalRemoteModule = RemoteModule<{
  component: ComponentType<RemoteRouteProps>;
  client: ApolloClient;
  typePolicies: TypePolicies;
}>;

export type PortalRemoteRoute = PortalRemoteModule['routes'][number];
