import fs from 'node:fs';
import path from 'node:path';
import express, { type Express, type NextFunction, type RequestHandler, type Response } from 'express';
import type { AppConfig } from '@pams/server-core';
import { DEPLOY_LAYOUT } from '@pams/shared-remote-contract';

/**
 * The web portal, served by the gateway on its own port (docs/adr/0009), from the deploy folder that
 * tools/deploy fills (`<PAMS_DATA_DIR>/deploy/`, never committed; layout in DEPLOY_LAYOUT): the shell at
 * `/` (its page for every portal path), each remote build at `/remotes/<name>/<slot>/`, `/remotes.json`.
 * Mounted after /graphql, /healthz, /readyz and /explorer, which keep precedence.
 */
export function deployDirOf(config: AppConfig): string {
  return path.join(config.dataDir, DEPLOY_LAYOUT.dir);
}

/** The browser revalidates these on every load: they name the files of the current deploy. */
const NO_CACHE = 'no-cache';
/** Vite writes content-hashed names under `assets/`: a name never changes content. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Only the portal's own origin: the shell, its remotes and /graphql are all served from here. */
const PORTAL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** Paths that belong to the gateway itself: never answered with the portal's page. */
const GATEWAY_PATHS = /^\/(graphql|explorer|healthz|readyz|remotes|assets)(\/|$)/;

export function mountStaticApps(app: Express, deployDir: string): void {
  const shellDir = path.join(deployDir, DEPLOY_LAYOUT.shellDir);
  const cacheControl = (root: string, file: string) => (path.relative(root, file).split(path.sep).includes('assets') ? IMMUTABLE : NO_CACHE);
  const serve = (root: string, fallthrough: boolean): RequestHandler[] => [
    precompressed(root, cacheControl),
    express.static(root, {
      index: false,
      fallthrough,
      dotfiles: 'ignore',
      setHeaders: (res, file) => res.setHeader('Cache-Control', cacheControl(root, file)),
    }),
  ];

  app.get(DEPLOY_LAYOUT.manifestUrl, (_req, res, next) =>
    sendNoCache(res, next, path.join(deployDir, DEPLOY_LAYOUT.manifestFile), () => notFound(res, 'No remote is deployed.')),
  );
  // A missing remote file is a 404, never the portal page: the shell must see the failure to show it.
  app.use(`/${DEPLOY_LAYOUT.remotesDir}`, ...serve(path.join(deployDir, DEPLOY_LAYOUT.remotesDir), false));
  app.use(...serve(shellDir, true));

  // Client-side routes (/activities, /admin, …) get the shell's page; the shell routes in the browser.
  app.get(/^\/(?!.*\.[A-Za-z0-9]+$).*/, (req, res, next) => {
    if (GATEWAY_PATHS.test(req.path) || !req.accepts('html')) return next();
    res.set({ 'Content-Security-Policy': PORTAL_CSP, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin' });
    sendNoCache(res, next, path.join(shellDir, 'index.html'), () =>
      res
        .status(503)
        .type('text/plain')
        .send('The web portal is not deployed here yet: `npm start` builds and deploys it (or see tools/deploy).'),
    );
  });
}

/** What tools/deploy writes beside each script, best first: brotli (~18% smaller than gzip), then gzip. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/**
 * Sends `<file>.br` or `<file>.gz` (written by tools/deploy) to a browser that accepts it — brotli when
 * the browser offers it (Chromium does, even on plain http to 127.0.0.1), else gzip: 3–4x fewer bytes for the scripts, compressed
 * once at deploy rather than on every request.
 */
function precompressed(root: string, cacheControl: (root: string, file: string) => string): RequestHandler {
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !/\.(js|css|json|svg)$/.test(req.path)) return next();
    // Ours first whatever the header's order (browsers list gzip before br); a `;q=0` still refuses one.
    const accepted = ENCODINGS.filter((e) => req.acceptsEncodings(e.name) === e.name);
    if (accepted.length === 0) return next();
    let file: string;
    try {
      file = path.join(root, decodeURIComponent(req.path));
    } catch {
      return next();
    }
    // Inside root, and no dot folder or file (.vite/): what express.static would refuse, this refuses too.
    if (path.relative(root, file).split(path.sep).some((part) => part.startsWith('.'))) return next();
    // The file itself must exist too: a compressed one is a copy of it, never a stand-in. The best
    // accepted copy that exists is sent (a slot deployed before brotli has only `.gz`).
    pickCompressed(file, accepted).then((found) => {
      if (!found) return next();
      res.set({ 'Content-Encoding': found.name, Vary: 'Accept-Encoding', 'Cache-Control': cacheControl(root, file) });
      res.type(path.extname(file));
      res.sendFile(`${file}${found.suffix}`, { dotfiles: 'allow', cacheControl: false }, (sendError) => {
        if (sendError && !res.headersSent) next(sendError);
      });
    }, () => next());
  };
}

async function isFile(file: string): Promise<boolean> {
  return fs.promises.stat(file).then(
    (stats) => stats.isFile(),
    () => false,
  );
}

async function pickCompressed(file: string, accepted: readonly (typeof ENCODINGS)[number][]): Promise<(typeof ENCODINGS)[number] | undefined> {
  if (!(await isFile(file))) return undefined;
  for (const encoding of accepted) if (await isFile(`${file}${encoding.suffix}`)) return encoding;
  return undefined;
}

function sendNoCache(res: Response, next: NextFunction, file: string, missing: () => void): void {
  if (!fs.existsSync(file)) return missing();
  // dotfiles: the deploy folder itself may sit under a dot folder (.data/deploy).
  res.sendFile(file, { headers: { 'Cache-Control': NO_CACHE }, dotfiles: 'allow' }, (error) => {
    if (error && !res.headersSent) next(error);
  });
}

function notFound(res: Response, message: string): void {
  res.status(404).type('text/plain').send(message);
}
