import type { ServerModule } from '@pams/server-core';
import { Activity } from './entities/activity.entity.js';
import { Draft } from './entities/draft.entity.js';

export const activitiesModule: ServerModule = {
  name: 'activities',
  entities: [Activity, Draft],
  resolvers: [],
};
