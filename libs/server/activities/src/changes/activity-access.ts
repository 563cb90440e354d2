import type { Viewer } from '@pams/server-core';
import { mayWriteActivity, WRITER_ROLES } from '@pams/shared-util';

/** The rule of which activities a viewer may change lives in @pams/shared-util: the client shows it too. */
export { mayWriteActivity };

export function mayWriteActivities(viewer: Viewer): boolean {
  return WRITER_ROLES.includes(viewer.role);
}

/** Logging for someone else: the activity would be in the owner's default region, so the same rule applies. */
export function mayLogFor(viewer: Viewer, owner: { id: string; defaultRegionId: string | null }): boolean {
  return mayWriteActivity(viewer, { ownerId: owner.id, regionId: owner.defaultRegionId });
}
