export * from './entities/activity.entity.js';
export * from './entities/draft.entity.js';
export * from './activities.module.js';
