import type { ServerModule } from '@pams/server-core';
import { CLEANUP_EXPORTS_SCHEDULE, CLEANUP_EXPORTS_TASK, cleanupExportsTask } from './jobs/cleanup-exports.task.js';
import { ExportJob } from './jobs/export-job.entity.js';
import { ExportJobResolver } from './jobs/export-job.resolver.js';
import { EXPORT_WRITE_TASK } from './jobs/export-job.service.js';
import { writeExportTask } from './jobs/write-export.task.js';

export const exportsModule: ServerModule = {
  name: 'exports',
  entities: [ExportJob],
  resolvers: [ExportJobResolver],
  tasks: { [EXPORT_WRITE_TASK]: writeExportTask, [CLEANUP_EXPORTS_TASK]: cleanupExportsTask },
  schedules: [CLEANUP_EXPORTS_SCHEDULE],
};
