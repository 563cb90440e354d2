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
  AttachmentsDocument,
  RemoveAttachmentDocument,
  ActivityForEditDocument,
  ActivityFormBootstrapDocument,
  CreateActivityDocument,
  DeleteActivitiesDocument,
  DeleteActivityDocument,
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
  ActivityChangeInput,
  ActivityFilter,
  ActivityForEditQuery,
  ActivityFormBootstrapQuery,
  ActivityInput,
  ActivityScope,
  ActivityType,
  CallType,
  CreateActivityInput,
  CreateActivityMutation,
  DeleteActivitiesMutation,
  DeleteActivityMutation,
  DraftsQuery,
  MonthActivitiesQuery,
  MonthActivitiesQueryVariables,
  PocAccessType,
  ResumeDraftQuery,
  RfxType,
  UpdateActivityMutation,
} from './gql/graphql.js';
export * from './type-policies.js';
export * from './accounts.js';

import { getFragmentData, type FragmentType } from './gql/fragment-masking.js';
import { ActivityFieldsFragmentDoc, ActivityRowFieldsFragmentDoc } from './gql/graphql.js';
import type { ActivityFieldsFragment, DraftsQuery, UpdateActivityMutation } from './gql/graphql.js';
import type { MonthActivity } from './type-policies.js';

/** Every field of one activity, as the form and the conflict view read it. */
export type EditableActivity = ActivityFieldsFragment;
export type ActivityConflict = Extract<UpdateActivityMutation['updateActivity'], { __typename: 'VersionConflict' }>;
export type PendingDraft = DraftsQuery['drafts'][number];

/** An activity read through `...ActivityFields` (codegen masks fragments: this is where a result reads it). */
export function editableActivity(ref: FragmentType<typeof ActivityFieldsFragmentDoc>): EditableActivity {
  return getFragmentData(ActivityFieldsFragmentDoc, ref);
}

/** The rows of a month read through `...ActivityRowFields`. */
export function monthActivities(refs: readonly FragmentType<typeof ActivityRowFieldsFragmentDoc>[]): readonly MonthActivity[] {
  return getFragmentData(ActivityRowFieldsFragmentDoc, refs);
}
