export * from './jobs.module.js';
export * from './job-progress.entity.js';
export * from './job-progress.service.js';
export * from './enqueue-job.js';
export * from './job-runner.js';
export * from './migrate-job-queue.js';
export * from './queue-schema.js';
export * from './queue-stats.js';
