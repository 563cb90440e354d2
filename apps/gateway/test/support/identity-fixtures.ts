import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { runInScope } from '@pams/server-core';
import { hashPassword, hashSecret, Region, Session, User, UserStatus } from '@pams/server-identity';
import { Role } from '@pams/shared-util';
import type { GraphqlClient, GraphqlResponse } from './graphql-client.js';

/** The password of every fixture user unless a test gives another. */
export const TEST_PASSWORD = 'correct horse battery';

export const FIXTURE_REGIONS = ['India South', 'SEA', 'MENA'] as const;

export interface FixtureUser {
  id: string;
  email: string;
  role: Role;
}

export interface IdentityFixture {
  regions: Record<(typeof FIXTURE_REGIONS)[number], string>;
  /** One active user of each role: `admin@test.pams`, `leader@test.pams`, … */
  users: Record<Role, FixtureUser>;
  password: string;
}

export interface NewUser {
  email: string;
  role?: Role;
  name?: string;
  password?: string;
  status?: UserStatus;
  mustChangePassword?: boolean;
  regionIds?: string[];
}

/** Work done by the fixture runs as the system, as the seed does, so the audit knows who wrote it. */
export function asSystem<T>(fn: () => Promise<T>): Promise<T> {
  return runInScope({ requestId: 'test-fixture', actorId: null, actorKind: 'system' }, fn);
}

/** Regions and one user of each role with a known password, written through the ORM. */
export async function createIdentityFixture(orm: MikroORM, password = TEST_PASSWORD): Promise<IdentityFixture> {
  return asSystem(async () => {
    const em = orm.em.fork();
    const regions = FIXTURE_REGIONS.map((name) => em.create(Region, { name }));
    // One hash for all: argon2id is slow on purpose, and the users share the password anyway.
    const passwordHash = await hashPassword(password);
    const users = {} as Record<Role, FixtureUser>;
    for (const role of Object.values(Role)) {
      const email = `${role.toLowerCase()}@test.pams`;
      const user = em.create(User, {
        email,
        name: `Test ${role.toLowerCase()}`,
        role,
        passwordHash,
        defaultRegion: regions[0],
      });
      user.regions.set(role === Role.MANAGER ? regions.slice(0, 2) : [regions[0]]);
      users[role] = { id: user.id, email, role };
    }
    await em.flush();
    return {
      regions: Object.fromEntries(regions.map((r) => [r.name, r.id])) as IdentityFixture['regions'],
      users,
      password,
    };
  });
}

/** One more user, e.g. disabled or due to change their password. */
export async function createUser(orm: MikroORM, input: NewUser): Promise<FixtureUser> {
  return asSystem(async () => {
    const em = orm.em.fork();
    const role = input.role ?? Role.MEMBER;
    const user = em.create(User, {
      email: input.email,
      name: input.name ?? input.email.split('@')[0],
      role,
      passwordHash: await hashPassword(input.password ?? TEST_PASSWORD),
      status: input.status ?? UserStatus.ACTIVE,
      mustChangePassword: input.mustChangePassword ?? false,
    });
    if (input.regionIds) user.regions.set(input.regionIds.map((id) => em.getReference(Region, id)));
    await em.flush();
    return { id: user.id, email: input.email, role };
  });
}

/** Changes a user through the ORM (as an admin command would), e.g. to disable them. */
export async function updateUser(orm: MikroORM, id: string, change: (user: User, em: EntityManager) => void): Promise<void> {
  await asSystem(async () => {
    const em = orm.em.fork();
    change(await em.findOneOrFail(User, id), em);
    await em.flush();
  });
}

export const SIGN_IN = `mutation SignIn($email: String!, $password: String!) {
  signIn(email: $email, password: $password) {
    __typename
    ... on SignInSuccess { viewer { id email role mustChangePassword authenticatedBy regionIds } }
    ... on UserError { message }
    ... on RateLimited { retryAfterSeconds }
    ... on ValidationFailed { fields { field code } }
  }
}`;

export interface SignedInViewer {
  id: string;
  email: string;
  role: Role;
  mustChangePassword: boolean;
  authenticatedBy: string;
  regionIds: string[];
}

/** Signs `client` in (its cookie jar keeps the session); fails the test unless it succeeds. */
export async function signIn(client: GraphqlClient, email: string, password = TEST_PASSWORD): Promise<SignedInViewer> {
  const result = await client.query(SIGN_IN, { email, password });
  const outcome = result.data?.signIn;
  if (outcome?.__typename !== 'SignInSuccess') {
    throw new Error(`sign-in of ${email} failed: ${JSON.stringify(result.errors ?? outcome)}`);
  }
  return outcome.viewer as SignedInViewer;
}

/** Tries to sign in and returns the whole response, for tests about refusals. */
export function attemptSignIn(client: GraphqlClient, email: string, password: string, headers: Record<string, string> = {}): Promise<GraphqlResponse<Record<string, any>>> {
  return client.query(SIGN_IN, { email, password }, headers);
}

/** The session row behind the cookie a client holds (plain name: tests run over http). */
export async function sessionOf(orm: MikroORM, client: GraphqlClient): Promise<Session | null> {
  const secret = client.cookies.get('pams_session');
  if (!secret) return null;
  return orm.em.fork().findOne(Session, { id: hashSecret(secret) });
}
