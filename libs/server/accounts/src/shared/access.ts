import type { Viewer } from '@pams/server-core';
import { ACCOUNT_EDITOR_ROLES, Role, WRITER_ROLES } from '@pams/shared-util';
import type { Account } from '../entities/account.entity.js';

/*
 * Who may write accounts, projects and outcomes (decided for issue 3):
 * - create accounts and projects: ADMIN, MANAGER, MEMBER (presales create them as they meet customers);
 * - update an account: ADMIN; a MANAGER when the account is in one of their regions or has none yet;
 * - update a project or record/edit its outcome: ADMIN; a MANAGER or MEMBER who owns the project, or
 *   when its account is in one of their regions or has no region yet;
 * - LEADER and ANALYST read only.
 * An account's region is its sales rep's region (regionOfAccount).
 * The role sets are in @pams/shared-util (WRITER_ROLES, ACCOUNT_EDITOR_ROLES): the client shows them too.
 */

/** The region of an account: its sales rep's; null while it has none. */
export function regionOfAccount(account: Account): string | null {
  return account.salesRep?.region.id ?? null;
}

export function mayCreate(viewer: Viewer): boolean {
  return WRITER_ROLES.includes(viewer.role);
}

function inRegion(viewer: Viewer, regionId: string | null): boolean {
  return regionId === null || viewer.regionIds.includes(regionId);
}

export function mayUpdateAccount(viewer: Viewer, regionId: string | null): boolean {
  if (!ACCOUNT_EDITOR_ROLES.includes(viewer.role)) return false;
  return viewer.role === Role.ADMIN || inRegion(viewer, regionId);
}

export function mayEditProject(viewer: Viewer, regionId: string | null, ownerIds: readonly string[]): boolean {
  if (viewer.role === Role.ADMIN) return true;
  if (!WRITER_ROLES.includes(viewer.role)) return false;
  return ownerIds.includes(viewer.id) || inRegion(viewer, regionId);
}
