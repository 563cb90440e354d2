import '@pams/client-ui/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApolloProvider, createPortalClient } from '@pams/client-graphql';
import { ViewerDocument } from '@pams/client-shell-data-access';
import { App } from './app.js';
import { remoteFor } from './portal-routes.js';
import { createIntentPrefetch } from './remotes/intent-prefetch.js';
import { RemoteRegistry } from './remotes/remote-registry.js';

const { client, cache } = createPortalClient({
  // A session that ended elsewhere (expiry, revocation): ask who we are; the gate then shows sign-in.
  onUnauthenticated: () => void client.refetchQueries({ include: [ViewerDocument] }),
});
const registry = new RemoteRegistry(cache);
const onIntent = createIntentPrefetch({
  prefetch: async (remote, href) => (await registry.load(remote)).prefetch(client, href),
});

// Start the manifest, and the code of the remote this URL opens, while the viewer query runs.
registry.warm();
const initial = remoteFor(window.location.pathname);
if (initial) void registry.load(initial).catch(() => undefined);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <App registry={registry} onIntent={onIntent} />
    </ApolloProvider>
  </StrictMode>,
);
