import type { ServerModule } from '@pams/server-core';
import { Account } from './entities/account.entity.js';
import { Outcome } from './entities/outcome.entity.js';
import { Project } from './entities/project.entity.js';

export const accountsModule: ServerModule = {
  name: 'accounts',
  entities: [Account, Project, Outcome],
  resolvers: [],
};
