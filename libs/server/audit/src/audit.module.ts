import type { ServerModule } from '@pams/server-core';
import { AuditEvent } from './audit-event.entity.js';
import { AuditSubscriber } from './audit.subscriber.js';
import { AuditEventResolver } from './history/audit-event.resolver.js';

export const auditModule: ServerModule = {
  name: 'audit',
  entities: [AuditEvent],
  resolvers: [AuditEventResolver],
  subscribers: [new AuditSubscriber()],
};
