import type { EntityManager } from '@mikro-orm/postgresql';
import { forbidden, isUuid, notFound, type Forbidden, type NotFound } from '@pams/server-core';
import { User, UserStatus } from '@pams/server-identity';
import { Role } from '@pams/shared-util';

export const NO_USER = 'No such user.';

export type Parties = { actor: User; user: User } | Forbidden | NotFound | { conflict: true };

/**
 * The acting admin and the target user, in `tx`: the actor must be an active admin (a scheduled
 * command runs with their rights as they are at run time), the target exists (both locked for the
 * transaction, regions loaded) and, when given, is still at `expectedVersion`.
 */
export async function loadParties(tx: EntityManager, actorId: string, userId: string, expectedVersion: number | null): Promise<Parties> {
  if (!isUuid(userId)) return notFound(NO_USER);
  // Actor and target locked together in id order: two admins acting on each other at once are
  // serialised without a deadlock, and the second reads the first's change (READ COMMITTED reads
  // each statement afresh) - so "never the last active admin" holds under concurrency.
  await tx.execute('select id from app_user where id in (?) order by id for update', [[...new Set([actorId, userId])]]);
  const actor = await tx.findOne(User, actorId, { refresh: true });
  if (!actor || actor.role !== Role.ADMIN || actor.status !== UserStatus.ACTIVE) return forbidden('Only an active admin can run this command.');
  const user = await tx.findOne(User, userId, { refresh: true });
  if (!user) return notFound(NO_USER);
  if (expectedVersion !== null && user.version !== expectedVersion) return { conflict: true };
  await user.regions.init();
  return { actor, user };
}
