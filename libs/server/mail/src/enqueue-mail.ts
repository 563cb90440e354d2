import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueueJob } from '@pams/server-jobs';
import { OutboxMail } from './outbox-mail.entity.js';
import { MAIL_MAX_ATTEMPTS, SEND_MAIL_TASK, type SendMailPayload } from './send-mail.task.js';

export interface MailContent {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
}

/**
 * Puts a mail in the outbox and queues its `mail.send` job, both in the transaction of `em` (which
 * must be in one): the row is written by the transaction's flush, the job by `add_job` at once, and
 * neither exists if the change that causes the mail rolls back.
 */
export async function enqueueMail(em: EntityManager, mail: MailContent): Promise<OutboxMail> {
  const row = em.create(OutboxMail, {
    to: mail.to,
    subject: mail.subject.slice(0, 200),
    text: mail.text,
    html: mail.html ?? null,
  });
  const payload: SendMailPayload = { mailId: row.id };
  await enqueueJob(em, SEND_MAIL_TASK, payload, { maxAttempts: MAIL_MAX_ATTEMPTS });
  return row;
}
