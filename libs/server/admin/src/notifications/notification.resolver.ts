import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { signedInViewer, type RequestContext } from '@pams/server-core';
import { NotificationsMarkedRead } from '../commands/admin-command.results.js';
import {
  DEFAULT_NOTIFICATION_PAGE_SIZE,
  findMyNotifications,
  markNotificationsRead,
  notificationPreferences,
  setNotificationPreferences,
  unreadNotificationCount,
} from './notification.service.js';
import { NotificationConnection, NotificationPreferencesType } from './notification.type.js';

/** Every signed-in user's own in-app notifications (P-016). */
@Resolver()
export class NotificationResolver {
  @Authorized()
  @Query(() => NotificationConnection, { description: 'The viewer\'s notifications, newest first.' })
  async myNotifications(
    @Ctx() ctx: RequestContext,
    @Arg('unreadOnly', () => Boolean, { nullable: true }) unreadOnly: boolean | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_NOTIFICATION_PAGE_SIZE }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<NotificationConnection> {
    return findMyNotifications(ctx.em, (await signedInViewer(ctx)).id, { unreadOnly, first, after });
  }

  @Authorized()
  @Query(() => Int)
  async unreadNotificationCount(@Ctx() ctx: RequestContext): Promise<number> {
    return unreadNotificationCount(ctx.em, (await signedInViewer(ctx)).id);
  }

  @Authorized()
  @Mutation(() => NotificationsMarkedRead, { description: 'Marks the named notifications of the viewer read; all of them when `ids` is omitted.' })
  async markNotificationsRead(
    @Ctx() ctx: RequestContext,
    @Arg('ids', () => [ID], { nullable: true }) ids: string[] | null,
  ): Promise<NotificationsMarkedRead> {
    return Object.assign(new NotificationsMarkedRead(), await markNotificationsRead(ctx.em, (await signedInViewer(ctx)).id, ids));
  }

  @Authorized()
  @Query(() => NotificationPreferencesType, { description: 'The viewer\'s choices about notices.' })
  async notificationPreferences(@Ctx() ctx: RequestContext): Promise<NotificationPreferencesType> {
    return notificationPreferences(ctx.em, (await signedInViewer(ctx)).id);
  }

  @Authorized()
  @Mutation(() => NotificationPreferencesType, { description: 'Sets the viewer\'s choices about notices.' })
  async setNotificationPreferences(@Ctx() ctx: RequestContext, @Arg('weeklyDigest', () => Boolean) weeklyDigest: boolean): Promise<NotificationPreferencesType> {
    return setNotificationPreferences(ctx.em, (await signedInViewer(ctx)).id, { weeklyDigest });
  }
}
