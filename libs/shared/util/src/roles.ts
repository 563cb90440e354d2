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
