import type { Plugin } from 'vite';
import { OPERATIONS_FILE } from '@pams/shared-remote-contract';

/** The modules codegen writes (`libs/client/<x>-data-access/src/gql/graphql.ts`). */
const GENERATED = /[\\/]src[\\/]gql[\\/]graphql\.ts$/;
/** One precompiled document per line: `export const NameDocument = {"kind":"Document",…} as unknown as DocumentNode<…>;` */
const DOCUMENT_LINE = /^export const (\w+)Document = (\{"kind":"Document".*\}) as unknown as DocumentNode</;

export interface BuiltOperation {
  /** The export's name without `Document` (the operation's name, as codegen names it). */
  name: string;
  /** The document's AST, as it ships (fragments it spreads included). */
  document: unknown;
}

/**
 * Emits OPERATIONS_FILE: every GraphQL document of the generated modules this build pulled in (read from
 * the source before the bundler sees it, so a document is listed even if tree-shaking dropped it: the check
 * is stricter, never looser, than the bundle).
 */
export function graphqlOperations(): Plugin {
  const documents = new Map<string, BuiltOperation>();
  return {
    name: 'pams:graphql-operations',
    apply: 'build',
    enforce: 'pre',
    buildStart() {
      documents.clear();
    },
    transform(code, id) {
      if (!GENERATED.test(id.split('?')[0])) return null;
      for (const line of code.split('\n')) {
        const match = DOCUMENT_LINE.exec(line);
        if (match) documents.set(match[1], { name: match[1], document: JSON.parse(match[2]) as unknown });
      }
      return null;
    },
    generateBundle() {
      const list = [...documents.values()].sort((a, b) => a.name.localeCompare(b.name));
      this.emitFile({ type: 'asset', fileName: OPERATIONS_FILE, source: `${JSON.stringify({ documents: list })}\n` });
    },
  };
}
