import type { EntityClass, EventSubscriber } from '@mikro-orm/core';
import { collectSchedules, collectTasks, type ServerModule, type TaskMap } from '@pams/server-core';
import { auditModule } from '@pams/server-audit';
import { identityModule } from '@pams/server-identity';
import { jobsModule } from '@pams/server-jobs';
import { mailModule } from '@pams/server-mail';
import { referenceModule } from '@pams/server-reference';
import { accountsModule } from '@pams/server-accounts';
import { activitiesModule } from '@pams/server-activities';
import { reportsModule } from '@pams/server-reports';
import { exportsModule } from '@pams/server-exports';
import { referenceAdminModule } from '@pams/server-reference-admin';
import { adminModule } from '@pams/server-admin';
import { eventsModule } from '@pams/server-events';
import { backupsModule } from '@pams/server-backups';
import { attachmentsModule } from '@pams/server-attachments';
import { legacyImportModule } from '@pams/server-legacy-import';

/** Every domain of the gateway, in one list: entities, resolvers, subscribers and tasks come from here. */
export const modules: ServerModule[] = [
  identityModule,
  auditModule,
  jobsModule,
  mailModule,
  referenceModule,
  accountsModule,
  activitiesModule,
  reportsModule,
  exportsModule,
  referenceAdminModule,
  adminModule,
  backupsModule,
  attachmentsModule,
  legacyImportModule,
  eventsModule,
];

export const entities: EntityClass<unknown>[] = modules.flatMap((m) => m.entities);

export function subscribers(): EventSubscriber[] {
  return modules.flatMap((m) => m.subscribers ?? []);
}

/** Every background task, by name (the job runner's task list). */
export function tasks(): TaskMap {
  return collectTasks(modules);
}

/** The recurring jobs of every module (graphile-worker crontab). */
export function schedules(): string {
  return collectSchedules(modules, tasks());
}
