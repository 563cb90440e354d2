export * from './entities/legacy-import.entity.js';
export * from './legacy-import.types.js';
export * from './legacy-import.module.js';
export * from './http/legacy-import.routes.js';
export { suggestMapping } from './run/stage.js';
export { readLegacyFile, LegacyFileError, MAX_ROWS } from './run/read-file.js';
export { KINDS } from './kinds/index.js';
// The steps themselves, for the benchmark and tools (the app runs them as queued jobs).
export { stageUpload } from './run/stage.js';
export { checkImport } from './run/check.js';
export { commitImport } from './run/commit.js';
export { undoImport } from './run/undo.js';
