import { Entity, PrimaryKey } from '@mikro-orm/core';

/**
 * Committed-or-not audit events waiting for a stream `seq`: the insert trigger on `audit_event` adds one
 * row in the inserting transaction, so the sequencer sees a row exactly when its event has committed.
 */
@Entity({ tableName: 'audit_event_unsequenced' })
export class UnsequencedAuditEvent {
  @PrimaryKey({ type: 'bigint', autoincrement: false })
  eventId!: string;
}
