import { fieldError, rateLimited, validationFailed, type RateLimited, type RequestContext, type ValidationFailed, type Viewer } from '@pams/server-core';
import { recordEvent } from '@pams/server-audit';
import { verifyPassword } from '../auth/passwords.js';
import { checkNewPassword, PASSWORD_MAX_LENGTH } from '../auth/password-policy.js';
import { rateLimitsFor } from '../auth/rate-limits.js';
import { User } from '../entities/user.entity.js';
import { openSession, type IssuedSession } from '../sessions/session.service.js';
import { setNewPassword } from './set-password.js';

export type ChangePasswordOutcome = { ok: true; session: IssuedSession } | { ok: false; error: ValidationFailed | RateLimited };

/**
 * Verifies the current password (wrong guesses count against the account's sign-in limit, so a
 * stolen session cannot brute-force it), stores the new one, ends every session of the user and
 * opens a fresh one for this browser.
 */
export async function changePassword(
  ctx: RequestContext,
  viewer: Viewer,
  currentPassword: string,
  newPassword: string,
): Promise<ChangePasswordOutcome> {
  const { em } = ctx;
  const user = await em.findOneOrFail(User, viewer.id, { populate: ['passwordHash'] });
  const limits = rateLimitsFor(em, ctx.config);
  const refused = await limits.passwordCheck(user.email);
  if (refused) return { ok: false, error: rateLimited(refused.retryAfterSeconds) };

  const fields = checkNewPassword(newPassword, user.email);
  const current = currentPassword.length <= PASSWORD_MAX_LENGTH && (await verifyPassword(user.passwordHash, currentPassword));
  if (current) await limits.passwordCheckSucceeded(user.email);
  else fields.unshift(fieldError('currentPassword', 'INCORRECT', 'The current password is incorrect.'));
  if (fields.length > 0) return { ok: false, error: validationFailed(fields) };

  await setNewPassword(em, user, newPassword, 'PASSWORD_CHANGED');
  const session = openSession(em, ctx.config, ctx.req, user);
  recordEvent(em, { action: 'auth.password.changed', entityType: 'User', entityId: user.id });
  await em.flush();
  return { ok: true, session };
}
