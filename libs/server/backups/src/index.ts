export * from './backups.module.js';
export * from './backup.service.js';
export * from './entities/backup-snapshot.entity.js';
export * from './run/checks.js';
export * from './run/pg-tools.js';
export * from './run/run-backup.js';
