import type { EntityManager } from '@mikro-orm/postgresql';

/** Serialises sequencers across every gateway process (transaction-scoped advisory lock). */
const SEQUENCER_LOCK = `hashtext('pams.audit_event_stream')`;
const BATCH = 5_000;

/**
 * Gives every committed, not yet sequenced audit event the next stream `seq`, in id order within a
 * batch. Safe to call from any process at any time: sequencers queue on one advisory lock, and each
 * runs its statements after the previous one committed, so `max(seq)` is current and `seq` stays
 * gap-free. Rows of transactions still in flight are invisible to the delete and wait for a later run.
 * Returns how many events were sequenced.
 */
export async function sequenceCommittedEvents(em: EntityManager): Promise<number> {
  let total = 0;
  for (;;) {
    const count = await em.fork().transactional(async (tx) => {
      await tx.execute(`select pg_advisory_xact_lock(${SEQUENCER_LOCK})`);
      const rows = await tx.execute<{ n: string }[]>(
        `with taken as (
           delete from audit_event_unsequenced u
            where u.event_id in (select event_id from audit_event_unsequenced order by event_id limit ${BATCH})
           returning u.event_id
         ), top as (select coalesce(max(seq), 0) as seq from audit_event_stream), added as (
           insert into audit_event_stream (seq, event_id)
           select top.seq + row_number() over (order by taken.event_id), taken.event_id from taken, top
           returning 1
         )
         select count(*) as n from added`,
      );
      return Number(rows[0]?.n ?? 0);
    });
    total += count;
    if (count < BATCH) return total;
  }
}

/** Forgets stream positions older than the replay window (plus a day): such cursors get a reset anyway. */
export async function pruneStream(em: EntityManager, windowMs: number): Promise<number> {
  const rows = await em
    .getConnection()
    .execute<{ n: string }[]>(
      `with gone as (delete from audit_event_stream where sequenced_at < now() - make_interval(secs => ?) returning 1) select count(*) as n from gone`,
      [Math.floor(windowMs / 1000) + 86_400],
    );
  return Number(rows[0]?.n ?? 0);
}
