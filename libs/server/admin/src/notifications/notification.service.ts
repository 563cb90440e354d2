import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '@pams/server-identity';
import { NotificationPreference } from '../entities/notification-preference.entity.js';
import { checkedPageSize, defineKeyset, isUuid, publicError } from '@pams/server-core';
import type { NotificationConnection, NotificationPreferencesType, NotificationType } from './notification.type.js';

export const DEFAULT_NOTIFICATION_PAGE_SIZE = 20;
export const MAX_NOTIFICATION_PAGE_SIZE = 100;
const MAX_MARKED = 500;

interface NotificationRow {
  id: string;
  kind: string;
  subject: string;
  body: string;
  createdAt: Date;
  readAt: Date | null;
  created_key: string;
}

/** Newest first. */
const NOTIFICATION_ORDER = defineKeyset<NotificationRow>([
  { sql: 'n.created_at', direction: 'desc', kind: 'timestamptz', read: (row) => row.created_key },
  { sql: 'n.id', direction: 'desc', kind: 'uuid', read: (row) => row.id },
]);

export async function findMyNotifications(
  em: EntityManager,
  userId: string,
  args: { unreadOnly?: boolean | null; first?: number | null; after?: string | null },
): Promise<NotificationConnection> {
  const page = NOTIFICATION_ORDER.page(checkedPageSize(args.first, DEFAULT_NOTIFICATION_PAGE_SIZE, MAX_NOTIFICATION_PAGE_SIZE), args.after);
  const where = ['n.user_id = ?'];
  const params: unknown[] = [userId];
  if (args.unreadOnly) where.push('n.read_at is null');
  if (page.where) {
    where.push(page.where.sql);
    params.push(...page.where.params);
  }
  const rows = await em.getConnection().execute<NotificationRow[]>(
    `select n.id, n.kind, n.subject, n.body, n.created_at as "createdAt", n.read_at as "readAt",
        to_char(n.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_key
       from notification n where ${where.join(' and ')} order by ${page.orderBy} limit ?`,
    [...params, page.limit],
  );
  return page.connection(rows, (nodes) => nodes.map(toNode));
}

function toNode(row: NotificationRow): NotificationType {
  return { id: row.id, kind: row.kind, subject: row.subject, body: row.body, createdAt: new Date(row.createdAt), readAt: row.readAt ? new Date(row.readAt) : null };
}

export async function unreadNotificationCount(em: EntityManager, userId: string): Promise<number> {
  const [row] = await em.getConnection().execute<{ n: number }[]>('select count(*)::int as n from notification where user_id = ? and read_at is null', [userId]);
  return row.n;
}

/**
 * Marks the viewer's notifications read: those named, or all when `ids` is null. Only their own
 * (another user's id is silently no match). A raw update on purpose: reading records use, not a
 * change (docs/adr/0007), like a session's last-seen time.
 */
export async function markNotificationsRead(em: EntityManager, userId: string, ids: readonly string[] | null | undefined): Promise<{ marked: number; unreadCount: number }> {
  let marked: number;
  if (ids == null) {
    const result = await em.getConnection().execute<{ affectedRows: number }>('update notification set read_at = now() where user_id = ? and read_at is null', [userId], 'run');
    marked = result.affectedRows;
  } else {
    if (ids.length > MAX_MARKED) throw publicError('BAD_USER_INPUT', `Mark at most ${MAX_MARKED} notifications at once.`);
    const valid = [...new Set(ids.filter(isUuid))];
    if (valid.length === 0) marked = 0;
    else {
      const result = await em
        .getConnection()
        .execute<{ affectedRows: number }>('update notification set read_at = now() where user_id = ? and read_at is null and id in (?)', [userId, valid], 'run');
      marked = result.affectedRows;
    }
  }
  return { marked, unreadCount: await unreadNotificationCount(em, userId) };
}

/** The viewer's notice choices; the defaults when they never chose. */
export async function notificationPreferences(em: EntityManager, userId: string): Promise<NotificationPreferencesType> {
  const pref = await em.findOne(NotificationPreference, { user: userId });
  return { weeklyDigest: pref?.weeklyDigest ?? false };
}

/** Sets the viewer's choices (audited as a NotificationPreference change). */
export async function setNotificationPreferences(em: EntityManager, userId: string, choices: { weeklyDigest: boolean }): Promise<NotificationPreferencesType> {
  return em.transactional(async (tx) => {
    const pref =
      (await tx.findOne(NotificationPreference, { user: userId }, { lockMode: LockMode.PESSIMISTIC_WRITE })) ??
      tx.create(NotificationPreference, { user: tx.getReference(User, userId) });
    if (pref.weeklyDigest !== choices.weeklyDigest) {
      pref.weeklyDigest = choices.weeklyDigest;
      pref.updatedAt = new Date();
    }
    return { weeklyDigest: pref.weeklyDigest };
  });
}
