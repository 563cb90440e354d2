import { fieldError, type FieldError } from '@pams/server-core';

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase, short enough that hashing it is not a denial of service. */
export const PASSWORD_MAX_LENGTH = 256;
export const EMAIL_MAX_LENGTH = 254;

/** Emails are stored lower-cased (a check constraint enforces it); input is matched the same way. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Reasons a new password is refused, reported on `field` (NIST 800-63B: length, not composition rules). */
export function checkNewPassword(password: string, email: string, field = 'newPassword'): FieldError[] {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return [fieldError(field, 'TOO_SHORT', `Use at least ${PASSWORD_MIN_LENGTH} characters.`)];
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return [fieldError(field, 'TOO_LONG', `Use at most ${PASSWORD_MAX_LENGTH} characters.`)];
  }
  if (normalizeEmail(password) === normalizeEmail(email)) {
    return [fieldError(field, 'SAME_AS_EMAIL', 'The password must not be your email address.')];
  }
  return [];
}
