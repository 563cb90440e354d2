import type { EntityManager } from '@mikro-orm/postgresql';
import { fieldError, forbidden, validationFailed, type ValidationFailed } from '@pams/server-core';
import { Role } from '@pams/shared-util';

/**
 * Active admins other than `userId`. The acting admin is one of them while the command holds the lock
 * on both rows (loadParties), so with "never yourself" this bites only when the actor is not counted
 * (kept as the rule itself, should a caller ever act as the system).
 */
export async function otherActiveAdmins(tx: EntityManager, userId: string): Promise<number> {
  const rows = await tx.execute<{ id: string }[]>(`select id from app_user where role = ? and status = 'ACTIVE'`, [Role.ADMIN]);
  return rows.filter((row) => row.id !== userId).length;
}

export const lastAdmin = () => forbidden('This is the last active admin: make another admin first.');

export function userError(code: string, message: string): ValidationFailed {
  return validationFailed([fieldError('userId', code, message)], message);
}
