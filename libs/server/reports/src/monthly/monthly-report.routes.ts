import type { MikroORM } from '@mikro-orm/postgresql';
import type { Request, Response, Router } from 'express';
import { GraphQLError } from 'graphql';
import { inRequestScope, refuse, signedInOrRefused, type Authenticator } from '@pams/server-core';
import { monthSpan } from '../rollup/report-range.js';
import { monthlyReport } from './monthly-report.service.js';
import type { MonthlyReport } from './monthly-report.types.js';
import { monthlyReportFileName, renderEmailPackage } from './render/email-package.js';
import { renderMonthlyReportPdf } from './render/monthly-report.pdf.js';

export interface MonthlyReportRoutesDeps {
  orm: MikroORM;
  /** The gateway's authenticator, the one the GraphQL context uses (cookie session or Bearer token). */
  authenticator: Authenticator;
}

interface Download {
  contentType: string;
  fileName(report: MonthlyReport): string;
  render(report: MonthlyReport): Promise<Buffer>;
}

const DOWNLOADS: Record<string, Download> = {
  '/reports/monthly.pdf': { contentType: 'application/pdf', fileName: (r) => monthlyReportFileName(r, 'pdf'), render: renderMonthlyReportPdf },
  '/reports/email-package.zip': {
    contentType: 'application/zip',
    fileName: (r) => monthlyReportFileName(r, 'zip', 'pams-monthly-email'),
    render: renderEmailPackage,
  },
};

const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403 };

function month(req: Request, name: 'from' | 'to'): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Mounts the monthly report downloads: `GET /reports/monthly.pdf` and `GET /reports/email-package.zip`,
 * both `?from=YYYY-MM[&to=YYYY-MM]`, for signed-in viewers in their role's scope (as monthlyReport).
 * Answers 401 without valid credentials and 400 `{ error: { code, message } }` on bad months.
 */
export function mountMonthlyReportRoutes(router: Pick<Router, 'get'>, deps: MonthlyReportRoutesDeps): void {
  for (const [path, download] of Object.entries(DOWNLOADS)) {
    router.get(path, (req, res, next) => {
      inRequestScope(req, () => serve(deps, download, req, res)).catch(next);
    });
  }
}

async function serve(deps: MonthlyReportRoutesDeps, download: Download, req: Request, res: Response): Promise<void> {
  const em = deps.orm.em.fork();
  const viewer = await signedInOrRefused({ authenticator: deps.authenticator, em: () => em }, req, res);
  if (!viewer) return;
  const from = month(req, 'from');
  if (!from) return refuse(res, 400, 'BAD_USER_INPUT', 'Give "from" as a month, YYYY-MM.');
  const to = month(req, 'to') ?? from;
  let report: MonthlyReport;
  try {
    monthSpan(from, to);
    report = await monthlyReport(em, viewer, from, to);
  } catch (error) {
    const code = error instanceof GraphQLError ? String(error.extensions.code ?? '') : '';
    if (!STATUS[code]) throw error;
    return refuse(res, STATUS[code], code, (error as GraphQLError).message);
  }
  const body = await download.render(report);
  res.set({
    'Content-Type': download.contentType,
    'Content-Disposition': `attachment; filename="${download.fileName(report)}"`,
    'Content-Length': String(body.length),
    // The figures are the viewer's (role scope): never kept by a shared cache.
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.status(200).end(body);
}
