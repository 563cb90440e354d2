/** The five roles of PAMS (PRODUCT.md, "Who uses it"). */
export enum Role {
  ADMIN = 'ADMIN',
  LEADER = 'LEADER',
  MANAGER = 'MANAGER',
  MEMBER = 'MEMBER',
  ANALYST = 'ANALYST',
}

export const ALL_ROLES: readonly Role[] = Object.values(Role);

/** Roles that may create personal access tokens for scripted, read-only GraphQL use. */
export const TOKEN_ROLES: readonly Role[] = [Role.ANALYST, Role.ADMIN];

/**
 * Roles that write: they log and change activities (mayWriteActivity says which), create accounts and
 * projects, and change projects and their outcomes (the gateway decides which, by ownership and region).
 * Leaders and analysts read only.
 */
export const WRITER_ROLES: readonly Role[] = [Role.MEMBER, Role.MANAGER, Role.ADMIN];

/** Roles that may change an account at all (managers only those of their regions, which the gateway decides). */
export const ACCOUNT_EDITOR_ROLES: readonly Role[] = [Role.ADMIN, Role.MANAGER];

/** Members their own activities; managers their own and those logged in one of their regions; admins all. */
export function mayWriteActivity(
  viewer: { id: string; role: Role; regionIds: readonly string[] },
  activity: { ownerId: string; regionId: string | null },
): boolean {
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
