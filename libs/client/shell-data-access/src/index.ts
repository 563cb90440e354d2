export { ChangePasswordDocument, SignInDocument, SignOutDocument, ViewerDocument } from './gql/graphql.js';
export type { ChangePasswordMutation, SignInMutation, ViewerQuery, Role } from './gql/graphql.js';
