import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// One graphql for the in-process gateway (see apps/gateway/vitest.config.ts for why).
const graphqlCjs = createRequire(import.meta.url).resolve('graphql');

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlCjs }] },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/support/global-setup.ts'],
    pool: 'forks',
    // Each file runs a gateway and a browser; two at once is what two cores carry.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    env: { NODE_ENV: 'test' },
  },
});
