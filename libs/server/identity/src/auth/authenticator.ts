import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request } from 'express';
import { TOKEN_ROLES, type Role } from '@pams/shared-util';
import type { AppConfig, Authenticator, Credentials, Viewer } from '@pams/server-core';
import { hashSecret } from './secrets.js';

interface ViewerRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  must_change_password: boolean;
  region_ids: string[] | null;
  credential_id: string;
  last_used: Date | null;
}

const USER_COLUMNS = `u.id, u.email, u.name, u.role, u.must_change_password,
  (select array_agg(r.region_id order by r.region_id) from app_user_region r where r.user_id = u.id) as region_ids`;

/**
 * Turns a cookie secret or bearer token into a viewer with one SQL statement, and records use
 * (last seen / last used) at most once a minute with a second one.
 */
export class IdentityAuthenticator implements Authenticator {
  constructor(private readonly config: Pick<AppConfig, 'session'>) {}

  async authenticate(em: EntityManager, credentials: Credentials, _req: Request): Promise<Viewer | null> {
    if (credentials.kind === 'none' || credentials.secret === '') return null;
    return credentials.kind === 'session'
      ? this.fromSession(em, credentials.secret)
      : this.fromToken(em, credentials.secret);
  }

  private async fromSession(em: EntityManager, secret: string): Promise<Viewer | null> {
    const idleSeconds = Math.floor(this.config.session.idleMs / 1000);
    const rows = await em.getConnection().execute<ViewerRow[]>(
      `select ${USER_COLUMNS}, s.id as credential_id, s.last_seen_at as last_used
         from user_session s join app_user u on u.id = s.user_id
        where s.id = ? and s.revoked_at is null and s.expires_at > now()
          and s.last_seen_at > now() - make_interval(secs => ?) and u.status = 'ACTIVE'`,
      [hashSecret(secret), idleSeconds],
    );
    const row = rows[0];
    if (!row) return null;
    if (this.stale(row.last_used)) {
      await em.getConnection().execute('update user_session set last_seen_at = now() where id = ?', [row.credential_id]);
    }
    return toViewer(row, 'session');
  }

  private async fromToken(em: EntityManager, secret: string): Promise<Viewer | null> {
    const rows = await em.getConnection().execute<ViewerRow[]>(
      `select ${USER_COLUMNS}, t.id as credential_id, t.last_used_at as last_used
         from access_token t join app_user u on u.id = t.user_id
        where t.token_hash = ? and t.revoked_at is null and t.expires_at > now()
          and u.status = 'ACTIVE' and u.role in (${TOKEN_ROLES.map(() => '?').join(', ')})`,
      [hashSecret(secret), ...TOKEN_ROLES],
    );
    const row = rows[0];
    if (!row) return null;
    if (this.stale(row.last_used)) {
      await em.getConnection().execute('update access_token set last_used_at = now() where id = ?', [row.credential_id]);
    }
    return toViewer(row, 'token');
  }

  private stale(lastUsed: Date | string | null): boolean {
    if (!lastUsed) return true;
    const at = typeof lastUsed === 'string' ? Date.parse(lastUsed) : lastUsed.getTime();
    return Date.now() - at > this.config.session.touchEveryMs;
  }
}

function toViewer(row: ViewerRow, via: Viewer['via']): Viewer {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    regionIds: row.region_ids ?? [],
    mustChangePassword: row.must_change_password,
    via,
    credentialId: row.credential_id,
  };
}
