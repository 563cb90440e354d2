import type { ServerModule } from '@pams/server-core';
import { ReferenceMerge } from './merge/reference-merge.entity.js';
import { ReferenceMergeResolver } from './merge/reference-merge.resolver.js';

/** Admin work on reference data that spans domains: industry and use-case merge with undo (P-005, ADR 0020). */
export const referenceAdminModule: ServerModule = {
  name: 'reference-admin',
  entities: [ReferenceMerge],
  resolvers: [ReferenceMergeResolver],
};
