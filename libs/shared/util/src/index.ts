export * from './roles.js';
export * from './duration.js';
