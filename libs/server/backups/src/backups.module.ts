import type { ServerModule } from '@pams/server-core';
import { BackupResolver } from './backup.resolver.js';
import { BACKUP_SCHEDULE, RUN_BACKUP_TASK, runBackupTask } from './backup.service.js';
import { BackupSnapshot } from './entities/backup-snapshot.entity.js';

export const backupsModule: ServerModule = {
  name: 'backups',
  entities: [BackupSnapshot],
  resolvers: [BackupResolver],
  tasks: { [RUN_BACKUP_TASK]: runBackupTask },
  schedules: [BACKUP_SCHEDULE],
};
