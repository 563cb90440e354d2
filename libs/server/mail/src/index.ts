export * from './outbox-mail.entity.js';
export * from './mail.module.js';
export * from './enqueue-mail.js';
export * from './mail-sender.js';
export * from './send-mail.task.js';
