import type { ServerModule } from '@pams/server-core';
import { AuditStreamEntry } from './sequence/audit-stream-entry.entity.js';
import { UnsequencedAuditEvent } from './sequence/unsequenced-audit-event.entity.js';
import { PRUNE_SCHEDULE, PRUNE_TASK, SEQUENCE_SCHEDULE, SEQUENCE_TASK, pruneTask, sequenceTask } from './sequence/sequence.task.js';
import { LiveEventResolver } from './stream/live-event.resolver.js';

export const eventsModule: ServerModule = {
  name: 'events',
  entities: [AuditStreamEntry, UnsequencedAuditEvent],
  resolvers: [LiveEventResolver],
  tasks: { [SEQUENCE_TASK]: sequenceTask, [PRUNE_TASK]: pruneTask },
  schedules: [SEQUENCE_SCHEDULE, PRUNE_SCHEDULE],
};
