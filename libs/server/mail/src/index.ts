export * from './outbox-mail.entity.js';
export * from './mail.module.js';
