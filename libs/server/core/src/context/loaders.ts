import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

/**
 * A custom loader (aggregates only: entity relations batch through MikroORM's own dataloader).
 * Defined once next to its domain; created lazily, at most once per request.
 */
export interface LoaderDefinition<K, V> {
  readonly name: string;
  create(em: EntityManager): DataLoader<K, V>;
}

export function defineLoader<K, V>(
  name: string,
  batch: (em: EntityManager, keys: readonly K[]) => Promise<readonly (V | Error)[]>,
): LoaderDefinition<K, V> {
  return { name, create: (em) => new DataLoader<K, V>((keys) => batch(em, keys)) };
}

export class LoaderRegistry {
  private readonly loaders = new Map<LoaderDefinition<unknown, unknown>, DataLoader<unknown, unknown>>();

  constructor(private readonly em: EntityManager) {}

  get<K, V>(definition: LoaderDefinition<K, V>): DataLoader<K, V> {
    const key = definition as unknown as LoaderDefinition<unknown, unknown>;
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = definition.create(this.em) as unknown as DataLoader<unknown, unknown>;
      this.loaders.set(key, loader);
    }
    return loader as unknown as DataLoader<K, V>;
  }
}
