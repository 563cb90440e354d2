import type { ApolloClient } from '@pams/client-graphql';

/**
 * Drops the cached month lists of these months (every filter), so the month view reads them again:
 * an activity whose date moved leaves the old month and shows in the new one without a reload (B-002).
 */
export function evictMonths(client: ApolloClient, months: readonly string[]): void {
  const wanted = new Set(months.filter(Boolean));
  client.cache.modify({
    id: 'ROOT_QUERY',
    fields: {
      activities(existing, { storeFieldName, DELETE }) {
        const month = /"month":"(\d{4}-\d{2})"/.exec(storeFieldName)?.[1];
        return month && wanted.has(month) ? DELETE : existing;
      },
    },
  });
  client.cache.gc();
}
