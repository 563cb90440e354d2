import type { ServerModule } from '@pams/server-core';
import { Attachment } from './attachment.entity.js';
import { AttachmentResolver } from './attachment.resolver.js';
import { PURGE_ATTACHMENTS_SCHEDULE, PURGE_ATTACHMENTS_TASK, purgeAttachmentsTask } from './attachment.service.js';

export const attachmentsModule: ServerModule = {
  name: 'attachments',
  entities: [Attachment],
  resolvers: [AttachmentResolver],
  tasks: { [PURGE_ATTACHMENTS_TASK]: purgeAttachmentsTask },
  schedules: [PURGE_ATTACHMENTS_SCHEDULE],
};
