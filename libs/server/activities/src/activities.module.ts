import type { ServerModule } from '@pams/server-core';
import { BootstrapResolver } from './bootstrap/bootstrap.resolver.js';
import { ActivityChangesResolver } from './changes/activity-changes.resolver.js';
import { DraftsResolver } from './drafts/drafts.resolver.js';
import { Activity } from './entities/activity.entity.js';
import { Draft } from './entities/draft.entity.js';
import { ActivityListResolver } from './list/activity-list.resolver.js';

export const activitiesModule: ServerModule = {
  name: 'activities',
  entities: [Activity, Draft],
  resolvers: [ActivityListResolver, BootstrapResolver, ActivityChangesResolver, DraftsResolver],
};
