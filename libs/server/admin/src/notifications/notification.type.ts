import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { PageInfo } from '@pams/server-core';

/** An in-app notification of the viewer (P-016). */
@ObjectType('Notification', { simpleResolvers: true })
export class NotificationType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'e.g. ADMIN_MESSAGE, REVIEW_ASSIGNED.' })
  kind!: string;

  @Field(() => String)
  subject!: string;

  @Field(() => String)
  body!: string;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  readAt!: Date | null;
}

@ObjectType('NotificationConnection', { simpleResolvers: true })
export class NotificationConnection {
  @Field(() => [NotificationType])
  nodes!: NotificationType[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType('NotificationPreferences', { simpleResolvers: true })
export class NotificationPreferencesType {
  @Field(() => Boolean, { description: 'A mail every Monday morning with last week\'s activities and unread notifications.' })
  weeklyDigest!: boolean;
}
