import type { ServerModule } from '@pams/server-core';
import { AdminCommandResolver } from './commands/admin-command.resolver.js';
import { CollectionCountResolver } from './counts/collection-counts.resolver.js';
import { COUNT_COLLECTIONS_SCHEDULE, COUNT_COLLECTIONS_TASK, countCollectionsTask } from './counts/count-collections.js';
import { CollectionCount } from './entities/collection-count.entity.js';
import { NoticeWatch } from './entities/notice-watch.entity.js';
import { Notification } from './entities/notification.entity.js';
import { NotificationPreference } from './entities/notification-preference.entity.js';
import { ServiceLevelResolver } from './health/service-levels.resolver.js';
import { MailLogResolver } from './mail-log/mail-log.resolver.js';
import { WATCH_NOTICES_SCHEDULE, WATCH_NOTICES_TASK, watchNoticesTask } from './notices/watch-notices.js';
import { WEEKLY_DIGEST_SCHEDULE, WEEKLY_DIGEST_TASK, weeklyDigestTask } from './notices/weekly-digest.js';
import { ReviewTask } from './entities/review-task.entity.js';
import { ScheduledCommand } from './entities/scheduled-command.entity.js';
import { NotificationResolver } from './notifications/notification.resolver.js';
import { runScheduledCommandTask } from './scheduling/run-scheduled-command.task.js';
import { RUN_SCHEDULED_COMMAND_TASK } from './scheduling/scheduled-command.service.js';
import { ScheduledCommandResolver } from './scheduling/scheduled-command.resolver.js';
import { AdminUserResolver } from './users/admin-user.resolver.js';

export const adminModule: ServerModule = {
  name: 'admin',
  entities: [Notification, NotificationPreference, NoticeWatch, ReviewTask, ScheduledCommand, CollectionCount],
  resolvers: [AdminUserResolver, AdminCommandResolver, ScheduledCommandResolver, NotificationResolver, MailLogResolver, CollectionCountResolver, ServiceLevelResolver],
  tasks: {
    [RUN_SCHEDULED_COMMAND_TASK]: runScheduledCommandTask,
    [WATCH_NOTICES_TASK]: watchNoticesTask,
    [WEEKLY_DIGEST_TASK]: weeklyDigestTask,
    [COUNT_COLLECTIONS_TASK]: countCollectionsTask,
  },
  schedules: [WATCH_NOTICES_SCHEDULE, WEEKLY_DIGEST_SCHEDULE, COUNT_COLLECTIONS_SCHEDULE],
};
