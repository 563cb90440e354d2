import type { Role } from '@pams/shared-util';

/** The signed-in user of a request, as the gateway knows it after authentication. */
export interface Viewer {
  id: string;
  email: string;
  name: string;
  role: Role;
  regionIds: string[];
  mustChangePassword: boolean;
  /** A portal session (cookie) or a personal access token (Authorization: Bearer). */
  via: 'session' | 'token';
  /** Hash of the session id or id of the access token that authenticated this request. */
  credentialId: string;
}

/** What the request presented, known from headers alone, before any SQL. */
export type Credentials =
  | { kind: 'none' }
  | { kind: 'session'; secret: string }
  | { kind: 'token'; secret: string };
