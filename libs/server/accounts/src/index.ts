export * from './entities/account.entity.js';
export * from './entities/project.entity.js';
export * from './entities/outcome.entity.js';
export * from './accounts.module.js';
