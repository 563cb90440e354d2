export {
  AdminOverviewDocument,
  AdminRegionsDocument,
  AdminUserDocument,
  AdminUsersDocument,
  AuditEventsDocument,
  CancelScheduledCommandDocument,
  ChangeUserRegionsDocument,
  ChangeUserRoleDocument,
  DisableUserDocument,
  EnableUserDocument,
  ForcePasswordResetDocument,
  MailLogDocument,
  MailMessageDocument,
  NotifyUserDocument,
  RevokeUserAccessDocument,
  ScheduledCommandsDocument,
  ScheduleUserReviewDocument,
} from './gql/graphql.js';
export type {
  AdminCommandKind,
  AdminOverviewQuery,
  AdminRegionsQuery,
  AdminUserFilter,
  AdminUserQuery,
  AdminUsersQuery,
  AuditEventFilter,
  AuditEventsQuery,
  MailLogQuery,
  MailStatus,
  Role,
  ScheduledCommandFilter,
  ScheduledCommandsQuery,
  ScheduledCommandStatus,
  UserStatus,
} from './gql/graphql.js';
export { adminTypePolicies } from './type-policies.js';
export { runAdminCommand, type CommandInput } from './commands.js';
export { commandOutcome, scheduledCommand, scheduledCommands, userProfile, type AdminUserProfile, type CommandOutcome, type ScheduledCommandRow } from './unmask.js';
