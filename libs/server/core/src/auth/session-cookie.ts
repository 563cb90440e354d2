import { parseCookie, stringifySetCookie } from 'cookie';
import type { Request, Response } from 'express';
import type { Credentials } from '../context/viewer.js';

const PLAIN_NAME = 'pams_session';
/** Over HTTPS the cookie gets the __Host- prefix: Secure, Path=/, no Domain, so no subdomain can set it. */
const HOST_NAME = '__Host-pams_session';

function secure(req: Request): boolean {
  return req.secure;
}

export function sessionCookieName(req: Request): string {
  return secure(req) ? HOST_NAME : PLAIN_NAME;
}

export function setSessionCookie(req: Request, res: Response, secret: string, expires: Date): void {
  res.append(
    'Set-Cookie',
    stringifySetCookie({
      name: sessionCookieName(req),
      value: secret,
      httpOnly: true,
      sameSite: 'lax',
      secure: secure(req),
      path: '/',
      expires,
    }),
  );
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.append(
    'Set-Cookie',
    stringifySetCookie({
      name: sessionCookieName(req),
      value: '',
      httpOnly: true,
      sameSite: 'lax',
      secure: secure(req),
      path: '/',
      expires: new Date(0),
    }),
  );
}

/**
 * Reads what the request presents. The portal authenticates by cookie only; a bearer token is the
 * analysts' read-only channel and, when present, wins (its requests can never mutate).
 */
export function readCredentials(req: Request): Credentials {
  const authorization = req.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match ? { kind: 'token', secret: match[1] } : { kind: 'token', secret: '' };
  }
  const header = req.headers.cookie;
  if (!header) return { kind: 'none' };
  const cookies = parseCookie(header);
  const secret = cookies[sessionCookieName(req)];
  return secret ? { kind: 'session', secret } : { kind: 'none' };
}
