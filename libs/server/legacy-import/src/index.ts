export * from './entities/legacy-import.entity.js';
export * from './legacy-import.types.js';
export * from './legacy-import.module.js';
export * from './http/legacy-import.routes.js';
export { suggestMapping } from './run/stage.js';
export { readLegacyFile, LegacyFileError, MAX_ROWS } from './run/read-file.js';
export { KINDS } from './kinds/index.js';
