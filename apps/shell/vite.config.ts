import { federation } from '@module-federation/vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { narrowApollo } from '@pams/client-graphql/build';
import { federationShared } from '@pams/shared-remote-contract/build';

/**
 * The shell: served at `/` by the gateway. It has no static remotes; it reads /remotes.json at run time
 * (docs/adr/0009). It provides the federation runtime to the remotes (they are built with externalRuntime).
 */
export default defineConfig({
  plugins: [
    react(),
    narrowApollo(),
    federation({
      name: 'shell',
      remotes: {},
      shared: federationShared(fileURLToPath(new URL('.', import.meta.url))),
      dts: false,
      experiments: { provideExternalRuntime: true },
      // Remotes are registered by their remoteEntry.js, so the manifest/preload machinery is not needed.
      disableSnapshot: true,
      target: 'web',
    }),
  ],
  build: {
    target: 'esnext',
    // The shell provides the shared libs, so their "lazy" fallback import is eager here, as intended.
    rolldownOptions: { checks: { ineffectiveDynamicImport: false } },
  },
});
