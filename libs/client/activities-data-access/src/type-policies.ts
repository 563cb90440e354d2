import { toTypePolicies, type TypePolicies } from '@pams/client-graphql';
import type { ActivitiesBootstrapQuery, ActivityRowFieldsFragment, MonthActivitiesQuery } from './gql/graphql.js';

/** A row of the month view (`...ActivityRowFields`, read through `monthActivities()`). */
export type MonthActivity = ActivityRowFieldsFragment;

/** Cache rules for the activities remote's types; the shell adds them when it loads the remote. */
export const activitiesTypePolicies: TypePolicies = toTypePolicies<{
  Query: MonthActivitiesQuery & ActivitiesBootstrapQuery;
  Bootstrap: ActivitiesBootstrapQuery['bootstrap'];
  Activity: MonthActivity;
}>({
  Query: {
    fields: {
      // One cached list per month and filter; an edit that changes an activity's month must update both (B-002).
      activities: { keyArgs: ['month', 'filter'] },
    },
  },
  // Bootstrap has no id: merge, so queries selecting different parts of it do not overwrite each other.
  Bootstrap: { merge: true },
  Activity: { keyFields: ['id'] },
});
