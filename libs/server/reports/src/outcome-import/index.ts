export * from './outcome-import.entity.js';
export * from './outcome-import.types.js';
export * from './outcome-import.routes.js';
export * from './import-columns.js';
export * from './parse-outcome-file.js';
export * from './outcomes-this-month.service.js';
export * from './sheet-cells.js';
