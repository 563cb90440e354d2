import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// One graphql for everyone: Vite would hand our sources graphql's ESM build while type-graphql,
// Apollo and graphql-jit load its CommonJS build, and graphql refuses types from "another realm".
const graphqlCjs = createRequire(import.meta.url).resolve('graphql');

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlCjs }] },
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.test.ts'],
    globalSetup: ['./test/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: 'test' },
  },
});
