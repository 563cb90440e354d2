export * from './roles.js';
export * from './duration.js';
export * from './activity-rules.js';
export * from './links.js';
