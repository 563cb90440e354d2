import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('health and errors', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('answers /healthz while the process is up', async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz when the database is reachable and migrations are current', async () => {
    const response = await fetch(`${app.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
  });

  it('puts a request id on every response and every error', async () => {
    const client = app.client();
    const result = await client.query('{ nope }');
    expect(result.status).toBe(400);
    const requestId = result.headers.get('x-request-id');
    expect(requestId).toMatch(/[\w-]{8,}/);
    expect(result.errors?.[0].extensions?.requestId).toBe(requestId);
  });

  it('reports the viewer as null when nobody is signed in', async () => {
    const data = await app.client().data<{ viewer: null }>('{ viewer { id } }');
    expect(data.viewer).toBeNull();
  });
});
