import { createHash, randomBytes } from 'node:crypto';

/** A random secret for cookies and links: 256 bits, URL-safe. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Secrets are high-entropy, so a plain SHA-256 is enough to store them (no slow hash needed). */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
