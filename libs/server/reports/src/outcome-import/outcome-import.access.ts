import type { Viewer } from '@pams/server-core';
import { Role } from '@pams/shared-util';
import { uuidArray } from './match-rows.js';

/*
 * Who may use outcome imports (P-024, docs/adr/0016):
 * - upload, review and apply: ADMIN, and MANAGER for their regions' projects (the win/loss form's own
 *   rule, mayEditProject, decides each project again on apply);
 * - read imports: those, and LEADER (leaders read every region and change nothing, PRODUCT.md);
 * - MEMBER and ANALYST: neither (analyst tokens are read-only; the route refuses every token).
 * A manager sees the imports uploaded by someone sharing one of their regions (the uploader's regions
 * at upload are kept on the import), and their own.
 */
export const IMPORT_WRITER_ROLES: readonly Role[] = [Role.MANAGER, Role.ADMIN];
export const IMPORT_READER_ROLES: readonly Role[] = [Role.MANAGER, Role.LEADER, Role.ADMIN];

export interface ImportOwnership {
  uploadedById: string;
  regionIds: readonly string[];
}

export function maySeeImport(viewer: Viewer, imp: ImportOwnership): boolean {
  if (viewer.role === Role.ADMIN || viewer.role === Role.LEADER) return true;
  if (viewer.role !== Role.MANAGER) return false;
  return imp.uploadedById === viewer.id || imp.regionIds.some((id) => viewer.regionIds.includes(id));
}

export function mayEditImport(viewer: Viewer, imp: ImportOwnership): boolean {
  return IMPORT_WRITER_ROLES.includes(viewer.role) && viewer.via === 'session' && maySeeImport(viewer, imp);
}

/** The SQL of maySeeImport over `i` (outcome_import), for lists. */
export function importScope(viewer: Viewer): { sql: string; params: unknown[] } {
  if (viewer.role === Role.ADMIN || viewer.role === Role.LEADER) return { sql: 'true', params: [] };
  return { sql: '(i.uploaded_by_id = ? or i.region_ids && ?::text[])', params: [viewer.id, uuidArray(viewer.regionIds)] };
}
