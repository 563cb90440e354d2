import { GraphQLJSON } from 'graphql-scalars';
import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { PageInfo } from '@pams/server-core';

/** One field of a record change; secrets read "[redacted]". */
@ObjectType('AuditFieldChange', { simpleResolvers: true })
export class AuditFieldChangeType {
  @Field(() => String)
  field!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Null for a created record.' })
  before!: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Null for a deleted record.' })
  after!: unknown;
}

/** An append-only audit record, as the audit history lists it (a plain row, never an entity). */
@ObjectType('AuditEvent', { simpleResolvers: true })
export class AuditEventType {
  @Field(() => ID, { description: 'Monotonically increasing; the cursor of the live stream.' })
  id!: string;

  @Field(() => GraphQLISODateTime)
  occurredAt!: Date;

  @Field(() => ID, { nullable: true })
  actorId!: string | null;

  @Field(() => String, { description: 'session, token, anonymous or system.' })
  actorKind!: string;

  @Field(() => String, { description: '`<Entity>.created|updated|deleted`, or a domain action such as `auth.signIn.failed`.' })
  action!: string;

  @Field(() => String)
  entityType!: string;

  @Field(() => String, { nullable: true })
  entityId!: string | null;

  @Field(() => String, { nullable: true })
  requestId!: string | null;

  @Field(() => [AuditFieldChangeType])
  changes!: AuditFieldChangeType[];
}

@ObjectType('AuditEventConnection', { simpleResolvers: true })
export class AuditEventConnection {
  @Field(() => [AuditEventType])
  nodes!: AuditEventType[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => String, {
    description: 'What the history held when this was read. Send it back as `unlessRevision` to read again only if something was committed since.',
  })
  revision!: string;

  @Field(() => Boolean, { description: 'True when `unlessRevision` is still current: nothing was read, nodes are empty; keep what you show.' })
  notModified!: boolean;
}
