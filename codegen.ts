/**
 * Client types from schema.graphql (emitted from the server code by `npm run emit-schema`).
 * `npm run codegen` writes them; CI (`npm run check:generated`) regenerates and fails on any diff.
 */
import fs from 'node:fs';
import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * One entry per client data-access lib. Entry `x` generates `libs/client/x-data-access/src/gql/` from
 * that lib's `.graphql` files and the `graphql()` calls in `apps/x/src`, which import it.
 */
export const dataAccessLibs: readonly string[] = ['activities', 'admin', 'reports', 'shell'];

const clientLibs = new URL('./libs/client/', import.meta.url);
const unlisted = fs.existsSync(clientLibs)
  ? fs
      .readdirSync(clientLibs)
      .filter((dir) => dir.endsWith('-data-access') && !dataAccessLibs.includes(dir.replace(/-data-access$/, '')))
  : [];
if (unlisted.length > 0) throw new Error(`codegen.ts: add ${unlisted.join(', ')} to dataAccessLibs`);

const config: CodegenConfig = {
  schema: 'schema.graphql',
  // Apps without operations yet are fine; a lib's own .graphql files are what matter.
  ignoreNoDocuments: true,
  overwrite: true,
  // NodeNext resolution (tsconfig.base.json) needs explicit extensions in relative imports.
  importExtension: '.js',
  generates: Object.fromEntries(
    dataAccessLibs.map((name) => [
      `libs/client/${name}-data-access/src/gql/`,
      {
        preset: 'client',
        documents: [
          `libs/client/${name}-data-access/src/**/*.graphql`,
          `apps/${name}/src/**/*.{ts,tsx}`,
          '!**/src/gql/**',
        ],
        presetConfig: { fragmentMasking: { unmaskFunctionName: 'getFragmentData' } },
        config: {
          useTypeImports: true,
          enumsAsTypes: true,
          // Every custom scalar must be mapped here: a new one fails codegen instead of becoming `any`.
          strictScalars: true,
          scalars: { DateTimeISO: 'string', JSON: 'unknown' },
        },
      },
    ]),
  ),
};

export default config;
