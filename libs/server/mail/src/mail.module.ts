import type { ServerModule } from '@pams/server-core';
import { OutboxMail } from './outbox-mail.entity.js';
import { createSendMailTask, SEND_MAIL_TASK } from './send-mail.task.js';

export const mailModule: ServerModule = {
  name: 'mail',
  entities: [OutboxMail],
  resolvers: [],
  tasks: { [SEND_MAIL_TASK]: createSendMailTask() },
};
