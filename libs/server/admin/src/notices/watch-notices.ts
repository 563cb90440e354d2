import type { EntityManager } from '@mikro-orm/postgresql';
import type { TaskHandler } from '@pams/server-core';
import { readStreamActions, streamHead, type WatchedEvent } from '@pams/server-events';
import { SEND_MAIL_TASK } from '@pams/server-mail';
import { activeAdminIds, raiseNotice } from './raise-notice.js';

export const WATCH_NOTICES_TASK = 'admin:watchNotices';
/** Every minute, one run at a time (the sequencer assigns stream positions on the same beat). */
export const WATCH_NOTICES_SCHEDULE = `* * * * * ${WATCH_NOTICES_TASK} ?id=notice_watch&max=1&jobKey=notice_watch`;

/** Failed sign-ins of one user within the window that count as a burst (at most the rate limit per account, which stops them). */
export const FAILURE_BURST = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;
/** Stream positions looked at per transaction. */
const BATCH = 2_000;
const WATCH = 'notices';

export const WATCHED_ACTIONS = ['Session.created', 'auth.signIn.failed', 'job.failed'] as const;

/**
 * Raises the notices the audit stream calls for (P-016): a sign-in from a device the user never signed in
 * from, a burst of failed sign-ins against one account, a job that failed for good. It reads committed
 * events in stream order from its own cursor and moves the cursor in the transaction that writes the
 * notices, so an event is acted on once even across crashes (each notice also has a dedupe key). The first
 * run starts at the stream's head: history raises nothing. Answers how many notices were raised.
 */
export async function watchNotices(em: EntityManager, options: { failureBurst?: number } = {}): Promise<number> {
  const burst = options.failureBurst ?? FAILURE_BURST;
  const head = await streamHead(em);
  let raised = 0;
  for (;;) {
    const done = await em.transactional(async (tx) => {
      const conn = tx.getConnection();
      await conn.execute('insert into notice_watch (name, seq) values (?, ?) on conflict (name) do nothing', [WATCH, head]);
      const [row] = await conn.execute<{ seq: string }[]>('select seq from notice_watch where name = ? for update', [WATCH]);
      const from = Number(row.seq);
      if (from >= head) return true;
      const upto = Math.min(from + BATCH, head);
      for (const event of await readStreamActions(tx, from, upto, WATCHED_ACTIONS)) raised += await noticesFor(tx, event, burst);
      await tx.flush();
      await conn.execute('update notice_watch set seq = ?, updated_at = now() where name = ?', [upto, WATCH]);
      return upto >= head;
    });
    if (done) return raised;
  }
}

async function noticesFor(tx: EntityManager, event: WatchedEvent, burst: number): Promise<number> {
  switch (event.action) {
    case 'Session.created':
      return newDevice(tx, event);
    case 'auth.signIn.failed':
      return failureBurst(tx, event, burst);
    case 'job.failed':
      return failedJob(tx, event);
    default:
      return 0;
  }
}

const after = (event: WatchedEvent, field: string): unknown => event.changes?.[field]?.after ?? null;
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const utc = (at: Date) => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** A session opened from a user agent none of the user's earlier sessions had; never for the first session. */
async function newDevice(tx: EntityManager, event: WatchedEvent): Promise<number> {
  const userId = text(after(event, 'user'));
  const handle = event.entityId;
  if (!userId || !handle) return 0;
  const agent = text(after(event, 'userAgent'));
  const [seen] = await tx.getConnection().execute<{ earlier: boolean; known: boolean }[]>(
    `select exists(select 1 from user_session o where o.user_id = s.user_id and o.created_at < s.created_at) as earlier,
            exists(select 1 from user_session o where o.user_id = s.user_id and o.created_at < s.created_at
                      and o.user_agent is not distinct from s.user_agent) as known
       from user_session s where s.handle = ?`,
    [handle],
  );
  if (!seen?.earlier || seen.known) return 0;
  const ip = text(after(event, 'ip'));
  const raised = await raiseNotice(tx, userId, {
    kind: 'SIGN_IN_NEW_DEVICE',
    subject: 'New sign-in to your PAMS account',
    body: [
      `Your account was signed in to on ${utc(event.occurredAt)} from a browser or device it had not been used from before:`,
      `${describeAgent(agent)}${ip ? `, address ${ip}` : ''}.`,
      '',
      'If this was you, there is nothing to do. If not, change your password now and tell an admin.',
    ].join('\n'),
    dedupeKey: `new-device:${handle}`,
    mail: true,
  });
  return raised ? 1 : 0;
}

