export {
  ChangePasswordDocument,
  LiveEventsDocument,
  MarkNotificationsReadDocument,
  MyNotificationsDocument,
  NotificationPreferencesDocument,
  SetNotificationPreferencesDocument,
  SignInDocument,
  SignOutDocument,
  UnreadNotificationCountDocument,
  ViewerDocument,
} from './gql/graphql.js';
export type { ChangePasswordMutation, LiveEventsSubscription, MyNotificationsQuery, SetNotificationPreferencesMutation, SignInMutation, ViewerQuery, Role } from './gql/graphql.js';
