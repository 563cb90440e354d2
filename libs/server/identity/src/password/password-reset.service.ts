import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  done,
  fieldError,
  rateLimited,
  validationFailed,
  type AppConfig,
  type Done,
  type RateLimited,
  type RequestContext,
  type ValidationFailed,
} from '@pams/server-core';
import { recordEvent } from '@pams/server-audit';
import { enqueueMail } from '@pams/server-mail';
import { addMs, MINUTE } from '@pams/shared-util';
import { checkNewPassword, EMAIL_MAX_LENGTH, normalizeEmail } from '../auth/password-policy.js';
import { rateLimitsFor } from '../auth/rate-limits.js';
import { hashSecret, newSecret } from '../auth/secrets.js';
import { PasswordReset } from '../entities/password-reset.entity.js';
import { User } from '../entities/user.entity.js';
import { UserStatus } from '../entities/user-status.js';
import { invalidResetToken, type InvalidResetToken } from './password.types.js';
import { setNewPassword } from './set-password.js';

export const RESET_TOKEN_TTL_MS = 30 * MINUTE;

const REQUESTED = 'If an account exists for this address, a link to reset its password is on its way.';

/**
 * Always the same answer, whether or not the account exists. Only the per-address limit is visible;
 * past the per-account limit the mail is silently not sent, so that limit reveals nothing either.
 */
export async function requestPasswordReset(ctx: RequestContext, emailInput: string): Promise<Done | RateLimited | ValidationFailed> {
  const email = normalizeEmail(emailInput);
  if (email === '' || email.length > EMAIL_MAX_LENGTH || !email.includes('@')) {
    return validationFailed([fieldError('email', 'INVALID', 'Enter the email address you sign in with.')]);
  }
  const { em, config } = ctx;
  const refused = await rateLimitsFor(em, config).resetAttempt(email, ctx.req.ip ?? 'unknown');
  if (refused.ip) return rateLimited(refused.ip.retryAfterSeconds);

  // One transaction for the link, its mail (outbox row and send job) and the audit event.
  await em.transactional(async (tx) => {
    const user = await tx.findOne(User, { email });
    const send = !refused.account && user?.status === UserStatus.ACTIVE;
    if (user && send) await issuePasswordReset(tx, config, user);
    // Written for known and unknown addresses alike, so both take one transaction of the same shape.
    recordEvent(tx, { action: 'auth.passwordReset.requested', entityType: 'User', entityId: user?.id ?? null });
  });
  return done(REQUESTED);
}

/**
 * A new reset link for `user` and its mail, in the unit of work (and transaction) of `em`: the link is
 * stored hashed and lives RESET_TOKEN_TTL_MS; the mail goes through the outbox. Also used by the
 * admin's "force password reset".
 */
export async function issuePasswordReset(em: EntityManager, config: Pick<AppConfig, 'publicUrl'>, user: User): Promise<void> {
  const token = newSecret();
  // One clock reading: the link lives exactly RESET_TOKEN_TTL_MS from its creation.
  const createdAt = new Date();
  em.create(PasswordReset, { user, tokenHash: hashSecret(token), createdAt, expiresAt: addMs(createdAt, RESET_TOKEN_TTL_MS) });
  await enqueueMail(em, resetMail(user, `${config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`));
}

/**
 * Sets a new password from a reset link: single use (the row is locked and marked used in one
 * transaction), 30 minutes, and every session of the user ends.
 */
export async function resetPassword(
  ctx: RequestContext,
  token: string,
  newPassword: string,
): Promise<Done | InvalidResetToken | ValidationFailed> {
  if (token === '' || token.length > 100) return invalidResetToken();
  return ctx.em.transactional(async (em) => {
    const now = new Date();
    const reset = await em.findOne(
      PasswordReset,
      { tokenHash: hashSecret(token), usedAt: null, expiresAt: { $gt: now } },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!reset) return invalidResetToken();
    const user = await em.findOneOrFail(User, reset.user.id, { populate: ['passwordHash'] });
    if (user.status !== UserStatus.ACTIVE) return invalidResetToken();
    const fields = checkNewPassword(newPassword, user.email);
    if (fields.length > 0) return validationFailed(fields);

    await setNewPassword(em, user, newPassword, 'PASSWORD_RESET', now);
    // Every outstanding link of the user dies with the one used.
    const open = await em.find(PasswordReset, { user, usedAt: null });
    for (const other of open) other.usedAt = now;
    recordEvent(em, { action: 'auth.passwordReset.completed', entityType: 'User', entityId: user.id });
    return done('Your password has been changed. Sign in with the new one.');
  });
}

function resetMail(user: User, link: string) {
  return {
    to: user.email,
    subject: 'Reset your PAMS password',
    text: [
      `Hello ${user.name},`,
      '',
      'Someone (hopefully you) asked to reset the password of your PAMS account.',
      'Open this link within 30 minutes to choose a new password:',
      '',
      link,
      '',
      'If you did not ask for this, ignore this message: your password stays as it is.',
      '',
    ].join('\n'),
  };
}
