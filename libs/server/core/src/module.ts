import type { EntityClass, EventSubscriber } from '@mikro-orm/core';
import type { NonEmptyArray } from 'type-graphql';

/** What a domain library contributes to the gateway; apps/gateway/src/modules.ts lists them. */
export interface ServerModule {
  name: string;
  entities: EntityClass<unknown>[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: Function[];
  subscribers?: EventSubscriber[];
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function collectResolvers(modules: ServerModule[]): NonEmptyArray<Function> {
  const resolvers = modules.flatMap((m) => m.resolvers);
  if (resolvers.length === 0) throw new Error('no resolvers registered');
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  return resolvers as NonEmptyArray<Function>;
}
