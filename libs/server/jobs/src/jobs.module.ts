import type { ServerModule } from '@pams/server-core';
import { JobProgress } from './job-progress.entity.js';

export const jobsModule: ServerModule = {
  name: 'jobs',
  entities: [JobProgress],
  resolvers: [],
};
