import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TaskHandler } from '@pams/server-core';
import { enqueueMail } from '@pams/server-mail';
import { NotificationPreference } from '../entities/notification-preference.entity.js';

export const WEEKLY_DIGEST_TASK = 'admin:weeklyDigest';
/** Mondays at 07:00 UTC, one run at a time. */
export const WEEKLY_DIGEST_SCHEDULE = `0 7 * * 1 ${WEEKLY_DIGEST_TASK} ?id=weekly_digest&max=1&jobKey=weekly_digest`;

const DAY_MS = 86_400_000;
const LISTED_UNREAD = 5;

/** The ISO week before the one `now` is in: its name (`2026-W49`) and its days [from, to). */
export function previousIsoWeek(now: Date): { name: string; from: string; to: string } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY_MS;
  const start = new Date(monday - 7 * DAY_MS);
  // The ISO year is the year of the week's Thursday; week 1 holds the year's first Thursday.
  const thursday = new Date(start.getTime() + 3 * DAY_MS);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / DAY_MS / 7) + 1;
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return { name: `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`, from: day(start), to: day(new Date(monday)) };
}

interface DigestFigures {
  activities: number;
  days: number;
  halfHours: number;
  unread: number;
  subjects: string[];
}

/**
 * Mails the weekly digest (P-016) to every active user who asked for it: their activities of last week and
 * their unread notifications. One transaction per user writes the mail to the outbox and marks the week
 * sent, so a run again (a retry, a second process) never mails a week twice. Answers how many were sent.
 */
export async function sendWeeklyDigests(em: EntityManager, now = new Date()): Promise<number> {
  const week = previousIsoWeek(now);
  const due = await em.getConnection().execute<{ user_id: string }[]>(
    `select p.user_id from notification_preference p join app_user u on u.id = p.user_id
      where p.weekly_digest and u.status = 'ACTIVE' and p.last_digest_week is distinct from ? order by p.user_id`,
    [week.name],
  );
  let sent = 0;
  for (const { user_id: userId } of due) {
    const mailed = await em.fork().transactional(async (tx) => {
      const pref = await tx.findOne(NotificationPreference, { user: userId }, { populate: ['user'], lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!pref || !pref.weeklyDigest || pref.lastDigestWeek === week.name) return false;
      const figures = await digestFigures(tx, userId, week);
      const user = pref.user;
      await enqueueMail(tx, { to: user.email, subject: `[PAMS] Your week ${week.name}`, text: digestText(user.name, week, figures) });
      pref.lastDigestWeek = week.name;
      pref.updatedAt = new Date();
      return true;
    });
    if (mailed) sent++;
  }
  return sent;
}

async function digestFigures(tx: EntityManager, userId: string, week: { from: string; to: string }): Promise<DigestFigures> {
  const conn = tx.getConnection();
  const [logged] = await conn.execute<{ n: number; days: number; half_hours: number }[]>(
    `select count(*)::int as n, coalesce(sum(effort_days), 0)::int as days, coalesce(sum(effort_half_hours), 0)::int as half_hours
       from activity where owner_id = ? and date >= ? and date < ?`,
    [userId, week.from, week.to],
  );
  const [unread] = await conn.execute<{ n: number }[]>('select count(*)::int as n from notification where user_id = ? and read_at is null', [userId]);
  const subjects = await conn.execute<{ subject: string }[]>(
    'select subject from notification where user_id = ? and read_at is null order by created_at desc, id desc limit ?',
    [userId, LISTED_UNREAD],
  );
  return { activities: logged.n, days: logged.days, halfHours: logged.half_hours, unread: unread.n, subjects: subjects.map((s) => s.subject) };
}

export function digestText(name: string, week: { name: string; from: string; to: string }, f: DigestFigures): string {
  const last = new Date(Date.parse(`${week.to}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
  const effort = [f.days ? `${f.days} days` : null, f.halfHours ? `${f.halfHours / 2} hours` : null].filter(Boolean).join(' and ') || 'no effort';
  const lines = [
    `Hello ${name},`,
    '',
    `Your week ${week.name} (${week.from} to ${last}):`,
    f.activities === 0 ? '- no activities logged. If you worked with customers, log it while you remember.' : `- ${f.activities} ${f.activities === 1 ? 'activity' : 'activities'} logged, ${effort}.`,
    f.unread === 0 ? '- no unread notifications.' : `- ${f.unread} unread ${f.unread === 1 ? 'notification' : 'notifications'}:`,
    ...f.subjects.map((s) => `    · ${s}`),
    '',
    'You get this because you asked for a weekly digest; turn it off on the Notifications page of PAMS.',
    '',
  ];
  return lines.join('\n');
}

export const weeklyDigestTask: TaskHandler = async (_payload, { em, log }) => {
  const sent = await sendWeeklyDigests(em);
  if (sent > 0) log.info({ sent }, 'weekly digests queued');
};
