import type { ServerModule } from '@pams/server-core';
import { OutboxMail } from './outbox-mail.entity.js';

export const mailModule: ServerModule = {
  name: 'mail',
  entities: [OutboxMail],
  resolvers: [],
};
