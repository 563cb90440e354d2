import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createPortalClient } from './create-client.js';

const VIEWER = parse('query Viewer { viewer { id name } }');

function recordingFetch(body: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = async (url: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: String(url), init });
    return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

describe('createPortalClient', () => {
  it('posts JSON with the session cookie of this origin (what CSRF prevention and the cookie session need)', async () => {
    const { calls, fetch } = recordingFetch({ data: { viewer: { __typename: 'Viewer', id: '1', name: 'Mira' } } });
    const { client } = createPortalClient({ uri: 'http://portal.test/graphql', fetch });
    const result = await client.query({ query: VIEWER });
    expect(result.data).toEqual({ viewer: { __typename: 'Viewer', id: '1', name: 'Mira' } });
    expect(calls).toHaveLength(1);
    expect(calls[0].init.method).toBe('POST');
    expect(calls[0].init.credentials).toBe('same-origin');
    expect(new Headers(calls[0].init.headers).get('content-type')).toBe('application/json');
  });

  it('reports UNAUTHENTICATED answers, so the shell can show sign-in', async () => {
    const { fetch } = recordingFetch({ data: null, errors: [{ message: 'Sign in first.', extensions: { code: 'UNAUTHENTICATED' } }] });
    let unauthenticated = 0;
    const { client } = createPortalClient({ uri: 'http://portal.test/graphql', fetch, onUnauthenticated: () => unauthenticated++ });
    await expect(client.query({ query: VIEWER })).rejects.toThrow('Sign in first.');
    expect(unauthenticated).toBe(1);
  });
});
