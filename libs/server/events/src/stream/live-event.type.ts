import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { AuditEventType } from '@pams/server-audit';

export enum LiveEventKind {
  EVENT = 'EVENT',
  HEARTBEAT = 'HEARTBEAT',
  RESET = 'RESET',
}

export enum LiveResetReason {
  /** The Last-Event-ID is older than the replay window. */
  CURSOR_TOO_OLD = 'CURSOR_TOO_OLD',
  /** The Last-Event-ID names no position of this stream. */
  CURSOR_UNKNOWN = 'CURSOR_UNKNOWN',
  /** The client read too slowly: events were dropped. */
  MISSED_EVENTS = 'MISSED_EVENTS',
}

registerEnumType(LiveEventKind, {
  name: 'LiveEventKind',
  description: 'EVENT carries an audit event; HEARTBEAT is sent when the stream is idle; RESET says events were missed: refetch what you show.',
});
registerEnumType(LiveResetReason, { name: 'LiveResetReason' });

/** One message of the live stream. */
@ObjectType('LiveEvent', { simpleResolvers: true })
export class LiveEventType {
  @Field(() => LiveEventKind)
  kind!: LiveEventKind;

  @Field(() => String, {
    nullable: true,
    description: 'The stream position after this message (also its SSE id): reconnect with it as Last-Event-ID (or `after`).',
  })
  cursor!: string | null;

  @Field(() => AuditEventType, { nullable: true, description: 'For EVENT.' })
  event!: AuditEventType | null;

  @Field(() => LiveResetReason, { nullable: true, description: 'For RESET.' })
  resetReason!: LiveResetReason | null;
}
