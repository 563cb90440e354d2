export { ActivitiesBootstrapDocument, MonthActivitiesDocument } from './gql/graphql.js';
export type {
  ActivitiesBootstrapQuery,
  ActivityCategory,
  ActivityFilter,
  ActivityScope,
  ActivityType,
  MonthActivitiesQuery,
  MonthActivitiesQueryVariables,
} from './gql/graphql.js';
export * from './type-policies.js';
