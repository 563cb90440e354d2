import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, type Plugin } from 'vite';
import { graphqlOperations } from './graphql-operations.js';

const libRoot = fileURLToPath(new URL('..', import.meta.url));
const gqlStub = fileURLToPath(new URL('../src/no-runtime-gql.ts', import.meta.url));
const APOLLO = /^@apollo\/client(\/|$)/;

/**
 * Vite plugin every portal app uses (docs/adr/0009):
 * - only @pams/client-graphql may import @apollo/client, so the shared singleton is the one Apollo on the
 *   page (a second copy would mean a second cache and a React context the shell's provider does not fill);
 * - graphql-tag becomes a stub: documents are precompiled, graphql's parser is not shipped;
 * - rxjs resolves to its smaller es2015 build;
 * - the build lists its GraphQL documents (graphql-operations.json), which tools/deploy validates before publishing.
 */
export function narrowApollo(): Plugin[] {
  return [narrowApolloImports(), graphqlOperations()];
}

function narrowApolloImports(): Plugin {
  return {
    name: 'pams:narrow-apollo',
    enforce: 'pre',
    config: () => ({
      resolve: {
        conditions: ['es2015', ...defaultClientConditions],
        alias: { 'graphql-tag': gqlStub },
      },
    }),
    resolveId(source, importer) {
      if (!importer || !APOLLO.test(source) || !path.isAbsolute(importer)) return null;
      const from = path.resolve(importer);
      if (from.includes(`${path.sep}node_modules${path.sep}`) || from.startsWith(libRoot)) return null;
      this.error(`${path.relative(process.cwd(), from)} imports "${source}": import it from @pams/client-graphql instead (docs/adr/0009)`);
    },
  };
}
