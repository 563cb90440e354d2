import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * How far a notice watcher has read the audit stream (`audit_event_stream.seq`): it raises the notices of
 * the events after it and moves it in the same transaction, so each event is looked at exactly once.
 * Bookkeeping of a job, like the sequencer's position: updated by SQL, not audited.
 */
@Entity({ tableName: 'notice_watch' })
export class NoticeWatch {
  @PrimaryKey({ type: 'string', length: 40 })
  name!: string;

  @Property({ type: 'bigint' })
  seq!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
