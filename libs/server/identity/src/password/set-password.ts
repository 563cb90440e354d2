import type { EntityManager } from '@mikro-orm/postgresql';
import { hashPassword } from '../auth/passwords.js';
import type { User } from '../entities/user.entity.js';
import { revokeUserSessions, type RevokeReason } from '../sessions/session.service.js';

/**
 * Stores a new (already checked) password: the user need not change it any more, and every session
 * of the user ends. Nothing is flushed here.
 */
export async function setNewPassword(
  em: EntityManager,
  user: User,
  password: string,
  reason: Extract<RevokeReason, 'PASSWORD_CHANGED' | 'PASSWORD_RESET'>,
  changedAt = new Date(),
): Promise<void> {
  user.passwordHash = await hashPassword(password);
  user.mustChangePassword = false;
  user.passwordChangedAt = changedAt;
  await revokeUserSessions(em, user.id, reason);
}
