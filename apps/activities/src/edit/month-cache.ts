import type { ApolloClient } from '@pams/client-graphql';
import { monthOfDate } from './form-model.js';

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

/**
 * These activities leave the cache, and the month lists of these dates (where they were or are now) are
 * read again, totals included. With no ids it only re-reads the months (the rows changed, not went).
 */
export function forgetActivities(client: ApolloClient, ids: readonly string[], dates: readonly string[]): void {
  for (const id of ids) client.cache.evict({ id: client.cache.identify({ __typename: 'Activity', id }) });
  evictMonths(client, dates.map(monthOfDate));
}

/**
 * The cached Drafts list goes after a Draft was made, applied or discarded. Its readers are network-only
 * today; the eviction keeps a future cached reader from showing a stale list.
 */
export function forgetDrafts(cache: ApolloClient['cache']): void {
  cache.evict({ fieldName: 'drafts' });
}
