import argon2 from 'argon2';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { OutboxMail } from '@pams/server-mail';
import { startTestApp, type TestApp } from './support/test-app.js';
import { attemptSignIn, createUser, signIn, TEST_PASSWORD } from './support/identity-fixtures.js';

const REQUEST_RESET = `mutation($email: String!) {
  requestPasswordReset(email: $email) { __typename ... on UserError { message } ... on RateLimited { retryAfterSeconds } }
}`;

/**
 * Limits are lowered for this file. The gateway trusts the proxy here, so each test comes from its
 * own address (X-Forwarded-For) and the per-address counters of one test do not reach the next.
 */
describe('rate limits on sign-in and password reset', () => {
  let app: TestApp;
  let nextAddress = 10;
  beforeAll(async () => {
    app = await startTestApp({
      TRUST_PROXY: 'true',
      RATE_SIGNIN_PER_ACCOUNT: '3',
      RATE_SIGNIN_PER_IP: '6',
      RATE_RESET_PER_ACCOUNT: '2',
      RATE_RESET_PER_IP: '4',
    });
  });
  afterAll(() => app.close());
  afterEach(() => {
    vi.restoreAllMocks();
  });

  function address(): Record<string, string> {
    nextAddress += 1;
    return { 'x-forwarded-for': `203.0.113.${nextAddress}` };
  }

  it('refuses an account after too many failures, without checking the password, even the right one', async () => {
    const user = await createUser(app.orm, { email: 'target@test.pams' });
    const from = address();
    for (let i = 0; i < 3; i += 1) {
      const result = await attemptSignIn(app.client(), user.email, `wrong guess ${i}`, from);
      expect(result.data?.signIn.__typename).toBe('InvalidCredentials');
    }
    const verify = vi.spyOn(argon2, 'verify');
    // From another address too: the limit is the account's.
    const limited = await attemptSignIn(app.client(), user.email, TEST_PASSWORD, address());
    expect(limited.status).toBe(200);
    expect(limited.data?.signIn).toMatchObject({ __typename: 'RateLimited', message: 'Too many attempts. Try again later.' });
    expect(limited.data?.signIn.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.data?.signIn.retryAfterSeconds).toBeLessThanOrEqual(app.config.rateLimit.windowSeconds);
    expect(limited.headers.getSetCookie()).toEqual([]);
    expect(verify).not.toHaveBeenCalled();
    // Accounts are counted under a hash: the shared table holds no email addresses.
    const keys = await app.orm.em.getConnection().execute<{ key: string }[]>('select key from rate_limit');
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((k) => k.key.includes('@'))).toEqual([]);
  });

  it('limits an unknown email exactly like a real one', async () => {
    const from = address();
    const kinds = [];
    for (let i = 0; i < 4; i += 1) kinds.push((await attemptSignIn(app.client(), 'ghost@test.pams', `guess ${i}`, from)).data?.signIn.__typename);
    expect(kinds).toEqual(['InvalidCredentials', 'InvalidCredentials', 'InvalidCredentials', 'RateLimited']);
  });

  it('resets the account’s counter on a successful sign-in', async () => {
    const user = await createUser(app.orm, { email: 'typo-prone@test.pams' });
    const from = address();
    for (let i = 0; i < 2; i += 1) await attemptSignIn(app.client(), user.email, 'typo', from);
    await signIn(app.client(), user.email);
    const kinds = [];
    for (let i = 0; i < 3; i += 1) kinds.push((await attemptSignIn(app.client(), user.email, 'typo', from)).data?.signIn.__typename);
    expect(kinds).toEqual(['InvalidCredentials', 'InvalidCredentials', 'InvalidCredentials']);
  });

  it('refuses an address after too many failures across accounts', async () => {
    const user = await createUser(app.orm, { email: 'bystander@test.pams' });
    const from = address();
    for (let i = 0; i < 6; i += 1) {
      const result = await attemptSignIn(app.client(), `sprayed-${i}@test.pams`, 'password123456', from);
      expect(result.data?.signIn.__typename).toBe('InvalidCredentials');
    }
    const limited = await attemptSignIn(app.client(), user.email, TEST_PASSWORD, from);
    expect(limited.data?.signIn.__typename).toBe('RateLimited');
    // The account itself is not locked for its owner elsewhere.
    const elsewhere = await attemptSignIn(app.client(), user.email, TEST_PASSWORD, address());
    expect(elsewhere.data?.signIn.__typename).toBe('SignInSuccess');
  });

  it('counts wrong current passwords in changePassword against the account', async () => {
    const user = await createUser(app.orm, { email: 'hijacked@test.pams' });
    const client = app.client();
    await signIn(client, user.email);
    const change = `mutation($c: String!) { changePassword(currentPassword: $c, newPassword: "a long new passphrase") { __typename } }`;
    const kinds = [];
    for (let i = 0; i < 4; i += 1) kinds.push((await client.data(change, { c: `guess ${i}` })).changePassword.__typename);
    expect(kinds).toEqual(['ValidationFailed', 'ValidationFailed', 'ValidationFailed', 'RateLimited']);
  });

  it('silently stops mailing one account past its limit, and the answer stays the same', async () => {
    const user = await createUser(app.orm, { email: 'spammed@test.pams' });
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push((await app.client().query(REQUEST_RESET, { email: user.email }, address())).data?.requestPasswordReset);
    expect(answers).toEqual(Array(3).fill({ __typename: 'Done', message: answers[0].message }));
    expect(await app.orm.em.fork().count(OutboxMail, { to: user.email })).toBe(2);
  });

  it('refuses reset requests from one address past its limit with RateLimited', async () => {
    const from = address();
    const kinds = [];
    for (let i = 0; i < 5; i += 1) kinds.push((await app.client().query(REQUEST_RESET, { email: `someone-${i}@test.pams` }, from)).data?.requestPasswordReset.__typename);
    expect(kinds).toEqual(['Done', 'Done', 'Done', 'Done', 'RateLimited']);
  });
});
