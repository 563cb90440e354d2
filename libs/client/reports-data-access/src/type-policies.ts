import { toTypePolicies, type TypePolicies } from '@pams/client-graphql';
import type { ReportPresetFieldsFragment, ReportsBootstrapQuery } from './gql/graphql.js';

/** Cache rules for the reports remote's types; the shell adds them when it loads the remote. */
export const reportsTypePolicies: TypePolicies = toTypePolicies<{
  Bootstrap: ReportsBootstrapQuery['bootstrap'];
  ReportPreset: ReportPresetFieldsFragment;
}>({
  // Bootstrap has no id and the activities remote selects other parts of it: merge, never overwrite.
  Bootstrap: { merge: true },
  ReportPreset: {
    keyFields: ['id'],
    // A saved definition replaces the old one whole (it has no id of its own).
    fields: { definition: { merge: false } },
  },
});
