export * from './merge/reference-merge.entity.js';
export * from './merge/reference-merge.types.js';
export * from './merge/merge-references.js';
export * from './merge/undo-reference-merge.js';
export * from './reference-admin.module.js';
