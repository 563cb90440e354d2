import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request } from 'express';
import { addMs } from '@pams/shared-util';
import { isUuid, type AppConfig } from '@pams/server-core';
import { hashSecret, newSecret } from '../auth/secrets.js';
import { Session } from '../entities/session.entity.js';
import type { User } from '../entities/user.entity.js';
import type { SessionType } from './session.type.js';

/** Why a session ended (user_session.revoked_reason). */
export type RevokeReason = 'SIGNED_OUT' | 'ROTATED' | 'REVOKED' | 'PASSWORD_CHANGED' | 'PASSWORD_RESET' | 'USER_DISABLED';

/** What the cookie must carry once the session is committed. */
export interface IssuedSession {
  secret: string;
  expiresAt: Date;
}

/** A new session for `user`, persisted in the unit of work of `em` (the caller flushes, then sets the cookie). */
export function openSession(em: EntityManager, config: Pick<AppConfig, 'session'>, req: Request, user: User): IssuedSession {
  const secret = newSecret();
  const now = new Date();
  const expiresAt = addMs(now, config.session.absoluteMs);
  em.create(Session, {
    id: hashSecret(secret),
    handle: randomUUID(),
    user,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    ip: req.ip?.slice(0, 64) ?? null,
    userAgent: req.get('user-agent')?.slice(0, 300) || null,
  });
  return { secret, expiresAt };
}

/** Revokes the session a cookie secret names, if it is still open. */
export async function revokeSessionBySecret(em: EntityManager, secret: string, reason: RevokeReason): Promise<void> {
  const session = await em.findOne(Session, { id: hashSecret(secret), revokedAt: null });
  if (session) revoke(session, reason);
}

/** Revokes every open session of a user (password change or reset, disabling), except `keepId`. */
export async function revokeUserSessions(em: EntityManager, userId: string, reason: RevokeReason, keepId?: string): Promise<number> {
  const open = await em.find(Session, { user: userId, revokedAt: null, expiresAt: { $gt: new Date() } });
  const revoked = open.filter((s) => s.id !== keepId);
  for (const session of revoked) revoke(session, reason);
  return revoked.length;
}

/** Revokes one of the user's own open sessions by handle; null when there is no such session of theirs. */
export async function revokeOwnSession(em: EntityManager, userId: string, handle: string): Promise<Session | null> {
  if (!isUuid(handle)) return null;
  const session = await em.findOne(Session, { handle, user: userId, revokedAt: null });
  if (!session) return null;
  revoke(session, 'REVOKED');
  return session;
}

/** The user's sessions that still authenticate (not revoked, not idle, not past their absolute expiry). */
export async function listOpenSessions(
  em: EntityManager,
  config: Pick<AppConfig, 'session'>,
  userId: string,
  currentId: string | null,
): Promise<SessionType[]> {
  const now = new Date();
  const sessions = await em.find(
    Session,
    {
      user: userId,
      revokedAt: null,
      expiresAt: { $gt: now },
      lastSeenAt: { $gt: addMs(now, -config.session.idleMs) },
    },
    { orderBy: { lastSeenAt: 'desc', handle: 'asc' } },
  );
  return sessions.map((s) => ({
    handle: s.handle,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    expiresAt: s.expiresAt,
    ip: s.ip ?? null,
    userAgent: s.userAgent ?? null,
    current: s.id === currentId,
  }));
}

function revoke(session: Session, reason: RevokeReason): void {
  session.revokedAt = new Date();
  session.revokedReason = reason;
}
