import type { MikroORM } from '@mikro-orm/postgresql';
import type { Request, Response, Router } from 'express';
import { stringify } from 'csv-stringify';
import { inRequestScope, isUuid, refuse, signedInOrRefused, type AppConfig, type Authenticator, type Viewer } from '@pams/server-core';
import { Role } from '@pams/shared-util';
import { LegacyImport, LegacyImportKind } from '../entities/legacy-import.entity.js';
import { keyText } from '../legacy-import.service.js';
import { rowBatch } from '../run/rows-sql.js';
import { stageUpload } from '../run/stage.js';

export interface LegacyImportRoutesDeps {
  orm: MikroORM;
  config: AppConfig;
  authenticator: Authenticator;
}

export const LEGACY_IMPORT_PATH = '/legacy-imports';
/** A header no cross-site form can send: an upload with the session cookie must come from our own pages. */
const UPLOAD_HEADER = 'x-pams-upload';

/**
 * `POST /legacy-imports?id=<uuid>&kind=ACTIVITIES|ACCOUNTS|PROJECTS|USERS&fileName=<name>` with the CSV or
 * .xlsx as the raw body (header `X-PAMS-Upload: 1`): the id is the client's, so it can follow the
 * staging's progress (`legacyImport(id)`) while the upload runs. Answers 201 once staged, 422 when the
 * file is unusable (the import is FAILED with the reason), 400/401/403/409 otherwise.
 * `GET /legacy-imports/<id>/report.csv`: the dry-run diff report, one line per row and changed field.
 */
export function mountLegacyImportRoutes(router: Pick<Router, 'get' | 'post'>, deps: LegacyImportRoutesDeps): void {
  router.post(LEGACY_IMPORT_PATH, (req, res, next) => {
    inRequestScope(req, () => upload(deps, req, res)).catch(next);
  });
  router.get(`${LEGACY_IMPORT_PATH}/:id/report.csv`, (req, res, next) => {
    inRequestScope(req, () => report(deps, String(req.params.id), req, res)).catch(next);
  });
}

async function signedInAdmin(deps: LegacyImportRoutesDeps, req: Request, res: Response): Promise<Viewer | null> {
  const viewer = await signedInOrRefused({ authenticator: deps.authenticator, em: () => deps.orm.em.fork() }, req, res);
  if (!viewer) return null;
  if (viewer.via === 'token') refuse(res, 403, 'READ_ONLY_TOKEN', 'Access tokens are read-only: sign in to the portal to import legacy data.');
  else if (viewer.role !== Role.ADMIN) refuse(res, 403, 'FORBIDDEN', 'Only admins can import legacy data.');
  else return viewer;
  return null;
}

async function upload(deps: LegacyImportRoutesDeps, req: Request, res: Response): Promise<void> {
  const viewer = await signedInAdmin(deps, req, res);
  if (!viewer) return;
  const { id, kind, fileName } = req.query;
  const bad = (message: string) => {
    refuse(res, 400, 'BAD_USER_INPUT', message);
    res.once('finish', () => req.destroy());
  };
  if (req.headers[UPLOAD_HEADER] !== '1') return bad('Send the upload with the header X-PAMS-Upload: 1.');
  if (typeof id !== 'string' || !isUuid(id)) return bad('"id" must be a new uuid chosen by the client.');
  if (typeof kind !== 'string' || !(kind in LegacyImportKind)) return bad(`"kind" must be one of ${Object.keys(LegacyImportKind).join(', ')}.`);
  if (typeof fileName !== 'string' || fileName.trim() === '') return bad('Give the file\'s name as "fileName".');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > deps.config.legacyImport.maxBytes) {
    refuse(res, 413, 'PAYLOAD_TOO_LARGE', `The file is larger than ${deps.config.legacyImport.maxBytes / 1024 / 1024} MB: split it and import each part.`);
    res.once('finish', () => req.destroy());
    return;
  }
  const em = deps.orm.em.fork();
  if (await em.findOne(LegacyImport, id)) return bad('An import with this id exists already: choose a new id.');
  const imp = await stageUpload(em, viewer, { id, kind: kind as LegacyImportKind, fileName: fileName.trim(), maxBytes: deps.config.legacyImport.maxBytes }, req);
  const body = { import: { id: imp.id, version: imp.version, status: imp.status, stagedRows: imp.stagedRows, error: imp.error } };
  if (imp.error) {
    if (!req.readableEnded) res.set('Connection', 'close');
    res.status(422).set('Cache-Control', 'no-store').json({ error: { code: 'BAD_FILE', message: imp.error }, ...body });
    if (!req.readableEnded) res.once('finish', () => req.destroy());
    return;
  }
  res.status(201).set('Cache-Control', 'no-store').json(body);
}

async function report(deps: LegacyImportRoutesDeps, id: string, req: Request, res: Response): Promise<void> {
  const viewer = await signedInAdmin(deps, req, res);
  if (!viewer) return;
  const em = deps.orm.em.fork();
  const imp = isUuid(id) ? await em.findOne(LegacyImport, id) : null;
  if (!imp) return refuse(res, 404, 'NOT_FOUND', 'No such import.');
  if (!imp.counts) return refuse(res, 409, 'NOT_CHECKED', 'The import has no dry run yet: run it first.');
  res.status(200).set({
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="legacy-import-${imp.kind.toLowerCase()}-${imp.id.slice(0, 8)}-report.csv"`,
    'Cache-Control': 'private, no-store',
  });
  const csv = stringify({ header: true, columns: ['row', 'status', 'key', 'field', 'in PAMS', 'in the file', 'keeps', 'reason'], bom: true, record_delimiter: 'windows' });
  csv.pipe(res);
  let after = 0;
  for (;;) {
    const batch = await rowBatch(em, imp.id, after);
    if (batch.length === 0) break;
    after = batch[batch.length - 1].row_number;
    for (const row of batch) {
      const key = keyText(imp.kind, row.display) || row.cells.filter(Boolean).slice(0, 3).join(' · ');
      const lines: unknown[][] = [];
      for (const d of row.differences ?? []) lines.push([row.row_number, row.status, key, d.label, d.before, d.after, row.choices?.[d.field] ?? 'PAMS', '']);
      for (const r of row.reasons ?? []) lines.push([row.row_number, row.status, key, r.field, '', '', '', `${r.code}: ${r.message}`]);
      if (lines.length === 0) lines.push([row.row_number, row.status, key, '', '', '', '', '']);
      for (const line of lines) if (!csv.write(line)) await new Promise((resolve) => csv.once('drain', resolve));
    }
  }
  csv.end();
  await new Promise((resolve) => res.once('finish', resolve));
}
