import type { EntityManager } from '@mikro-orm/postgresql';
import { registerEnumType } from 'type-graphql';
import type { Viewer } from '@pams/server-core';
import { activitiesFileBase, activitiesSource, checkActivities, parseActivitiesParams } from './sources/activities.source.js';
import { activityReportFileBase, activityReportSource, checkActivityReport, parseActivityReportParams } from './sources/activity-report.source.js';
import { outcomeReportFileBase, outcomeReportSource, parseOutcomeReportParams } from './sources/outcome-report.source.js';
import type { TableSource } from './table-source.js';
import { auditEventsFileBase, auditEventsSource, checkAuditEvents, parseAuditEventsParams } from './sources/audit-events.source.js';
import { writeCsv } from './writers/csv.writer.js';
import { writeJson } from './writers/json.writer.js';
import { writePdf } from './writers/pdf.writer.js';
import type { ExportFormatName, TableWriter } from './writers/writer.js';
import { writeXlsx } from './writers/xlsx.writer.js';

export enum ExportKind {
  ACTIVITY_REPORT = 'ACTIVITY_REPORT',
  OUTCOME_REPORT = 'OUTCOME_REPORT',
  ACTIVITIES = 'ACTIVITIES',
  AUDIT_EVENTS = 'AUDIT_EVENTS',
}

export enum ExportFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
  PDF = 'PDF',
  /** An array of objects, for tooling (an audit event's changes as objects). */
  JSON = 'JSON',
}

registerEnumType(ExportKind, { name: 'ExportKind', description: 'Which table an export holds.' });
registerEnumType(ExportFormat, { name: 'ExportFormat' });

export interface FormatSpec {
  extension: ExportFormatName;
  contentType: string;
  write: TableWriter;
}

export const FORMATS: Record<ExportFormat, FormatSpec> = {
  CSV: { extension: 'csv', contentType: 'text/csv; charset=utf-8', write: writeCsv },
  XLSX: { extension: 'xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', write: writeXlsx },
  PDF: { extension: 'pdf', contentType: 'application/pdf', write: writePdf },
  JSON: { extension: 'json', contentType: 'application/json; charset=utf-8', write: writeJson },
};

export function formatOfExtension(extension: string): ExportFormat | undefined {
  return (Object.keys(FORMATS) as ExportFormat[]).find((f) => FORMATS[f].extension === extension);
}

/** One kind of export: its parameters checked (shape, then the service's own rules), its source, its file name. */
export interface KindSpec<Params = any> {
  /** The download's path under /exports (`<path>.<ext>`). */
  path: string;
  /** Shape checks; throws BAD_USER_INPUT with the parameter's name. */
  parse(params: Record<string, unknown>): Params;
  /** Everything the service would refuse, before a job is queued (reads as little as it can). */
  check(em: EntityManager, viewer: Viewer, params: Params): Promise<void>;
  open(em: EntityManager, viewer: Viewer, params: Params): Promise<TableSource>;
  fileBase(params: Params): string;
}

export const KINDS: Record<ExportKind, KindSpec> = {
  ACTIVITY_REPORT: {
    path: 'activity-report',
    parse: parseActivityReportParams,
    check: async (_em, viewer, params) => checkActivityReport(viewer, params),
    open: activityReportSource,
    fileBase: activityReportFileBase,
  },
  OUTCOME_REPORT: {
    path: 'outcome-report',
    parse: parseOutcomeReportParams,
    // Bounded (at most 500 outcomes, 5 s): running it is the surest check.
    check: async (em, viewer, params) => void (await outcomeReportSource(em, viewer, params)),
    open: outcomeReportSource,
    fileBase: outcomeReportFileBase,
  },
  ACTIVITIES: {
    path: 'activities',
    parse: parseActivitiesParams,
    check: checkActivities,
    open: activitiesSource,
    fileBase: activitiesFileBase,
  },
  AUDIT_EVENTS: {
    path: 'audit-events',
    parse: parseAuditEventsParams,
    check: checkAuditEvents,
    open: auditEventsSource,
    fileBase: auditEventsFileBase,
  },
};
