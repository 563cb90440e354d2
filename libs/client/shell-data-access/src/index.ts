export { ChangePasswordDocument, LiveEventsDocument, SignInDocument, SignOutDocument, ViewerDocument } from './gql/graphql.js';
export type { ChangePasswordMutation, LiveEventsSubscription, SignInMutation, ViewerQuery, Role } from './gql/graphql.js';
