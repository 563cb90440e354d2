export * from './server.js';
export * from './orm.js';
export * from './schema.js';
export * from './modules.js';
export * from './paths.js';
export * from './database.js';
export * from './boot.js';
