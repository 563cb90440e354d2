export {
  ChangePasswordDocument,
  LiveEventsDocument,
  MarkNotificationsReadDocument,
  MyNotificationsDocument,
  SignInDocument,
  SignOutDocument,
  UnreadNotificationCountDocument,
  ViewerDocument,
} from './gql/graphql.js';
export type { ChangePasswordMutation, LiveEventsSubscription, MyNotificationsQuery, SignInMutation, ViewerQuery, Role } from './gql/graphql.js';
