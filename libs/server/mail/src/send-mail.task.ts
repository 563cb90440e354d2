import type { AppConfig, TaskHandler } from '@pams/server-core';
import { createMailSender, type MailSender } from './mail-sender.js';
import { MailStatus, OutboxMail } from './outbox-mail.entity.js';

export const SEND_MAIL_TASK = 'mail.send';

/** Runs of one mail before it is marked FAILED; graphile-worker waits e^n seconds after the n-th (≈ 3.6 h in all: a mail server down for hours loses nothing). */
export const MAIL_MAX_ATTEMPTS = 10;

export interface SendMailPayload {
  mailId: string;
}

/** One sender per mail configuration, kept across jobs. */
const senders = new WeakMap<AppConfig['mail'], MailSender>();

function senderFor(config: AppConfig['mail']): MailSender {
  let sender = senders.get(config);
  if (!sender) {
    sender = createMailSender(config);
    senders.set(config, sender);
  }
  return sender;
}

/**
 * Sends one outbox mail and records the outcome on its row. A failed send is thrown, so the queue
 * retries it with backoff; on the last attempt the row is marked FAILED first. Delivery is at least
 * once: a crash between sending and saving SENT sends it again.
 */
export function createSendMailTask(sender?: MailSender): TaskHandler<SendMailPayload> {
  return async ({ mailId }, { em, log, config, lastAttempt }) => {
    const mail = await em.findOne(OutboxMail, { id: mailId });
    if (!mail) {
      log.warn({ mailId }, 'mail to send is not in the outbox');
      return;
    }
    // Already settled (the job was run again after a crash, or by hand): never send twice on purpose.
    if (mail.status !== MailStatus.PENDING) return;
    mail.attempts += 1;
    try {
      await (sender ?? senderFor(config.mail)).send(mail.id, mail);
    } catch (error) {
      mail.lastError = String(error instanceof Error ? error.message : error).slice(0, 1000);
      if (lastAttempt) mail.status = MailStatus.FAILED;
      await em.flush();
      throw error;
    }
    mail.status = MailStatus.SENT;
    mail.sentAt = new Date();
    mail.lastError = null;
    await em.flush();
  };
}
