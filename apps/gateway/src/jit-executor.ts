import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { execute, getVariableValues, GraphQLError, printSchema, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';

/** graphql-js's own cap on variable coercion errors in one request (`execute`'s default). */
const MAX_COERCION_ERRORS = 50;

/** Marks a document graphql-jit could not compile: it runs on the reference executor instead. */
const REFERENCE = 'reference';

/**
 * Executes documents with graphql-jit, one compiled function per (document, operation), behind
 * Apollo's gateway interface (docs/adr/0005-graphql-jit-executor.md). Parsing, validation, limits,
 * CSRF and plugins stay Apollo's; only execution changes. On this stack's large list reads it
 * removes most of graphql-js's per-field overhead (STACK.md, "Performance facts").
 */
export function jitGateway(schema: GraphQLSchema, maxCompiled = 1_000): GatewayInterface {
  const compiled = new LRUCache<string, CompiledQuery | typeof REFERENCE>({ max: maxCompiled });

  const executor: GatewayExecutor = async (requestContext) => {
    const { document, request, context } = requestContext;
    const variables = request.variables ?? {};
    const reference = () =>
      execute({ schema: requestContext.schema, document, contextValue: context, variableValues: variables, operationName: request.operationName });
    // The typing says always, but Apollo passes no operation when the name matches none; graphql-js
    // then gives the error Apollo answers as OPERATION_RESOLUTION_FAILURE.
    const operation = requestContext.operation as typeof requestContext.operation | undefined;
    if (!operation) return reference();

    // graphql-jit's own coercion errors carry no variable node, so Apollo would not see them as user
    // input; coerce as graphql-js does and Apollo answers exactly as for the reference executor.
    const coerced = getVariableValues(requestContext.schema, operation.variableDefinitions ?? [], variables, {
      maxErrors: MAX_COERCION_ERRORS,
    });
    if (coerced.errors) return { errors: coerced.errors };

    const key = `${requestContext.queryHash}:${operation.name?.value ?? ''}`;
    let query = compiled.get(key);
    if (!query) {
      const result = compileQuery(requestContext.schema, document, operation.name?.value, { disablingCapturingStackErrors: true });
      query = isCompiledQuery(result) ? result : REFERENCE;
      compiled.set(key, query);
    }
    // A valid document graphql-jit cannot compile still runs, as the reference executor would run it.
    if (query === REFERENCE) return reference();

    // The raw values: graphql-jit coerces them again, and would reject already-parsed custom scalars.
    const result = await query.query(undefined, context, variables);
    return result.errors ? { ...result, errors: result.errors.map(normaliseError) } : result;
  };

  return {
    async load() {
      return { schema, executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async stop() {
      compiled.clear();
    },
  };
}

/**
 * graphql-jit's field errors may lack `extensions`; Apollo's error formatting reads
 * `extensions.code` and would replace such an error with a bare "Internal server error"
 * without the request id or path. Rebuild them as regular GraphQL errors.
 */
function normaliseError(error: GraphQLError): GraphQLError {
  if (error.extensions && error instanceof GraphQLError) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions ?? {},
  });
}
