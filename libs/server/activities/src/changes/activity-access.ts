import type { Viewer } from '@pams/server-core';
import { Role } from '@pams/shared-util';

/** Roles that may change activities at all; leaders and analysts read only. */
export const WRITER_ROLES: readonly Role[] = [Role.MEMBER, Role.MANAGER, Role.ADMIN];

export function mayWriteActivities(viewer: Viewer): boolean {
  return WRITER_ROLES.includes(viewer.role);
}

/** Members their own; managers their own and those logged in one of their regions; admins all. */
export function mayWriteActivity(viewer: Viewer, activity: { ownerId: string; regionId: string | null }): boolean {
  switch (viewer.role) {
    case Role.ADMIN:
      return true;
    case Role.MANAGER:
      return activity.ownerId === viewer.id || (activity.regionId !== null && viewer.regionIds.includes(activity.regionId));
    case Role.MEMBER:
      return activity.ownerId === viewer.id;
    default:
      return false;
  }
}

/** Logging for someone else: the activity would be in the owner's default region, so the same rule applies. */
export function mayLogFor(viewer: Viewer, owner: { id: string; defaultRegionId: string | null }): boolean {
  return mayWriteActivity(viewer, { ownerId: owner.id, regionId: owner.defaultRegionId });
}
