import { LegacyImportKind } from '../entities/legacy-import.entity.js';
import { accountsKind, projectsKind } from './accounts.kind.js';
import { activitiesKind } from './activities.kind.js';
import type { KindSpec } from './kind-spec.js';
import { usersKind } from './users.kind.js';

export const KINDS: Record<LegacyImportKind, KindSpec<never>> = {
  [LegacyImportKind.USERS]: usersKind as KindSpec<never>,
  [LegacyImportKind.ACCOUNTS]: accountsKind as KindSpec<never>,
  [LegacyImportKind.PROJECTS]: projectsKind as KindSpec<never>,
  [LegacyImportKind.ACTIVITIES]: activitiesKind as KindSpec<never>,
};

export function kindSpec(kind: LegacyImportKind): KindSpec<Record<string, unknown>> {
  return KINDS[kind] as unknown as KindSpec<Record<string, unknown>>;
}
