import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MailStatus } from '@pams/server-mail';
import { PageInfo } from '@pams/server-core';

registerEnumType(MailStatus, { name: 'MailStatus', description: 'Where an outbox mail is: waiting to be sent, sent, or given up on.' });

/** One mail of the outbox, as the admins' mail log lists it (never its text: it may hold a reset link). */
@ObjectType('OutboxMail', { simpleResolvers: true })
export class OutboxMailType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  to!: string;

  @Field(() => String)
  subject!: string;

  @Field(() => MailStatus)
  status!: MailStatus;

  @Field(() => Int, { description: 'Sends tried.' })
  attempts!: number;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  sentAt!: Date | null;
}

@ObjectType('OutboxMailConnection', { simpleResolvers: true })
export class OutboxMailConnection {
  @Field(() => [OutboxMailType])
  nodes!: OutboxMailType[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@InputType('MailLogFilter')
export class MailLogFilter {
  @Field(() => MailStatus, { nullable: true })
  status?: MailStatus | null;

  @Field(() => String, { nullable: true, description: 'Part of the recipient address, case-insensitive.' })
  to?: string | null;
}

/** The message as the development transport wrote it. */
@ObjectType('MailMessage', { simpleResolvers: true })
export class MailMessageType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: 'The `.eml` source; null when it cannot be shown (see `unavailable`).' })
  source!: string | null;

  @Field(() => String, { nullable: true, description: 'Why there is no source: mail goes out by SMTP here, or the mail was not written yet.' })
  unavailable!: string | null;
}

/** The background job queue at a glance (the admin overview). */
@ObjectType('JobQueueStats', { simpleResolvers: true })
export class JobQueueStatsType {
  @Field(() => Int, { description: 'Waiting to run now or later (retries included).' })
  waiting!: number;

  @Field(() => Int, { description: 'Running at this moment.' })
  running!: number;

  @Field(() => Int, { description: 'Failed on every attempt; their `job.failed` audit events say why.' })
  failed!: number;
}
