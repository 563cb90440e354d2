import type { MikroORM } from '@mikro-orm/postgresql';
import express, { type Request, type Response, type Router } from 'express';
import { inRequestScope, refuse, signedInOrRefused, type Authenticator, type Viewer } from '@pams/server-core';
import { IMPORT_WRITER_ROLES } from './outcome-import.access.js';
import { createOutcomeImport } from './outcome-import.service.js';
import { IMPORT_MAX_BYTES, ImportFileError, parseOutcomeFile } from './parse-outcome-file.js';

export interface OutcomeImportRoutesDeps {
  orm: MikroORM;
  /** The gateway's authenticator, the one the GraphQL context uses. */
  authenticator: Authenticator;
}

export const OUTCOME_IMPORT_PATH = '/outcomes/imports';
/** Only these: none is a "simple" content type, so a cross-site form or no-cors fetch cannot post one (CSRF). */
const CONTENT_TYPES = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream'];

const raw = express.raw({ limit: IMPORT_MAX_BYTES, type: () => true });

/**
 * Mounts `POST /outcomes/imports?fileName=<name>` (P-024): the body is the CRM's .xlsx export itself
 * (Content-Type as CONTENT_TYPES, at most 5 MB). Answers 201 `{ import: { id, version, rowCount } }`
 * once staged (review and apply are GraphQL), 400 `{ error: { code: 'BAD_FILE', message } }` for a file
 * that is not a usable export (nothing is stored), 413 over the limit, 401/403 as the API would.
 */
export function mountOutcomeImportRoutes(router: Pick<Router, 'post'>, deps: OutcomeImportRoutesDeps): void {
  router.post(OUTCOME_IMPORT_PATH, (req, res, next) => {
    inRequestScope(req, () => upload(deps, req, res)).catch(next);
  });
}

/** The caller when they may upload: signed in to the portal (not a token) as a manager or an admin. */
async function signedInWriter(deps: OutcomeImportRoutesDeps, req: Request, res: Response): Promise<Viewer | null> {
  const viewer = await signedInOrRefused({ authenticator: deps.authenticator, em: () => deps.orm.em.fork() }, req, res);
  if (!viewer) return null;
  if (viewer.via === 'token') refuse(res, 403, 'READ_ONLY_TOKEN', 'Access tokens are read-only: sign in to the portal to import outcomes.');
  else if (!IMPORT_WRITER_ROLES.includes(viewer.role)) refuse(res, 403, 'FORBIDDEN', 'Only managers and admins can import outcomes.');
  else return viewer;
  return null;
}

/** The body, read only after the caller is known; a body over the limit is answered 413 without reading it whole. */
function readBody(req: Request, res: Response): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    raw(req, res, (error?: unknown) => {
      if (!error) return resolve(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
      const status = (error as { status?: number }).status;
      if (status === 413) {
        refuse(res, 413, 'PAYLOAD_TOO_LARGE', `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB: split the export and upload each part.`);
        return resolve(null);
      }
      if (status && status < 500) {
        refuse(res, 400, 'BAD_FILE', 'The upload could not be read.');
        return resolve(null);
      }
      reject(error);
    });
  });
}

async function upload(deps: OutcomeImportRoutesDeps, req: Request, res: Response): Promise<void> {
  const viewer = await signedInWriter(deps, req, res);
  if (!viewer) return;
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (!CONTENT_TYPES.includes(type)) {
    return refuse(res, 415, 'UNSUPPORTED_MEDIA_TYPE', `Send the .xlsx file itself as the body, with Content-Type ${CONTENT_TYPES[0]}.`);
  }
  const body = await readBody(req, res);
  if (!body) return;
  const name = typeof req.query.fileName === 'string' && req.query.fileName.trim() ? req.query.fileName.trim() : 'crm-export.xlsx';
  let parsed;
  try {
    parsed = await parseOutcomeFile(body);
  } catch (error) {
    if (error instanceof ImportFileError) return refuse(res, 400, 'BAD_FILE', error.message);
    throw error;
  }
  const created = await createOutcomeImport(deps.orm.em.fork(), viewer, name, parsed);
  if (!('id' in created)) return refuse(res, 403, 'FORBIDDEN', created.message);
  res.status(201).set('Cache-Control', 'no-store').json({ import: { id: created.id, version: created.version, rowCount: created.rowCount, counts: created.counts } });
}
