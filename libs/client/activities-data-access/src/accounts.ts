// Accounts and projects (accounts.graphql, projects.graphql). Codegen masks fragments (codegen.ts,
// fragmentMasking): the helpers below are where a result's `...XFields` spread is read.
import { getFragmentData, type FragmentType } from './gql/fragment-masking.js';
import { AccountFieldsFragmentDoc, FieldErrorsFragmentDoc, ProjectFieldsFragmentDoc, ProjectSummaryFieldsFragmentDoc } from './gql/graphql.js';
import type { AccountFieldsFragment, ProjectFieldsFragment, ProjectSummaryFieldsFragment } from './gql/graphql.js';

export {
  PresalesOwnerSearchDocument,
  ProjectFormBootstrapDocument,
  ProjectListPageDocument,
  ProjectPageDocument,
  UpdateProjectDocument,
} from './gql/graphql.js';
export type {
  PresalesOwnerSearchQuery,
  ProjectFormBootstrapQuery,
  ProjectListPageQuery,
  ProjectListPageQueryVariables,
  ProjectPageQuery,
  ProjectStatus,
  UpdateProjectInput,
  UpdateProjectMutation,
} from './gql/graphql.js';

/** An account as every account document reads it (`...AccountFields`). */
export type AccountFields = AccountFieldsFragment;
/** A project as the account page lists it (`...ProjectSummaryFields`). */
export type ProjectSummary = ProjectSummaryFieldsFragment;
/** Every field of a project the project page shows and edits (`...ProjectFields`). */
export type ProjectFields = ProjectFieldsFragment;

export function accountFields(ref: FragmentType<typeof AccountFieldsFragmentDoc>): AccountFields {
  return getFragmentData(AccountFieldsFragmentDoc, ref);
}

export function projectSummaries(refs: readonly FragmentType<typeof ProjectSummaryFieldsFragmentDoc>[]): readonly ProjectSummary[] {
  return getFragmentData(ProjectSummaryFieldsFragmentDoc, refs);
}

export function projectFields(ref: FragmentType<typeof ProjectFieldsFragmentDoc>): ProjectFields {
  return getFragmentData(ProjectFieldsFragmentDoc, ref);
}

/** A ValidationFailed's field errors (`...FieldErrors`) by field name, for showing next to each field. */
export function fieldErrors(ref: FragmentType<typeof FieldErrorsFragmentDoc>): Record<string, string> {
  return Object.fromEntries(getFragmentData(FieldErrorsFragmentDoc, ref).fields.map((f) => [f.field, f.message]));
}
