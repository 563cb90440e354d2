import type { ServerModule } from '@pams/server-core';
import { LegacyImport, LegacyImportRow } from './entities/legacy-import.entity.js';
import { LegacyImportResolver } from './legacy-import.resolver.js';
import { CHECK_TASK, COMMIT_TASK, UNDO_TASK, checkTask, commitTask, undoTask } from './run/tasks.js';

export const legacyImportModule: ServerModule = {
  name: 'legacy-import',
  entities: [LegacyImport, LegacyImportRow],
  resolvers: [LegacyImportResolver],
  tasks: { [CHECK_TASK]: checkTask, [COMMIT_TASK]: commitTask, [UNDO_TASK]: undoTask },
};
