import type { ServerModule } from '@pams/server-core';
import { AdminCommandResolver } from './commands/admin-command.resolver.js';
import { Notification } from './entities/notification.entity.js';
import { ReviewTask } from './entities/review-task.entity.js';
import { ScheduledCommand } from './entities/scheduled-command.entity.js';
import { NotificationResolver } from './notifications/notification.resolver.js';
import { runScheduledCommandTask } from './scheduling/run-scheduled-command.task.js';
import { RUN_SCHEDULED_COMMAND_TASK } from './scheduling/scheduled-command.service.js';
import { ScheduledCommandResolver } from './scheduling/scheduled-command.resolver.js';
import { AdminUserResolver } from './users/admin-user.resolver.js';

export const adminModule: ServerModule = {
  name: 'admin',
  entities: [Notification, ReviewTask, ScheduledCommand],
  resolvers: [AdminUserResolver, AdminCommandResolver, ScheduledCommandResolver, NotificationResolver],
  tasks: { [RUN_SCHEDULED_COMMAND_TASK]: runScheduledCommandTask },
};
