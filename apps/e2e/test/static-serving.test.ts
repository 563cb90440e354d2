import fs from 'node:fs/promises';
import { request } from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEPLOY_LAYOUT, parseRemoteManifest } from '@pams/shared-remote-contract';
import { startPortal, type Portal } from './support/portal.js';

const HTML = { accept: 'text/html,application/xhtml+xml' };

/** How the gateway serves the portal next to its own routes (HTTP only, no browser). */
describe('the gateway serving the portal', () => {
  let portal: Portal;
  let slot: string;

  beforeAll(async () => {
    portal = await startPortal();
    const manifest = parseRemoteManifest(JSON.parse(await fs.readFile(path.join(portal.deployDir, DEPLOY_LAYOUT.manifestFile), 'utf8')));
    slot = manifest.remotes.find((remote) => remote.name === 'activities')!.slot!;
  });

  afterAll(() => portal?.close());

  const get = (url: string, headers: Record<string, string> = {}) => fetch(portal.url + url, { headers });

  it('answers every portal path with the shell page, revalidated on each load and locked to this origin', async () => {
    for (const url of ['/', '/activities', '/activities/drafts?x=1', '/admin']) {
      const response = await get(url, HTML);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type'), url).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control'), url).toBe('no-cache');
      expect(response.headers.get('content-security-policy'), url).toContain("script-src 'self'");
      expect(await response.text(), url).toContain('<div id="root">');
    }
  });

  it('caches hashed files for good and names the current deploy no-cache', async () => {
    const page = await (await get('/', HTML)).text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(page)![1];
    expect((await get(asset)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    const manifest = await get('/remotes.json');
    expect(manifest.headers.get('cache-control')).toBe('no-cache');
    expect(parseRemoteManifest(await manifest.json()).remotes.map((remote) => remote.name)).toEqual(['activities', 'admin', 'reports']);

    const entry = await get(`/remotes/activities/${slot}/remoteEntry.js`);
    expect(entry.status).toBe(200);
    expect(entry.headers.get('cache-control')).toBe('no-cache');
    const chunk = /assets\/[^"']+\.js/.exec(await entry.text())![0];
    expect((await get(`/remotes/activities/${slot}/${chunk}`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('sends scripts compressed once, at deploy: brotli when the browser offers it, else gzip, else as they are', async () => {
    const url = `${portal.url}/remotes/activities/${slot}/remoteEntry.js`;
    const fetchRaw = (acceptEncoding: string) =>
      new Promise<{ encoding?: string; type?: string; vary?: string; body: Buffer }>((resolve, reject) => {
        request(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ encoding: res.headers['content-encoding'], type: res.headers['content-type'], vary: res.headers.vary, body: Buffer.concat(chunks) }));
        })
          .on('error', reject)
          .end();
      });
    const plain = await fetchRaw('identity');
    expect(plain.encoding).toBeUndefined();
    expect(plain.body.toString()).toContain('import');

    const br = await fetchRaw('gzip, deflate, br');
    expect({ encoding: br.encoding, type: br.type, vary: br.vary }).toEqual({ encoding: 'br', type: 'text/javascript; charset=utf-8', vary: 'Accept-Encoding' });
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);

    const gz = await fetchRaw('gzip');
    expect({ encoding: gz.encoding, type: gz.type, vary: gz.vary }).toEqual({ encoding: 'gzip', type: 'text/javascript; charset=utf-8', vary: 'Accept-Encoding' });
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(gz.body.length);
    expect((await fetchRaw('br;q=0, gzip')).encoding).toBe('gzip');

    // A slot deployed before brotli has only the .gz: a browser offering both still gets it compressed.
    await fs.rm(path.join(portal.deployDir, DEPLOY_LAYOUT.remotesDir, 'activities', slot, 'remoteEntry.js.br'));
    const older = await fetchRaw('gzip, deflate, br');
    expect(older.encoding).toBe('gzip');
    expect(gunzipSync(older.body).equals(plain.body)).toBe(true);

    expect((await get(`/remotes/activities/${slot}/.vite/manifest.json`)).status).toBe(404);
  });

  it('answers a missing file with 404, never with the shell page', async () => {
    for (const url of [`/remotes/activities/${slot}/missing.js`, '/remotes/nope/1/remoteEntry.js', '/assets/missing-abcdefgh.js', '/favicon.ico']) {
      const response = await get(url, HTML);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('<div id="root">');
    }
  });

  it('keeps the gateway routes first: health, readiness, GraphQL and its explorer', async () => {
    expect(await (await get('/healthz', HTML)).json()).toEqual({ status: 'ok' });
    expect((await get('/readyz')).status).toBe(200);
    const graphql = await fetch(`${portal.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer { id } }' }),
    });
    expect(await graphql.json()).toEqual({ data: { viewer: null } });
    const explorer = await (await get('/graphql', HTML)).text();
    expect(explorer).not.toContain('<div id="root">');
  });
});
