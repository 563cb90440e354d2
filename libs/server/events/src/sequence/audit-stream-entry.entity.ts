import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * The live stream's order (ADR 0017): `seq` is gap-free and assigned after commit, so an event that
 * committed late gets a later `seq` than everything already streamed. Written only by the sequencer.
 */
@Entity({ tableName: 'audit_event_stream' })
export class AuditStreamEntry {
  [OptionalProps]?: 'sequencedAt';

  @PrimaryKey({ type: 'bigint', autoincrement: false })
  seq!: string;

  /** No foreign key: archival may move old events out of `audit_event`. */
  @Property({ type: 'bigint' })
  @Unique()
  eventId!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  sequencedAt!: Date;
}
