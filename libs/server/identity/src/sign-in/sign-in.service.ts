import { setScopeActor, fieldError, rateLimited, validationFailed, type FieldError, type RateLimited, type RequestContext, type ValidationFailed } from '@pams/server-core';
import { recordEvent } from '@pams/server-audit';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from '../auth/passwords.js';
import { EMAIL_MAX_LENGTH, normalizeEmail, PASSWORD_MAX_LENGTH } from '../auth/password-policy.js';
import { rateLimitsFor } from '../auth/rate-limits.js';
import { User } from '../entities/user.entity.js';
import { UserStatus } from '../entities/user-status.js';
import { openSession, revokeSessionBySecret, type IssuedSession } from '../sessions/session.service.js';
import { invalidCredentials, type InvalidCredentials } from './sign-in.types.js';

export type SignInOutcome = { ok: true; session: IssuedSession } | { ok: false; error: InvalidCredentials | RateLimited | ValidationFailed };

/**
 * Checks the password and opens a session. An unknown email, a wrong password and a disabled user
 * take the same path: one argon2 verification, one audit event, one flush, the same answer.
 */
export async function signIn(ctx: RequestContext, emailInput: string, password: string): Promise<SignInOutcome> {
  const email = normalizeEmail(emailInput);
  const invalid = checkInput(email, password);
  if (invalid.length > 0) return { ok: false, error: validationFailed(invalid) };

  const { em, req } = ctx;
  const ip = req.ip ?? 'unknown';
  const limits = rateLimitsFor(em, ctx.config);
  const refused = await limits.signInAttempt(email, ip);
  if (refused) return { ok: false, error: rateLimited(refused.retryAfterSeconds) };

  const user = await em.findOne(User, { email }, { populate: ['passwordHash'] });
  const matches = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  if (!user || !matches || user.status !== UserStatus.ACTIVE) {
    recordEvent(em, { action: 'auth.signIn.failed', entityType: 'User', entityId: user?.id ?? null });
    await em.flush();
    return { ok: false, error: invalidCredentials() };
  }

  setScopeActor(user.id, 'session');
  if (needsRehash(user.passwordHash)) user.passwordHash = await hashPassword(password);
  // Rotation: whatever session this browser had ends here, so a planted session id is useless.
  if (ctx.credentials.kind === 'session') await revokeSessionBySecret(em, ctx.credentials.secret, 'ROTATED');
  const session = openSession(em, ctx.config, req, user);
  recordEvent(em, { action: 'auth.signIn.succeeded', entityType: 'User', entityId: user.id });
  await em.flush();
  await limits.signInSucceeded(email, ip);
  return { ok: true, session };
}

function checkInput(email: string, password: string): FieldError[] {
  const fields: FieldError[] = [];
  if (email === '') fields.push(fieldError('email', 'REQUIRED', 'Enter your email address.'));
  else if (email.length > EMAIL_MAX_LENGTH) fields.push(fieldError('email', 'TOO_LONG', `Use at most ${EMAIL_MAX_LENGTH} characters.`));
  if (password === '') fields.push(fieldError('password', 'REQUIRED', 'Enter your password.'));
  else if (password.length > PASSWORD_MAX_LENGTH) fields.push(fieldError('password', 'TOO_LONG', `Use at most ${PASSWORD_MAX_LENGTH} characters.`));
  return fields;
}
