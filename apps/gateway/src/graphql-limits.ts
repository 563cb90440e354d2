import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  Kind,
  valueFromASTUntyped,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ParseOptions,
  type SelectionSetNode,
} from 'graphql';
import type { AppConfig, RequestContext } from '@pams/server-core';

/**
 * Depth, alias and directive limits (GraphQL Armor validation rules) and field suggestions blocked
 * in production, so the schema cannot be guessed from error messages. Tokens and cost are limited
 * below, not by Armor: its token plugin answers 500, and its cost rule cannot see variables.
 */
export function armorProtection(config: AppConfig) {
  return new ApolloArmor({
    // Fragments do not add depth: generated documents lean on them.
    maxDepth: { n: config.graphql.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: config.graphql.maxAliases },
    maxDirectives: { n: config.graphql.maxDirectives },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: config.production },
  }).protect();
}

/** graphql-js stops lexing past the limit: a huge document is refused as a 400 parse error. */
export function parseLimits(config: AppConfig): ParseOptions {
  return { maxTokens: config.graphql.maxTokens };
}

/** Armor's weights: an object field costs 2, a scalar 1, and each level nests at 1.5×. */
const OBJECT_COST = 2;
const SCALAR_COST = 1;
const DEPTH_FACTOR = 1.5;

/**
 * Schema types are inspected by shape, never with graphql's `isXxxType`: type-graphql builds the
 * schema with the CommonJS graphql while this module loads the ESM one, and those checks throw
 * across the two ("Cannot use GraphQLObjectType from another module or realm").
 */
interface CompositeType {
  name: string;
  getFields?: () => Record<string, GraphQLField<unknown, unknown>>;
}

function namedType(type: unknown): unknown {
  let current = type;
  while (current && typeof current === 'object' && 'ofType' in current) current = (current as { ofType: unknown }).ofType;
  return current;
}

function composite(type: unknown): CompositeType | undefined {
  // Objects and interfaces have fields, unions member types; scalars and enums neither.
  return type && typeof type === 'object' && ('getFields' in type || 'getTypes' in type) ? (type as CompositeType) : undefined;
}

/**
 * The cost of an operation, counting a list field as `first` (or `last`) times its selection —
 * read from the variables too, so a page size cannot hide in `$first` — or the argument's
 * schema default when omitted. Fragments are costed where they are spread.
 */
function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> = {},
): number {
  const root = composite(schema.getRootType(operation.operation));
  if (!root) return 0;
  const values: Record<string, unknown> = { ...variables };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (values[name] === undefined && definition.defaultValue) values[name] = valueFromASTUntyped(definition.defaultValue);
  }

  const selectionCost = (set: SelectionSetNode, parent: CompositeType, seen: ReadonlySet<string>): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__schema' || name === '__type') continue; // introspection: off in production
        const field = parent.getFields?.()[name];
        const type = field ? composite(namedType(field.type)) : undefined;
        if (!selection.selectionSet || !type) {
          total += SCALAR_COST;
          continue;
        }
        let multiplier = 1;
        for (const argName of ['first', 'last']) {
          const node = selection.arguments?.find((a) => a.name.value === argName);
          const given = (node && valueFromASTUntyped(node.value, values)) ?? field?.args.find((a) => a.name === argName)?.defaultValue;
          if (typeof given === 'number' && given > multiplier) multiplier = given;
        }
        total += multiplier * (OBJECT_COST + DEPTH_FACTOR * selectionCost(selection.selectionSet, type, seen));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? composite(schema.getType(selection.typeCondition.name.value)) : undefined;
        total += selectionCost(selection.selectionSet, type ?? parent, seen);
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        if (!fragment || seen.has(name)) continue; // cycles are refused by validation already
        const type = composite(schema.getType(fragment.typeCondition.name.value));
        total += selectionCost(fragment.selectionSet, type ?? parent, new Set([...seen, name]));
      }
    }
    return total;
  };
  return selectionCost(operation.selectionSet, root, new Set());
}

/**
 * Cost ceiling for everyone, lower for personal access tokens, which are also read-only
 * (docs/adr/0003). Decided once the operation and its variables are known, before execution and
 * before any SQL (the viewer is resolved lazily, by resolvers).
 */
export function operationPolicy(config: AppConfig): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, document, schema, request }) {
          if (!operation) return; // Apollo refuses an unresolved operation itself
          const viaToken = contextValue.credentials.kind === 'token';
          if (viaToken && operation.operation !== 'query') {
            throw new GraphQLError('Access tokens are read-only: sign in to the portal to make changes.', {
              extensions: { code: 'READ_ONLY_TOKEN', http: { status: 403 } },
            });
          }
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          }
          const max = viaToken ? config.graphql.tokenMaxCost : config.graphql.maxCost;
          const cost = operationCost(schema, operation, fragments, request.variables ?? {});
          if (cost > max) {
            throw new GraphQLError(`Query cost limit of ${max} exceeded (found ${Math.ceil(cost)}): ask for fewer fields or smaller pages.`, {
              extensions: { code: 'QUERY_TOO_COSTLY', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
