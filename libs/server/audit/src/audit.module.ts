import type { ServerModule } from '@pams/server-core';
import { ARCHIVE_AUDIT_SCHEDULE, ARCHIVE_AUDIT_TASK, archiveAuditTask } from './archive/archive-audit-events.js';
import { AuditEvent } from './audit-event.entity.js';
import { AuditSubscriber } from './audit.subscriber.js';
import { AuditEventResolver } from './history/audit-event.resolver.js';

export const auditModule: ServerModule = {
  name: 'audit',
  entities: [AuditEvent],
  resolvers: [AuditEventResolver],
  subscribers: [new AuditSubscriber()],
  tasks: { [ARCHIVE_AUDIT_TASK]: archiveAuditTask },
  schedules: [ARCHIVE_AUDIT_SCHEDULE],
};
