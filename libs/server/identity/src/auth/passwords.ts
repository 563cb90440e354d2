import argon2 from 'argon2';

/** OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Verifies against a fixed hash so that an unknown email costs the same time as a wrong password
 * (no account enumeration by timing).
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword('pams-timing-equaliser');
  await verifyPassword(await dummy, password);
  return false;
}

/** True when the hash was made with weaker parameters than today's and should be redone at sign-in. */
export function needsRehash(hash: string): boolean {
  return argon2.needsRehash(hash, OPTIONS);
}
