export {
  AccountDetailDocument,
  AccountOptionsDocument,
  AccountsPageDocument,
  CreateAccountDocument,
  CreateProjectDocument,
  RecordOutcomeDocument,
  UpdateAccountDocument,
  AccountProjectsDocument,
  ActivitiesBootstrapDocument,
  ActivityForEditDocument,
  ActivityFormBootstrapDocument,
  CreateActivityDocument,
  DiscardDraftDocument,
  DraftsDocument,
  MonthActivitiesDocument,
  ResumeDraftDocument,
  UpdateActivityDocument,
} from './gql/graphql.js';
export type {
  AccountDetailQuery,
  AccountOptionsQuery,
  AccountsPageQuery,
  Currency,
  OutcomeResult,
  AccountProjectsQuery,
  ActivitiesBootstrapQuery,
  ActivityCategory,
  ActivityFilter,
  ActivityForEditQuery,
  ActivityFormBootstrapQuery,
  ActivityInput,
  ActivityScope,
  ActivityType,
  CallType,
  CreateActivityInput,
  CreateActivityMutation,
  DraftsQuery,
  MonthActivitiesQuery,
  MonthActivitiesQueryVariables,
  PocAccessType,
  ResumeDraftQuery,
  RfxType,
  UpdateActivityMutation,
} from './gql/graphql.js';
export * from './type-policies.js';

import type { ActivityForEditQuery, DraftsQuery, UpdateActivityMutation } from './gql/graphql.js';

/** Every field of one activity, as the form and the conflict view read it. */
export type EditableActivity = NonNullable<ActivityForEditQuery['activity']>;
export type ActivityConflict = Extract<UpdateActivityMutation['updateActivity'], { __typename: 'VersionConflict' }>;
export type PendingDraft = DraftsQuery['drafts'][number];
