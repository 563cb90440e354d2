export {
  ActivityReportDocument,
  DeleteReportPresetDocument,
  OutcomeReportDocument,
  ReportPresetsDocument,
  ReportsBootstrapDocument,
  SaveReportPresetDocument,
} from './gql/graphql.js';
export type {
  ActivityCategory,
  ActivityReportInput,
  ActivityReportQuery,
  ActivityType,
  CallType,
  DeleteReportPresetMutation,
  OutcomeDimension,
  OutcomeReportInput,
  OutcomeReportQuery,
  PresetVisibility,
  ReportChart,
  ReportDefinitionInput,
  ReportDimension,
  ReportFilter,
  ReportOrder,
  ReportSource,
  ReportsBootstrapQuery,
  Role,
  SaveReportPresetInput,
  SaveReportPresetMutation,
} from './gql/graphql.js';
export { reportsTypePolicies } from './type-policies.js';
export * from './outcome-import.js';
export * from './report-exports.js';
export * from './monthly-override.js';

import { getFragmentData, type FragmentType } from './gql/fragment-masking.js';
import { ReportPresetFieldsFragmentDoc } from './gql/graphql.js';
import type { ActivityReportQuery, ReportPresetFieldsFragment } from './gql/graphql.js';

/** A saved report definition, read through `...ReportPresetFields`. */
export type ReportPreset = ReportPresetFieldsFragment;
export type ActivityReportRow = ActivityReportQuery['activityReport']['rows'][number];

/** Presets read through `...ReportPresetFields` (codegen masks fragments: this is where a result reads them). */
export function reportPresets(refs: readonly FragmentType<typeof ReportPresetFieldsFragmentDoc>[]): readonly ReportPreset[] {
  return getFragmentData(ReportPresetFieldsFragmentDoc, refs);
}

export function reportPreset(ref: FragmentType<typeof ReportPresetFieldsFragmentDoc>): ReportPreset {
  return getFragmentData(ReportPresetFieldsFragmentDoc, ref);
}
