import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { statementCount } from '@pams/server-core';
import { newSecret } from '@pams/server-identity';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Counts what a request did to the database: statements sent and audit events written. */
async function sideEffects<T>(db: pg.Client, fn: () => Promise<T>): Promise<{ result: T; statements: number; events: number; regions: number }> {
  const count = async (table: string) => Number((await db.query<{ n: string }>(`select count(*) as n from ${table}`)).rows[0].n);
  const [eventsBefore, regionsBefore] = [await count('audit_event'), await count('region')];
  const start = statementCount();
  const result = await fn();
  const statements = statementCount() - start;
  return { result, statements, events: (await count('audit_event')) - eventsBefore, regions: (await count('region')) - regionsBefore };
}

describe('HTTP hardening: CSRF, body size, unexpected errors', () => {
  let app: TestApp;
  let db: pg.Client;
  // A session cookie makes any resolver that reaches the viewer run SQL, so "0 statements" means refused early.
  const cookie = `pams_session=${newSecret()}`;

  beforeAll(async () => {
    app = await startTestApp({ BODY_LIMIT: '2kb' });
    db = new pg.Client({ connectionString: app.orm.config.get('clientUrl') });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  it('runs an ordinary JSON POST (the control for the refusals below)', async () => {
    const { result, statements } = await sideEffects(db, () =>
      fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ query: '{ viewer { id } }' }),
      }),
    );
    expect(result.status).toBe(200);
    expect(statements).toBeGreaterThan(0);
  });

  it.each([
    ['text/plain', JSON.stringify({ query: 'mutation { signOut { __typename } }' })],
    ['text/plain', JSON.stringify({ query: '{ viewer { id } }' })],
    ['application/x-www-form-urlencoded', 'query=%7B%20viewer%20%7B%20id%20%7D%20%7D'],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ viewer { id } }\r\n--x--\r\n'],
  ])('refuses a simple (%s) POST that a foreign page could send, and changes nothing', async (type, body) => {
    const { result, statements, events, regions } = await sideEffects(db, async () => {
      const response = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': type, cookie }, body });
      return { status: response.status, text: await response.text() };
    });
    expect(result.status).toBe(400);
    expect(result.text).toMatch(/Cross-Site Request Forgery/);
    expect(statements).toBe(0);
    expect(events).toBe(0);
    expect(regions).toBe(0);
  });

  it('refuses a GET query without a preflight-forcing header, and serves it with one', async () => {
    const url = `${app.url}/graphql?query=${encodeURIComponent('{ viewer { id } }')}`;
    const { result: refused, statements } = await sideEffects(db, () => fetch(url, { headers: { cookie } }));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/Cross-Site Request Forgery/);
    expect(statements).toBe(0);

    const allowed = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toEqual({ data: { viewer: null } });
  });

  it('refuses a body over BODY_LIMIT with 413, a JSON error and the request id, before any SQL', async () => {
    const query = `{ viewer { id } } # ${'x'.repeat(4096)}`;
    const { result: response, statements } = await sideEffects(db, () =>
      fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ query }) }),
    );
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toBeTruthy();
    expect(await response.json()).toEqual({
      errors: [{ message: 'Request body too large.', extensions: { code: 'PAYLOAD_TOO_LARGE', requestId } }],
    });
    expect(statements).toBe(0);
  });

  it('answers malformed JSON with 400, a JSON error and the request id', async () => {
    const response = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { extensions: { requestId: string } }[] };
    expect(body.errors[0].extensions.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('reports an unexpected failure as "Internal server error" with the request id, never its stack or SQL', async () => {
    // Break what the authenticator reads, so resolving the viewer fails inside the database driver.
    await db.query('alter table user_session rename to user_session_gone');
    try {
      const response = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-request-id': 'req-unexpected-1' },
        body: JSON.stringify({ query: '{ viewer { id } }' }),
      });
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({
        data: { viewer: null },
        errors: [{ message: 'Internal server error', path: ['viewer'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-unexpected-1' } }],
      });
      expect(text).not.toMatch(/select|user_session|stack|\.ts:/i);
    } finally {
      await db.query('alter table user_session_gone rename to user_session');
    }
  });
});
