import { publicError, type RequestContext, type Viewer } from '@pams/server-core';
import { Role } from '@pams/shared-util';

/*
 * Who may write accounts, projects and outcomes (decided for issue 3):
 * - create accounts and projects: ADMIN, MANAGER, MEMBER (presales create them as they meet customers);
 * - update an account: ADMIN; a MANAGER when the account is in one of their regions or has none yet;
 * - update a project or record/edit its outcome: ADMIN; a MANAGER or MEMBER who owns the project, or
 *   when its account is in one of their regions or has no region yet;
 * - LEADER and ANALYST read only.
 * An account's region is its sales rep's region.
 */

const CREATORS: readonly Role[] = [Role.ADMIN, Role.MANAGER, Role.MEMBER];

/** The viewer of a resolver guarded by `@Authorized()`. */
export async function viewerOf(ctx: RequestContext): Promise<Viewer> {
  const viewer = await ctx.viewer();
  if (!viewer) throw publicError('UNAUTHENTICATED', 'Sign in first.');
  return viewer;
}

export function mayCreate(viewer: Viewer): boolean {
  return CREATORS.includes(viewer.role);
}

function inRegion(viewer: Viewer, regionId: string | null): boolean {
  return regionId === null || viewer.regionIds.includes(regionId);
}

export function mayUpdateAccount(viewer: Viewer, regionId: string | null): boolean {
  if (viewer.role === Role.ADMIN) return true;
  return viewer.role === Role.MANAGER && inRegion(viewer, regionId);
}

export function mayEditProject(viewer: Viewer, regionId: string | null, ownerIds: readonly string[]): boolean {
  if (viewer.role === Role.ADMIN) return true;
  if (viewer.role !== Role.MANAGER && viewer.role !== Role.MEMBER) return false;
  return ownerIds.includes(viewer.id) || inRegion(viewer, regionId);
}
