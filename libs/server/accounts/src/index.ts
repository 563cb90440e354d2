export * from './entities/account.entity.js';
export * from './entities/project.entity.js';
export * from './entities/outcome.entity.js';
export * from './shared/read-model.nodes.js';
export * from './shared/accounts.sql.js';
export * from './accounts/account.type.js';
export * from './projects/project.type.js';
export * from './outcomes/outcome.type.js';
export * from './shared/presales-user.type.js';
export * from './accounts/account.read-model.js';
export * from './projects/project.read-model.js';
export * from './outcomes/outcome.read-model.js';
// The win/loss form's service, also used by the CRM outcome import (P-024).
export { recordOutcome } from './outcomes/outcome.service.js';
export * from './accounts.module.js';
