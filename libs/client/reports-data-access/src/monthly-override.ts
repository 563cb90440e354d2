import { getFragmentData, type FragmentType } from './gql/fragment-masking.js';
import { MonthlyOverrideFieldsFragmentDoc, type MonthlyOverrideFieldsFragment, type MonthlyReportOverrideInput } from './gql/graphql.js';

export { MonthlyOverrideEditorDocument, SaveMonthlyOverrideDocument, WinOfTheMonthCalloutDocument } from './gql/graphql.js';
export type { MonthlyOverrideEditorQuery, MonthlyReportOverrideInput, SaveMonthlyOverrideMutation, WinOfTheMonthCalloutQuery } from './gql/graphql.js';

/** A month's stored overrides, read through `...MonthlyOverrideFields`. */
export type MonthlyOverride = MonthlyOverrideFieldsFragment;

/** Unwraps `...MonthlyOverrideFields` (codegen masks fragments). */
export function monthlyOverride(ref: FragmentType<typeof MonthlyOverrideFieldsFragmentDoc>): MonthlyOverride {
  return getFragmentData(MonthlyOverrideFieldsFragmentDoc, ref);
}

/** The editable part of a month's overrides, every field present: what the form edits and the save sends. */
export interface OverrideDraft extends Required<MonthlyReportOverrideInput> {
  highlights: string;
  featuredUseCaseIds: string[];
  excludedOutcomeIds: string[];
  includedOutcomeIds: string[];
  manualWins: { title: string; accountName: string; mrrReporting: number | null; story: string }[];
  winOfTheMonthOutcomeId: string | null;
  winOfTheMonthStory: string | null;
}

/** The editable part of a stored override, as the save mutation takes it. */
export function overrideInputOf(stored: MonthlyOverride): OverrideDraft {
  return {
    highlights: stored.highlights,
    featuredUseCaseIds: [...stored.featuredUseCaseIds],
    excludedOutcomeIds: [...stored.excludedOutcomeIds],
    includedOutcomeIds: [...stored.includedOutcomeIds],
    manualWins: stored.manualWins.map(({ title, accountName, mrrReporting, story }) => ({ title, accountName, mrrReporting: mrrReporting ?? null, story })),
    winOfTheMonthOutcomeId: stored.winOfTheMonthOutcomeId ?? null,
    winOfTheMonthStory: stored.winOfTheMonthStory ?? null,
  };
}
