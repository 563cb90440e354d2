import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '@pams/shared-util';
import { Region, User, hashPassword } from '@pams/server-identity';
import { startTestApp, type TestApp } from './support/test-app.js';

const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

/** The bundled GraphQL explorer: for signed-in users outside production, every file from this server. */
describe('GraphQL explorer', () => {
  describe('outside production', () => {
    let app: TestApp;
    let cookie: string;
    beforeAll(async () => {
      app = await startTestApp();
      const em = app.orm.em.fork();
      const region = em.create(Region, { name: 'SEA' });
      em.create(User, {
        email: 'explorer@pams.test',
        name: 'Explorer User',
        role: Role.ANALYST,
        passwordHash: await hashPassword('explorer-password'),
        regions: [region],
        defaultRegion: region,
      });
      await em.flush();
      const client = app.client();
      const signedIn = await client.data<{ signIn: { __typename: string } }>(
        'mutation ($email: String!, $password: String!) { signIn(email: $email, password: $password) { __typename } }',
        { email: 'explorer@pams.test', password: 'explorer-password' },
      );
      expect(signedIn.signIn.__typename).toBe('SignInSuccess');
      cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    });
    afterAll(() => app.close());

    it('asks a browser that is not signed in to sign in first', async () => {
      for (const path of ['/graphql', '/explorer']) {
        const response = await fetch(app.url + path, { headers: HTML });
        expect(response.status).toBe(401);
        expect(response.headers.get('content-type')).toMatch(/^text\/html/);
        expect(response.headers.get('cache-control')).toBe('no-store');
        const page = await response.text();
        expect(page).toContain('Sign in first');
        // Its sign-in form posts JSON (CSRF prevention accepts it) with the session cookie.
        expect(page).toContain(`'content-type': 'application/json'`);
        expect(page).toContain(`credentials: 'same-origin'`);
        expect(page).not.toMatch(/https?:\/\//);
      }
    });

    it('serves the explorer to a signed-in browser, with every file from this server', async () => {
      const response = await fetch(`${app.url}/graphql`, { headers: { ...HTML, cookie } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
      const page = await response.text();
      expect(page).toContain('PAMS · GraphQL explorer');
      expect(page).toContain('"endpoint": "/graphql"');
      expect(page).not.toMatch(/https?:\/\//);

      const referenced = new Set([...page.matchAll(/\/explorer\/assets\/([\w.-]+)/g)].map((m) => m[1]));
      for (const worker of page.matchAll(/worker\("([\w.-]+)"\)/g)) referenced.add(worker[1]);
      expect([...referenced]).toEqual(expect.arrayContaining(['ruru.js', 'ruru.css', 'editorWorker.js', 'graphqlWorker.js', 'jsonWorker.js']));

      const main = await asset('ruru.js');
      // Code-split chunks that ruru.js loads on demand.
      for (const chunk of main.matchAll(/\.e\((\d+)\)/g)) referenced.add(`${chunk[1]}.js`);
      for (const file of referenced) await asset(file);
    });

    it('leaves GraphQL clients to the GraphQL endpoint', async () => {
      const response = await fetch(`${app.url}/graphql`, { headers: { accept: 'application/json', cookie } });
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const data = await app.client().data<{ viewer: null }>('{ viewer { id } }');
      expect(data.viewer).toBeNull();
    });

    async function asset(file: string): Promise<string> {
      const response = await fetch(`${app.url}/explorer/assets/${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-type'), file).toMatch(file.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
      return response.text();
    }
  });

  describe('in production', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ NODE_ENV: 'production' });
    });
    afterAll(() => app.close());

    it('does not exist', async () => {
      for (const path of ['/graphql', '/explorer', '/explorer/assets/ruru.js']) {
        const response = await fetch(app.url + path, { headers: HTML });
        expect(response.status, path).toBe(404);
      }
    });
  });
});
