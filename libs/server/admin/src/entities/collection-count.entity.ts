import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * How many rows a collection held on a day (PRODUCT.md "Never again": the daily count check). Written by
 * the `admin:countCollections` job, one row per collection and day (a second run that day replaces it);
 * job bookkeeping, like the notice watcher's position: written by SQL, not audited.
 */
@Entity({ tableName: 'collection_count' })
export class CollectionCount {
  @PrimaryKey({ type: 'date' })
  day!: string;

  @PrimaryKey({ type: 'string', length: 40 })
  collection!: string;

  @Property({ type: 'integer' })
  count!: number;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  recordedAt: Date = new Date();
}
