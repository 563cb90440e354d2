import { toTypePolicies, type TypePolicies } from '@pams/client-graphql';
import type { AdminUserProfileFragment, ScheduledCommandFieldsFragment } from './gql/graphql.js';

/** Cache rules for the admin remote's types; the shell adds them when it loads the remote. */
export const adminTypePolicies: TypePolicies = toTypePolicies<{
  AdminUser: AdminUserProfileFragment;
  ScheduledCommand: ScheduledCommandFieldsFragment;
}>({
  // A command's answer carries the user at its new version: the list and the drilldown update in place.
  AdminUser: { keyFields: ['id'], fields: { regions: { merge: false } } },
  ScheduledCommand: { keyFields: ['id'] },
});
