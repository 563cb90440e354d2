import { randomUUID } from 'node:crypto';
import { OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Common columns of every mutable record: a client- or server-generated uuid, an optimistic
 * version that every update carries (a stale one is refused, never merged: PRODUCT.md "Never again"),
 * and creation/update times.
 */
export abstract class VersionedEntity<Optional extends string = never> {
  [OptionalProps]?: 'id' | 'version' | 'createdAt' | 'updatedAt' | Optional;

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'integer', version: true })
  version!: number;

  @Property({ type: 'datetime', onCreate: () => new Date() })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
