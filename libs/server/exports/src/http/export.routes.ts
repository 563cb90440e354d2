import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Request, Response, Router } from 'express';
import { inRequestScope, publicError, refuse, signedInOrRefused, type AppConfig, type Authenticator, type Logger, type Viewer } from '@pams/server-core';
import { ExportFormat, ExportKind, FORMATS, KINDS } from '../export-kinds.js';
import { parseJsonParam } from '../input-shape.js';
import { ExportJobStatus } from '../jobs/export-job.entity.js';
import { exportJobRow } from '../jobs/export-job.service.js';
import { exportFilePath } from '../jobs/export-files.js';
import { exportFileName, runExport } from '../run-export.js';
import { publicCodeOf } from './http-errors.js';

export interface ExportRoutesDeps {
  orm: MikroORM;
  config: Pick<AppConfig, 'dataDir'>;
  /** The gateway's authenticator, the one the GraphQL context uses (cookie session or Bearer token). */
  authenticator: Authenticator;
}

type Query = Request['query'];

function single(query: Query, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || typeof value === 'string') return value;
  throw publicError('BAD_USER_INPUT', `Give "${name}" once.`);
}

/** Each download's query string as the parameters its kind takes (the same as startExport's `params`). */
const PARAMS_OF_QUERY: Record<ExportKind, (query: Query) => Record<string, unknown>> = {
  ACTIVITY_REPORT: (q) => ({ input: parseJsonParam('input', single(q, 'input')) }),
  OUTCOME_REPORT: (q) => ({ input: parseJsonParam('input', single(q, 'input')), table: single(q, 'table') }),
  ACTIVITIES: (q) => ({ month: single(q, 'month') ?? null, filter: parseJsonParam('filter', single(q, 'filter'), false) }),
  AUDIT_EVENTS: (q) => ({ filter: parseJsonParam('filter', single(q, 'filter'), false) }),
};

const logOf = (req: Request): Logger | undefined => (req as { log?: Logger }).log;

/**
 * Mounts the export downloads (P-014):
 * `GET /exports/activity-report.{csv,xlsx,pdf}?input=<ActivityReportInput as JSON>`,
 * `GET /exports/outcome-report.{csv,xlsx,pdf}?input=<OutcomeReportInput>&table=rows|outcomes`,
 * `GET /exports/activities.{csv,xlsx,pdf}?month=YYYY-MM&filter=<ActivityFilter>` (both optional),
 * `GET /exports/audit-events.{csv,xlsx,pdf,json}?filter=<AuditEventFilter>` (admins), every kind also as `.json`, and
 * `GET /exports/files/<id>` (a finished export job's file, for the user who started it).
 * 401 without valid credentials, 400 `{ error: { code, message } }` on bad input. Files stream as they
 * are written; a failure after the first byte aborts the response, never ends it as if complete.
 */
export function mountExportRoutes(router: Pick<Router, 'get'>, deps: ExportRoutesDeps): void {
  for (const kind of Object.values(ExportKind)) {
    for (const format of Object.values(ExportFormat)) {
      router.get(`/exports/${KINDS[kind].path}.${FORMATS[format].extension}`, (req, res, next) => {
        inRequestScope(req, () => serveExport(deps, kind, format, req, res)).catch(next);
      });
    }
  }
  router.get('/exports/files/:id', (req, res, next) => {
    inRequestScope(req, () => serveFile(deps, String(req.params.id), req, res)).catch(next);
  });
}

/** The signed-in viewer, or the refusal sent (401, or 403 while the password must be changed). */
function signedIn(deps: ExportRoutesDeps, req: Request, res: Response): Promise<Viewer | null> {
  return signedInOrRefused({ authenticator: deps.authenticator, em: () => deps.orm.em.fork() }, req, res);
}

async function serveExport(deps: ExportRoutesDeps, kind: ExportKind, format: ExportFormat, req: Request, res: Response): Promise<void> {
  const viewer = await signedIn(deps, req, res);
  if (!viewer) return;
  let params: unknown;
  try {
    params = KINDS[kind].parse(PARAMS_OF_QUERY[kind](req.query));
  } catch (error) {
    const known = publicCodeOf(error);
    if (!known) throw error;
    return refuse(res, known.status, known.code, known.message);
  }
  try {
    await runExport(deps.orm.em.fork(), viewer, kind, format, params, res, {
      onOpen: () => {
        res.status(200).set({
          'Content-Type': FORMATS[format].contentType,
          'Content-Disposition': `attachment; filename="${exportFileName(kind, format, params)}"`,
          // The rows are the viewer's (role scope): never kept by any cache.
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
        });
      },
    });
  } catch (error) {
    failed(error, req, res);
  }
}

/** Before the first byte: a JSON error. After it: the response is cut, so the client sees a failed download. */
function failed(error: unknown, req: Request, res: Response): void {
  const known = publicCodeOf(error);
  if (!res.headersSent) {
    res.removeHeader('Content-Disposition');
    res.removeHeader('Content-Type');
    if (known) return refuse(res, known.status, known.code, known.message);
    logOf(req)?.error({ err: error }, 'export failed');
    return refuse(res, 500, 'INTERNAL_SERVER_ERROR', `The export failed (request ${String((req as { id?: unknown }).id ?? '')}).`);
  }
  if (res.destroyed) logOf(req)?.info('export download closed by the client');
  else logOf(req)?.error({ err: error }, 'export failed after streaming started; response aborted');
  res.destroy(error instanceof Error ? error : new Error(String(error)));
}

async function serveFile(deps: ExportRoutesDeps, id: string, req: Request, res: Response): Promise<void> {
  const viewer = await signedIn(deps, req, res);
  if (!viewer) return;
  const job = await exportJobRow(deps.orm.em.fork(), id);
  if (!job) return refuse(res, 404, 'NOT_FOUND', 'No such export.');
  if (job.owner_id !== viewer.id) return refuse(res, 403, 'FORBIDDEN', 'Only the user who started an export may download it.');
  if (job.status !== ExportJobStatus.DONE) return refuse(res, 409, 'NOT_READY', `The export is not ready yet (${job.status.toLowerCase()}).`);
  const file = exportFilePath(deps.config, job.id, job.format);
  const stat = await fsp.stat(file).catch(() => null);
  if (!stat) return refuse(res, 404, 'NOT_FOUND', 'The export has been removed; start it again.');
  res.status(200).set({
    'Content-Type': FORMATS[job.format].contentType,
    'Content-Disposition': `attachment; filename="${job.file_name}"`,
    'Content-Length': String(stat.size),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  try {
    await pipeline(fs.createReadStream(file), res);
  } catch (error) {
    failed(error, req, res);
  }
}
