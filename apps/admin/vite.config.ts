import { fileURLToPath } from 'node:url';
import { federation } from '@module-federation/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { narrowApollo } from '@pams/client-graphql/build';
import { REMOTE_ENTRY_FILE, REMOTE_EXPOSE } from '@pams/shared-remote-contract';
import { federationShared } from '@pams/shared-remote-contract/build';

/**
 * The admin remote. `base: './'` makes every asset relative to remoteEntry.js, so one build can be
 * deployed into any slot folder (/remotes/admin/<slot>/). The federation runtime comes from the
 * shell (externalRuntime): this remote only runs inside the portal (docs/adr/0009).
 */
export default defineConfig({
  base: './',
  plugins: [
    react(),
    narrowApollo(),
    federation({
      name: 'admin',
      filename: REMOTE_ENTRY_FILE,
      exposes: { [REMOTE_EXPOSE]: './src/routes.ts' },
      shared: federationShared(fileURLToPath(new URL('.', import.meta.url))),
      manifest: true,
      dts: false,
      experiments: { externalRuntime: true },
    }),
  ],
  build: { target: 'esnext' },
});
