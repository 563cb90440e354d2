import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker, collectResolvers } from '@pams/server-core';
import { noTopicPubSub } from '@pams/server-events';
import { modules } from './modules.js';

let built: Promise<GraphQLSchema> | undefined;

/** The executable schema, built once per process from every module's resolvers. */
export function gatewaySchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: collectResolvers(modules),
    authChecker,
    // Subscriptions bring their own source (the live stream); type-graphql insists on a PubSub anyway.
    pubSub: noTopicPubSub,
    validate: false,
    emitSchemaFile: false,
  });
  return built;
}

/** The committed `schema.graphql`: sorted so that moving code never changes it. */
export async function printGatewaySchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await gatewaySchema())) + '\n';
}
