import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { GraphQLError, validate } from 'graphql';
import type { AppConfig, RequestContext } from '@pams/server-core';

/**
 * Depth, alias, directive, token and cost limits for every request (GraphQL Armor), all checked
 * while parsing and validating, before any resolver or SQL runs. Field suggestions are blocked in
 * production so the schema cannot be guessed from error messages.
 */
export function armorProtection(config: AppConfig) {
  return new ApolloArmor({
    maxDepth: { n: config.graphql.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: config.graphql.maxAliases },
    maxDirectives: { n: config.graphql.maxDirectives },
    maxTokens: { n: config.graphql.maxTokens },
    costLimit: { maxCost: config.graphql.maxCost, ignoreIntrospection: true },
    blockFieldSuggestion: { enabled: config.production },
  }).protect();
}

/**
 * Personal access tokens are read-only and carry a lower cost ceiling (docs/adr/0003). Both are
 * decided from the Authorization header alone, once the operation is known and before execution.
 */
export function accessTokenPolicy(config: AppConfig): ApolloServerPlugin<RequestContext> {
  const tokenCost = costLimitRule({ maxCost: config.graphql.tokenMaxCost, ignoreIntrospection: true });
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, document, schema }) {
          if (contextValue.credentials.kind !== 'token') return;
          if (operation?.operation !== 'query') {
            throw new GraphQLError('Access tokens are read-only: sign in to the portal to make changes.', {
              extensions: { code: 'READ_ONLY_TOKEN', http: { status: 403 } },
            });
          }
          const errors = validate(schema, document, [tokenCost]);
          if (errors.length > 0) {
            throw new GraphQLError(errors[0].message, {
              extensions: { code: 'QUERY_TOO_COSTLY', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
