import type { ServerModule } from '@pams/server-core';
import { AccountResolver } from './accounts/account.resolver.js';
import { Account } from './entities/account.entity.js';
import { Outcome } from './entities/outcome.entity.js';
import { Project } from './entities/project.entity.js';
import { OutcomeResolver } from './outcomes/outcome.resolver.js';
import { ProjectResolver } from './projects/project.resolver.js';
import { PresalesUsersResolver } from './shared/presales-users.resolver.js';

export const accountsModule: ServerModule = {
  name: 'accounts',
  entities: [Account, Project, Outcome],
  resolvers: [AccountResolver, ProjectResolver, OutcomeResolver, PresalesUsersResolver],
};
