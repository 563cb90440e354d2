export * from './attachment.entity.js';
export * from './attachment-rules.js';
export * from './attachment.service.js';
export * from './attachment.types.js';
export * from './attachments.module.js';
export * from './http/attachment.routes.js';
export * from './storage/attachment-storage.js';
