import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { GraphQLError, printSchema, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';

/**
 * Executes documents with graphql-jit, one compiled function per (document, operation), behind
 * Apollo's gateway interface (docs/adr/0005-graphql-jit-executor.md). Parsing, validation, limits,
 * CSRF and plugins stay Apollo's; only execution changes. On this stack's large list reads it
 * removes most of graphql-js's per-field overhead (STACK.md, "Performance facts").
 */
export function jitGateway(schema: GraphQLSchema, maxCompiled = 1_000): GatewayInterface {
  const compiled = new LRUCache<string, CompiledQuery>({ max: maxCompiled });

  const executor: GatewayExecutor = async (requestContext) => {
    const operationName = requestContext.operationName ?? undefined;
    const key = `${requestContext.queryHash}:${operationName ?? ''}`;
    let query = compiled.get(key);
    if (!query) {
      const result = compileQuery(requestContext.schema, requestContext.document, operationName, {
        disablingCapturingStackErrors: true,
      });
      if (!isCompiledQuery(result)) return result as ExecutionResult;
      query = result;
      compiled.set(key, query);
    }
    const result = await query.query(undefined, requestContext.context, requestContext.request.variables ?? {});
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
