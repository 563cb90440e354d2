export * from './entities/region.entity.js';
export * from './entities/user.entity.js';
export * from './entities/user-status.js';
export * from './entities/session.entity.js';
export * from './entities/access-token.entity.js';
export * from './entities/password-reset.entity.js';
export * from './identity.module.js';
export * from './auth/authenticator.js';
export * from './auth/secrets.js';
export * from './auth/passwords.js';
export * from './auth/password-policy.js';
export * from './auth/rate-limits.js';
export * from './sessions/session.service.js';
/** Kept for the importers that take it from identity; it lives in core. */
export { isUuid } from '@pams/server-core';
export * from './access-tokens/access-token.service.js';
export * from './password/password-reset.service.js';
