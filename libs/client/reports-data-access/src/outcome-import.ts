import { getFragmentData, type FragmentType } from './gql/fragment-masking.js';
import { OutcomeImportFieldsFragmentDoc, type OutcomeImportFieldsFragment, type OutcomeImportQuery } from './gql/graphql.js';

export {
  ApplyOutcomeImportDocument,
  OutcomeImportDocument,
  OutcomeImportProjectSearchDocument,
  OutcomeImportsDocument,
  OutcomesThisMonthDocument,
  ReviewOutcomeImportRowDocument,
} from './gql/graphql.js';
export type {
  ApplyOutcomeImportMutation,
  OutcomeImportQuery,
  OutcomeImportRowStatus,
  OutcomesThisMonthQuery,
  ReviewOutcomeImportRowMutation,
} from './gql/graphql.js';

/** A staged CRM import, read through `...OutcomeImportFields`. */
export type OutcomeImportSummary = OutcomeImportFieldsFragment;
export type OutcomeImportRow = NonNullable<OutcomeImportQuery['outcomeImport']>['rows']['nodes'][number];

/** Unwraps `...OutcomeImportFields` (codegen masks fragments). */
export function outcomeImportSummary(ref: FragmentType<typeof OutcomeImportFieldsFragmentDoc>): OutcomeImportSummary {
  return getFragmentData(OutcomeImportFieldsFragmentDoc, ref);
}

export function outcomeImportSummaries(refs: readonly FragmentType<typeof OutcomeImportFieldsFragmentDoc>[]): readonly OutcomeImportSummary[] {
  return getFragmentData(OutcomeImportFieldsFragmentDoc, refs);
}

/** Where the .xlsx goes (the body is the file itself). */
export const OUTCOME_IMPORT_UPLOAD_PATH = '/outcomes/imports';
export const OUTCOME_IMPORT_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
