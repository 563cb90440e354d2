import type { EntityManager } from '@mikro-orm/postgresql';
import { DAY, addMs, TOKEN_ROLES } from '@pams/shared-util';
import { fieldError, forbidden, isUuid, validationFailed, type FieldError, type Forbidden, type ValidationFailed, type Viewer } from '@pams/server-core';
import { hashSecret, newSecret } from '../auth/secrets.js';
import { AccessToken } from '../entities/access-token.entity.js';
import { User } from '../entities/user.entity.js';
import { AccessTokenCreated, type AccessTokenType } from './access-token.types.js';

export const TOKEN_PREFIX = 'pams_pat_';
const NAME_MAX_LENGTH = 80;
const MAX_DAYS = 365;

/** A new token for the viewer (analysts and admins only); the secret is returned once and kept hashed. */
export async function createAccessToken(
  em: EntityManager,
  viewer: Viewer,
  nameInput: string,
  expiresInDays: number,
): Promise<AccessTokenCreated | Forbidden | ValidationFailed> {
  if (!TOKEN_ROLES.includes(viewer.role)) return forbidden('Only analysts and admins can create access tokens.');
  const name = nameInput.trim();
  const fields: FieldError[] = [];
  if (name === '') fields.push(fieldError('name', 'REQUIRED', 'Name the token after where it will be used.'));
  else if (name.length > NAME_MAX_LENGTH) fields.push(fieldError('name', 'TOO_LONG', `Use at most ${NAME_MAX_LENGTH} characters.`));
  if (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > MAX_DAYS) {
    fields.push(fieldError('expiresInDays', 'OUT_OF_RANGE', `Choose between 1 and ${MAX_DAYS} days.`));
  }
  if (fields.length > 0) return validationFailed(fields);

  const token = `${TOKEN_PREFIX}${newSecret()}`;
  const entity = em.create(AccessToken, {
    user: em.getReference(User, viewer.id),
    name,
    prefix: token.slice(0, 12),
    tokenHash: hashSecret(token),
    expiresAt: addMs(new Date(), expiresInDays * DAY),
  });
  await em.flush();
  return Object.assign(new AccessTokenCreated(), { token, accessToken: toAccessTokenType(entity) });
}

/** The viewer's tokens that are not revoked (expired ones too, so they can be seen and replaced), newest first. */
export async function listAccessTokens(em: EntityManager, userId: string): Promise<AccessTokenType[]> {
  const tokens = await em.find(AccessToken, { user: userId, revokedAt: null }, { orderBy: { createdAt: 'desc', id: 'asc' } });
  return tokens.map(toAccessTokenType);
}

/** Revokes one of the viewer's own tokens; false when there is no such token of theirs. */
export async function revokeAccessToken(em: EntityManager, userId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const token = await em.findOne(AccessToken, { id, user: userId, revokedAt: null });
  if (!token) return false;
  token.revokedAt = new Date();
  await em.flush();
  return true;
}

function toAccessTokenType(token: AccessToken): AccessTokenType {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    lastUsedAt: token.lastUsedAt ?? null,
  };
}
