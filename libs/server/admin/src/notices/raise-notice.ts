import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '@pams/server-identity';
import { enqueueMail } from '@pams/server-mail';
import { Notification } from '../entities/notification.entity.js';

export interface Notice {
  kind: string;
  subject: string;
  body: string;
  /** One notice per user and key: a job run twice (a retry after a crash) notifies once. */
  dedupeKey: string;
  /** Also by mail through the outbox (false for notices about mail itself: no mail about failing mail). */
  mail: boolean;
}

const SUBJECT_MAX = 160;

/**
 * Writes an in-app notification for `userId` (audited as a Notification event, which the user's live stream
 * carries, so their unread count moves at once) and, when asked, its mail, in the transaction of `tx`.
 * Answers false when the same notice was raised before.
 */
export async function raiseNotice(tx: EntityManager, userId: string, notice: Notice): Promise<boolean> {
  const [seen] = await tx.getConnection().execute<{ one: number }[]>('select 1 as one from notification where user_id = ? and dedupe_key = ?', [userId, notice.dedupeKey]);
  if (seen) return false;
  const user = await tx.findOne(User, userId);
  if (!user) return false;
  const subject = notice.subject.slice(0, SUBJECT_MAX);
  tx.create(Notification, { user, kind: notice.kind, subject, body: notice.body, dedupeKey: notice.dedupeKey });
  if (notice.mail) {
    await enqueueMail(tx, { to: user.email, subject: `[PAMS] ${subject}`, text: [`Hello ${user.name},`, '', notice.body, '', '— PAMS', ''].join('\n') });
  }
  return true;
}

/** The active admins, who hear about failed jobs and bursts of failed sign-ins. */
export async function activeAdminIds(tx: EntityManager): Promise<string[]> {
  const rows = await tx.getConnection().execute<{ id: string }[]>(`select id from app_user where role = 'ADMIN' and status = 'ACTIVE' order by id`);
  return rows.map((row) => row.id);
}
