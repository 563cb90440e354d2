import path from 'node:path';
import type { AppConfig } from '@pams/server-core';
import { FORMATS, type ExportFormat } from '../export-kinds.js';

/** Files older than this are removed by `exports:cleanup` (and their jobs forgotten). */
export const EXPORT_FILE_TTL_MS = 24 * 60 * 60 * 1000;

export function exportsDir(config: Pick<AppConfig, 'dataDir'>): string {
  return path.join(config.dataDir, 'exports');
}

/** Where a job's file is; ids are uuids (checked before this is called), so no path escapes the folder. */
export function exportFilePath(config: Pick<AppConfig, 'dataDir'>, id: string, format: ExportFormat): string {
  return path.join(exportsDir(config), `${id}.${FORMATS[format].extension}`);
}

export function downloadPathOf(id: string): string {
  return `/exports/files/${id}`;
}
