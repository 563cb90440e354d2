import fs from 'node:fs/promises';
import path from 'node:path';
import { buildSchema, Kind, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { OPERATIONS_FILE } from '@pams/shared-remote-contract';

/** One document of a build's OPERATIONS_FILE. */
export interface BuiltDocument {
  name: string;
  document: unknown;
}

export interface OperationProblem {
  /** The operation's name (or the document's, for one without a named operation). */
  operation: string;
  /** graphql's validation messages (they name the field, argument or type at fault). */
  errors: string[];
}

/** Refusal to publish a build whose operations the gateway would reject; the message names each one. */
export class OperationCheckError extends Error {
  constructor(
    readonly app: string,
    readonly problems: readonly OperationProblem[],
    readonly schemaFile: string,
  ) {
    const lines = problems.flatMap((p) => p.errors.map((error) => `  ${p.operation}: ${error}`));
    super(
      `${app}: not published. ${problems.length} GraphQL operation${problems.length === 1 ? '' : 's'} of this build ${problems.length === 1 ? 'does' : 'do'} not validate against ${schemaFile}:\n${lines.join('\n')}\n` +
        'Run `npm run codegen`, fix the operations, or deploy the gateway with the schema they need first (docs/runbooks/admin-deploy.md).',
    );
    this.name = 'OperationCheckError';
  }
}

function operationName(entry: BuiltDocument): string {
  const document = entry.document as DocumentNode;
  const names = document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : []));
  return names.join(', ') || entry.name;
}

/** Validates each document against the schema (graphql's own `validate`, the rules the gateway applies). */
export function checkOperations(schema: GraphQLSchema, documents: readonly BuiltDocument[]): OperationProblem[] {
  const problems: OperationProblem[] = [];
  for (const entry of documents) {
    const document = entry.document as DocumentNode | null;
    if (!document || document.kind !== Kind.DOCUMENT || !Array.isArray(document.definitions)) {
      problems.push({ operation: entry.name, errors: ['is not a GraphQL document'] });
      continue;
    }
    const errors = validate(schema, document).map((error) => error.message);
    if (errors.length > 0) problems.push({ operation: operationName(entry), errors });
  }
  return problems;
}

/** Reads a build's OPERATIONS_FILE; a build without one was not made with the portal's Vite plugins. */
export async function readBuiltDocuments(app: string, buildDir: string): Promise<BuiltDocument[]> {
  const file = path.join(buildDir, OPERATIONS_FILE);
  const text = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (text === null) throw new Error(`${app}: not published. The build has no ${OPERATIONS_FILE}: rebuild it (its vite.config.ts must use narrowApollo() from @pams/client-graphql/build).`);
  // Locations without their source would break graphql's errors; precompiled documents carry none anyway.
  const parsed = JSON.parse(text, (key, value: unknown) => (key === 'loc' ? undefined : value)) as { documents?: BuiltDocument[] };
  if (!Array.isArray(parsed.documents)) throw new Error(`${app}: not published. ${OPERATIONS_FILE} has no documents list.`);
  return parsed.documents;
}

/** Before publishing: every operation of the build in `buildDir` must validate against `schemaFile`, or this throws. */
export async function assertOperationsValid(app: string, buildDir: string, schemaFile: string): Promise<number> {
  const [documents, sdl] = await Promise.all([readBuiltDocuments(app, buildDir), fs.readFile(schemaFile, 'utf8')]);
  const problems = checkOperations(buildSchema(sdl), documents);
  if (problems.length > 0) throw new OperationCheckError(app, problems, path.relative(process.cwd(), schemaFile) || schemaFile);
  return documents.length;
}
