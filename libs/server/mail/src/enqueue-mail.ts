import type { EntityManager } from '@mikro-orm/postgresql';
import { OutboxMail } from './outbox-mail.entity.js';

export interface MailContent {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
}

/**
 * Puts a mail in the outbox within the unit of work of `em`: it is written by the caller's flush,
 * in the transaction of the change that causes it, and sent by the dispatcher only after commit.
 */
export function enqueueMail(em: EntityManager, mail: MailContent): OutboxMail {
  return em.create(OutboxMail, {
    to: mail.to,
    subject: mail.subject.slice(0, 200),
    text: mail.text,
    html: mail.html ?? null,
  });
}
