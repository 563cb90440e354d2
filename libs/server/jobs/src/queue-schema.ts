/** Where graphile-worker keeps its tables and functions (its default). */
export const JOB_QUEUE_SCHEMA = 'graphile_worker';
