import type { ServerModule } from '@pams/server-core';
import { AuditEvent } from './audit-event.entity.js';

export const auditModule: ServerModule = {
  name: 'audit',
  entities: [AuditEvent],
  resolvers: [],
  subscribers: [],
};
