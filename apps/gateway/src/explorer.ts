import type { MikroORM } from '@mikro-orm/postgresql';
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import { ruruHTML } from 'ruru/server';
import { serveStatic } from 'ruru/static';
import { readCredentials, type AppConfig, type Authenticator } from '@pams/server-core';

export interface ExplorerDeps {
  config: AppConfig;
  orm: MikroORM;
  authenticator: Authenticator;
}

/** Where ruru's own files are served from: every asset comes from this server, none from a CDN. */
const ASSETS = '/explorer/assets/';

/** The page may only talk to this origin; inline scripts are ruru's boot code and the sign-in form. */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The bundled GraphQL explorer (ruru, docs/adr): `GET /graphql` from a browser (Accept: text/html) and
 * `GET /explorer`. Signed-in users (session cookie) get the explorer, others a sign-in page; in
 * production nothing is served (404). Mounted before Apollo, which answers every other request.
 */
export function mountExplorer(app: Express, deps: ExplorerDeps): void {
  if (deps.config.production) {
    const notFound: RequestHandler = (req, res, next) => {
      if (req.path !== '/graphql' || wantsHtml(req)) res.status(404).type('text/plain').send('Not found');
      else next();
    };
    app.get(['/graphql', '/explorer', '/explorer/*rest'], notFound);
    return;
  }

  const assets = serveStatic(ASSETS);
  app.get(`${ASSETS}*file`, (req, res, next) => assets(req, res, next));

  const page = async (req: Request, res: Response, next: NextFunction) => {
    try {
      const credentials = readCredentials(req);
      const viewer = credentials.kind === 'session' ? await deps.authenticator.authenticate(deps.orm.em.fork(), credentials, req) : null;
      res.set({
        'Cache-Control': 'no-store',
        Vary: 'Accept, Cookie',
        'Content-Security-Policy': CSP,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      });
      if (!viewer) {
        res.status(401).type('html').send(SIGN_IN_PAGE);
        return;
      }
      res.type('html').send(explorerPage());
    } catch (error) {
      next(error);
    }
  };
  app.get('/explorer', page);
  app.get('/graphql', (req, res, next) => (wantsHtml(req) ? page(req, res, next) : next()));
}

/** A browser navigating here, not a GraphQL client (which asks for JSON, or for anything). */
function wantsHtml(req: Request): boolean {
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

let html: string | undefined;

function explorerPage(): string {
  // ruru's fetcher posts JSON (content-type: application/json, which CSRF prevention accepts) with the
  // browser's default credentials, 'same-origin': the session cookie goes along.
  html ??= ruruHTML({
    endpoint: '/graphql',
    staticPath: ASSETS,
    htmlParts: { titleTag: '<title>PAMS · GraphQL explorer</title>' },
  });
  return html;
}

const SIGN_IN_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>PAMS · sign in first</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 26rem; margin: 4rem auto; padding: 0 1rem; color: #1d2230; }
  label { display: block; margin-top: .75rem; }
  input { width: 100%; box-sizing: border-box; padding: .45rem; font: inherit; }
  button { margin-top: 1rem; padding: .45rem 1.2rem; font: inherit; }
  #message { color: #b00020; min-height: 1.5em; }
</style>
</head>
<body>
<h1>Sign in first</h1>
<p>The GraphQL explorer is for signed-in users.</p>
<form id="sign-in">
  <label>Email <input name="email" type="email" autocomplete="username" required></label>
  <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
  <button type="submit">Sign in</button>
  <p id="message" role="alert"></p>
</form>
<script>
  const form = document.getElementById('sign-in');
  const message = document.getElementById('message');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    const data = new FormData(form);
    try {
      const response = await fetch('/graphql', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation SignIn($email: String!, $password: String!) { signIn(email: $email, password: $password) { __typename ... on UserError { message } } }',
          variables: { email: data.get('email'), password: data.get('password') },
        }),
      });
      const body = await response.json();
      const result = body.data && body.data.signIn;
      if (result && !result.message) location.reload();
      else message.textContent = (result && result.message) || (body.errors && body.errors[0].message) || 'Sign-in failed.';
    } catch {
      message.textContent = 'The server could not be reached.';
    }
  });
</script>
</body>
</html>
`;
