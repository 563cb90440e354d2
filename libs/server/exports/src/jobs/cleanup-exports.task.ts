import fsp from 'node:fs/promises';
import path from 'node:path';
import type { TaskHandler } from '@pams/server-core';
import type { ExportFormat } from '../export-kinds.js';
import { EXPORT_FILE_TTL_MS, exportFilePath, exportsDir } from './export-files.js';

// A colon, not a dot: graphile-worker's crontab refuses dots in task names.
export const CLEANUP_EXPORTS_TASK = 'exports:cleanup';

/** Hourly: a file lives a day, give or take an hour. */
export const CLEANUP_EXPORTS_SCHEDULE = `17 * * * * ${CLEANUP_EXPORTS_TASK} ?id=exports_cleanup&max=1&jobKey=exports_cleanup`;

/**
 * Removes export jobs older than a day with their files, then any file in the exports folder older than
 * a day that no job names (a crash between writing and recording, a job removed by hand).
 */
export const cleanupExportsTask: TaskHandler = async (_payload, { em, log, config }) => {
  const cutoff = new Date(Date.now() - EXPORT_FILE_TTL_MS);
  const removed = await em
    .getConnection()
    .execute<{ id: string; format: ExportFormat }[]>('delete from export_job where created_at < ? returning id, format', [cutoff]);
  for (const job of removed) {
    const file = exportFilePath(config, job.id, job.format);
    await fsp.rm(file, { force: true });
    await fsp.rm(`${file}.part`, { force: true });
  }
  const dir = exportsDir(config);
  const names = await fsp.readdir(dir).catch(() => [] as string[]);
  let strays = 0;
  for (const name of names) {
    const file = path.join(dir, name);
    const stat = await fsp.stat(file).catch(() => null);
    if (stat?.isFile() && stat.mtime < cutoff) {
      await fsp.rm(file, { force: true });
      strays += 1;
    }
  }
  if (removed.length > 0 || strays > 0) log.info({ jobs: removed.length, strays }, 'old exports removed');
};
