import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { AppConfig } from '@pams/server-core';
import type { MailContent } from './enqueue-mail.js';

/** Sends one mail of the outbox; throws when it could not be handed over. */
export interface MailSender {
  readonly kind: 'smtp' | 'file';
  send(id: string, mail: MailContent): Promise<void>;
  close(): void;
}

/**
 * SMTP when SMTP_URL is set; otherwise each mail is written to `<mail dir>/<id>.eml` (development,
 * tests), where any mail client can open it.
 */
export function createMailSender(config: AppConfig['mail']): MailSender {
  return config.smtpUrl ? smtpSender(config.smtpUrl, config.from) : fileSender(config.dir, config.from);
}

function smtpSender(url: string, from: string): MailSender {
  // Bounded waits: a hung mail server must not hold a job (and a runner slot) for long.
  const transport = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  return {
    kind: 'smtp',
    async send(id, mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? undefined, messageId: `<${id}@pams>` });
    },
    close: () => transport.close(),
  };
}

function fileSender(dir: string, from: string): MailSender {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  let ready: Promise<unknown> | undefined;
  return {
    kind: 'file',
    async send(id, mail) {
      ready ??= fs.mkdir(dir, { recursive: true });
      await ready;
      const info = await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? undefined, messageId: `<${id}@pams>` });
      await fs.writeFile(path.join(dir, `${id}.eml`), info.message as Buffer, { mode: 0o600 });
    },
    close: () => transport.close(),
  };
}
