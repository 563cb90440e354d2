import type { EntityManager } from '@mikro-orm/postgresql';
import type { TaskHandler } from '@pams/server-core';

export const ARCHIVE_AUDIT_TASK = 'audit:archive';
/** Nightly at 03:10 UTC; one run at a time. */
export const ARCHIVE_AUDIT_SCHEDULE = `10 3 * * * ${ARCHIVE_AUDIT_TASK} ?id=audit_archive&max=1&jobKey=audit_archive`;
const BATCH = 5_000;

/**
 * Moves every event older than `retentionDays` to `audit_event_archive`, a batch per transaction (so a long
 * backlog never holds one big lock), oldest first. Answers how many moved. The database makes the move safe:
 * a live row may be deleted only once its identical copy is archived (migration audit_archive).
 */
export async function archiveAuditEvents(em: EntityManager, retentionDays: number, now = new Date(), onBatch?: (moved: number) => Promise<void>): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  let total = 0;
  for (;;) {
    const [row] = await em.getConnection().execute<{ moved: number }[]>('select pams_archive_audit_events(?, ?) as moved', [cutoff, BATCH]);
    const moved = Number(row.moved);
    total += moved;
    if (moved > 0) await onBatch?.(total);
    if (moved < BATCH) return total;
  }
}

export const archiveAuditTask: TaskHandler = async (_payload, { em, config, log, progress }) => {
  const moved = await archiveAuditEvents(em, config.audit.retentionDays, new Date(), (done) => progress(done, null, 'events archived'));
  if (moved > 0) log.info({ moved, retentionDays: config.audit.retentionDays }, 'audit events archived');
};
