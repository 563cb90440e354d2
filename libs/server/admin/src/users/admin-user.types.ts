import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from 'type-graphql';
import { AuditEventType } from '@pams/server-audit';
import { PageInfo } from '@pams/server-core';
import { UserStatus } from '@pams/server-identity';
import { Role } from '@pams/shared-util';
import { ReviewTaskType } from '../commands/review-task.type.js';
import { ScheduledCommandType } from '../scheduling/scheduled-command.type.js';

@ObjectType('AdminUserRegion', { simpleResolvers: true })
export class AdminUserRegion {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;
}

/** A user as the command center lists them (a plain read-model row). */
@ObjectType('AdminUser', { simpleResolvers: true })
export class AdminUserType {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'Pass as `expectedVersion` to a command.' })
  version!: number;

  @Field(() => String)
  email!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => UserStatus)
  status!: UserStatus;

  @Field(() => Boolean)
  mustChangePassword!: boolean;

  @Field(() => [AdminUserRegion], { description: 'By name.' })
  regions!: AdminUserRegion[];

  @Field(() => ID, { nullable: true })
  defaultRegionId!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'The latest use of any of their sessions; null if never signed in.' })
  lastSeenAt!: Date | null;

  @Field(() => Int, { description: 'Sessions that still authenticate.' })
  openSessionCount!: number;

  @Field(() => String, { nullable: true, description: 'The date of the last activity they logged.' })
  lastLoggedDate!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

@ObjectType('AdminUserConnection', { simpleResolvers: true })
export class AdminUserConnection {
  @Field(() => [AdminUserType])
  nodes!: AdminUserType[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

/** One user's drilldown (`/admin/users/:userId`). */
@ObjectType('AdminUserDetail', { simpleResolvers: true })
export class AdminUserDetail {
  @Field(() => AdminUserType)
  user!: AdminUserType;

  @Field(() => [AuditEventType], { description: 'The latest audit events about the user (newest first, at most 20).' })
  recentEvents!: AuditEventType[];

  @Field(() => [ScheduledCommandType], { description: 'Commands scheduled for the user, pending ones first, then the latest finished (at most 50).' })
  scheduledCommands!: ScheduledCommandType[];

  @Field(() => [ReviewTaskType], { description: 'Reviews the user owns, by due date (at most 50).' })
  reviewTasks!: ReviewTaskType[];
}

@InputType()
export class AdminUserFilter {
  @Field(() => String, { nullable: true, description: 'Part of the name or email, regardless of case.' })
  search?: string | null;

  @Field(() => [Role], { nullable: true })
  roles?: Role[] | null;

  @Field(() => ID, { nullable: true, description: 'Users belonging to this region.' })
  regionId?: string | null;

  @Field(() => UserStatus, { nullable: true })
  status?: UserStatus | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Not seen since this time (never-seen users included).' })
  lastSeenBefore?: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Seen at or after this time.' })
  lastSeenAfter?: Date | null;
}
