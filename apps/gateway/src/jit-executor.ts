import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { printSchema, type ExecutionResult, type GraphQLSchema } from 'graphql';
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
    return query.query(undefined, requestContext.context, requestContext.request.variables ?? {});
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
