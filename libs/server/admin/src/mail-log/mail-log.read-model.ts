import fs from 'node:fs/promises';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { checkedPageSize, defineKeyset, isUuid, publicError, type AppConfig } from '@pams/server-core';
import type { MailStatus } from '@pams/server-mail';
import type { MailLogFilter, MailMessageType, OutboxMailConnection, OutboxMailType } from './mail-log.type.js';

export const DEFAULT_MAIL_LOG_PAGE_SIZE = 50;
export const MAX_MAIL_LOG_PAGE_SIZE = 200;
const TO_MAX = 254;
/** A development mail is small; a larger file is not shown in the browser. */
const MESSAGE_MAX_BYTES = 1_000_000;

interface MailRow {
  id: string;
  to: string;
  subject: string;
  status: MailStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  created_key: string;
}

/** Newest first. */
const MAIL_ORDER = defineKeyset<MailRow>([
  { sql: 'm.created_at', direction: 'desc', kind: 'timestamptz', read: (row) => row.created_key },
  { sql: 'm.id', direction: 'desc', kind: 'uuid', read: (row) => row.id },
]);

/** The outbox as a log (admins): what was sent to whom, what is waiting, what failed and why. */
export async function findMailLog(em: EntityManager, args: { filter?: MailLogFilter | null; first?: number | null; after?: string | null }): Promise<OutboxMailConnection> {
  const page = MAIL_ORDER.page(checkedPageSize(args.first, DEFAULT_MAIL_LOG_PAGE_SIZE, MAX_MAIL_LOG_PAGE_SIZE), args.after);
  const where: string[] = [];
  const params: unknown[] = [];
  if (args.filter?.status) {
    where.push('m.status = ?');
    params.push(args.filter.status);
  }
  const to = args.filter?.to?.trim().toLowerCase();
  if (to && to.length > TO_MAX) throw publicError('BAD_USER_INPUT', `"to" is longer than ${TO_MAX} characters.`);
  if (to) {
    // strpos, not like: % and _ in what the admin typed are plain characters.
    where.push('strpos(lower(m."to"), ?) > 0');
    params.push(to);
  }
  if (page.where) {
    where.push(page.where.sql);
    params.push(...page.where.params);
  }
  const rows = await em.getConnection().execute<MailRow[]>(
    `select m.id, m."to", m.subject, m.status, m.attempts, m.last_error as "lastError", m.created_at as "createdAt", m.sent_at as "sentAt",
        to_char(m.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_key
       from outbox_mail m ${where.length ? `where ${where.join(' and ')}` : ''} order by ${page.orderBy} limit ?`,
    [...params, page.limit],
  );
  return page.connection(rows, (nodes) => nodes.map(toNode));
}

function toNode(row: MailRow): OutboxMailType {
  return {
    id: row.id,
    to: row.to,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: new Date(row.createdAt),
    sentAt: row.sentAt ? new Date(row.sentAt) : null,
  };
}

/**
 * The `.eml` the development transport wrote for a mail (`<mail dir>/<id>.eml`). Where mail goes out by
 * SMTP there are no files, and the message is not kept: it may hold a password-reset link.
 */
export async function findMailMessage(em: EntityManager, config: Pick<AppConfig, 'mail'>, id: string): Promise<MailMessageType | null> {
  if (!isUuid(id)) return null;
  const [known] = await em.getConnection().execute<{ one: number }[]>('select 1 as one from outbox_mail where id = ?', [id]);
  if (!known) return null;
  if (config.mail.smtpUrl) return { id, source: null, unavailable: 'Mail is sent by SMTP here; messages are not kept as files.' };
  const file = path.join(config.mail.dir, `${id}.eml`);
  try {
    const stat = await fs.stat(file);
    if (stat.size > MESSAGE_MAX_BYTES) return { id, source: null, unavailable: `The message is ${Math.round(stat.size / 1000)} kB, too large to show here; it is ${file}.` };
    return { id, source: await fs.readFile(file, 'utf8'), unavailable: null };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { id, source: null, unavailable: 'Not written yet: the mail is still waiting to be sent, or sending it failed.' };
    throw error;
  }
}