/** The `burst`-th failed sign-in against one account within FAILURE_WINDOW_MS: the user and the admins hear of it once per window. */
async function failureBurst(tx: EntityManager, event: WatchedEvent, burst: number): Promise<number> {
  const userId = event.entityId;
  if (!userId || !/^[0-9a-f-]{36}$/.test(userId)) return 0;
  const [row] = await tx.getConnection().execute<{ failures: number }[]>(
    `select count(*)::int as failures from audit_event
      where entity_type = 'User' and entity_id = ? and action = 'auth.signIn.failed'
        and occurred_at > ? and occurred_at <= ?`,
    [userId, new Date(event.occurredAt.getTime() - FAILURE_WINDOW_MS), event.occurredAt],
  );
  if (row.failures < burst) return 0;
  const window = Math.floor(event.occurredAt.getTime() / FAILURE_WINDOW_MS);
  const dedupeKey = `signin-failures:${userId}:${window}`;
  const [user] = await tx.getConnection().execute<{ name: string; email: string }[]>('select name, email from app_user where id = ?', [userId]);
  if (!user) return 0;
  const minutes = FAILURE_WINDOW_MS / 60_000;
  let raised = 0;
  if (
    await raiseNotice(tx, userId, {
      kind: 'SIGN_IN_FAILURES',
      subject: 'Failed sign-ins to your PAMS account',
      body: `${row.failures} sign-ins with a wrong password were tried on your account within ${minutes} minutes (the last on ${utc(event.occurredAt)}). If it was not you, change your password and tell an admin.`,
      dedupeKey,
      mail: true,
    })
  )
    raised++;
  for (const adminId of await activeAdminIds(tx)) {
    if (adminId === userId) continue;
    const notice = {
      kind: 'SIGN_IN_FAILURES',
      subject: `Failed sign-ins: ${user.name}`,
      body: `${row.failures} failed sign-ins to ${user.name} (${user.email}) within ${minutes} minutes, the last on ${utc(event.occurredAt)}. Sign-in is rate limited; consider a password reset if it goes on.`,
      dedupeKey,
      mail: true,
    };
    if (await raiseNotice(tx, adminId, notice)) raised++;
  }
  return raised;
}

/** A job that failed on its last attempt: every active admin is told (by mail too, unless the job was a mail). */
async function failedJob(tx: EntityManager, event: WatchedEvent): Promise<number> {
  const task = text(after(event, 'task')) ?? 'unknown task';
  const error = text(after(event, 'error')) ?? 'no message';
  const attempts = after(event, 'attempts');
  let raised = 0;
  for (const adminId of await activeAdminIds(tx)) {
    const notice = {
      kind: 'JOB_FAILED',
      subject: `Job failed: ${task}`,
      body: `The background job ${task} (#${event.entityId ?? '?'}) failed on ${utc(event.occurredAt)} after ${typeof attempts === 'number' ? attempts : '?'} attempts and will not be retried.\n\n${error}`,
      dedupeKey: `job-failed:${event.entityId ?? event.seq}`,
      mail: task !== SEND_MAIL_TASK,
    };
    if (await raiseNotice(tx, adminId, notice)) raised++;
  }
  return raised;
}

/** "Chrome on Linux" from a user agent string; the raw string when nothing is recognised. */
export function describeAgent(agent: string | null): string {
  if (!agent) return 'an unknown browser';
  const browser = /Edg\//.test(agent) ? 'Edge' : /Firefox\//.test(agent) ? 'Firefox' : /Chrom(e|ium)\//.test(agent) ? 'Chrome' : /Safari\//.test(agent) ? 'Safari' : null;
  const os = /Windows/.test(agent) ? 'Windows' : /Android/.test(agent) ? 'Android' : /iPhone|iPad/.test(agent) ? 'iOS' : /Mac OS X/.test(agent) ? 'macOS' : /Linux/.test(agent) ? 'Linux' : null;
  return browser && os ? `${browser} on ${os}` : agent.slice(0, 120);
}

export const watchNoticesTask: TaskHandler = async (_payload, { em, log, config }) => {
  const raised = await watchNotices(em, { failureBurst: Math.min(FAILURE_BURST, config.rateLimit.signInPerAccount) });
  if (raised > 0) log.info({ raised }, 'notices raised');
};
