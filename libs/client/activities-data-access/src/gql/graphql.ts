/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** EXTERNAL (with a customer) or INTERNAL. */
export type ActivityCategory =
  | 'EXTERNAL'
  | 'INTERNAL';

export type ActivityFilter = {
  accountIds?: Array<string | number> | null | undefined;
  category?: ActivityCategory | null | undefined;
  /** On or after this YYYY-MM-DD. */
  dateFrom?: string | null | undefined;
  /** On or before this YYYY-MM-DD. */
  dateTo?: string | null | undefined;
  /** The account's industry. */
  industryIds?: Array<string | number> | null | undefined;
  ownerIds?: Array<string | number> | null | undefined;
  projectIds?: Array<string | number> | null | undefined;
  /** The region the activity was logged in (its owner’s default region then). */
  regionIds?: Array<string | number> | null | undefined;
  /** MINE when not given (P-002, P-009). Pass ALL to filter by other owners. */
  scope?: ActivityScope | null | undefined;
  /** Case-insensitive substring of name, topic, description, minutes of meeting, account or project name. */
  text?: string | null | undefined;
  types?: Array<ActivityType> | null | undefined;
};

/** MINE: the viewer's own; REGION: activities logged in the viewer's regions; ALL: everyone's. */
export type ActivityScope =
  | 'ALL'
  | 'MINE'
  | 'REGION';

/** Its category is `categoryOf(type)`: the first six are EXTERNAL. */
export type ActivityType =
  | 'CONTENT_CREATION'
  | 'CUSTOMER_CALL'
  | 'DOCUMENTATION'
  | 'ENABLEMENT'
  | 'EVENT_BOOTH'
  | 'EXTERNAL_OTHER'
  | 'INTERNAL_MEETING'
  | 'INTERNAL_OTHER'
  | 'POC'
  | 'PRICING'
  | 'PRODUCT_FEEDBACK'
  | 'RFX'
  | 'SOW'
  | 'TRAINING'
  | 'VIDEO_CREATION'
  | 'WEBINAR';

/** What a user may see and change (PRODUCT.md, "Who uses it"). */
export type Role =
  | 'ADMIN'
  | 'ANALYST'
  | 'LEADER'
  | 'MANAGER'
  | 'MEMBER';

export type ActivitiesBootstrapQueryVariables = Exact<{ [key: string]: never; }>;


export type ActivitiesBootstrapQuery = { bootstrap: { today: string, defaultPresetId: string, viewer: { id: string, role: Role, regionIds: Array<string> }, regions: Array<{ id: string, name: string }>, industries: Array<{ id: string, name: string }>, presets: Array<{ id: string, label: string, scope: ActivityScope }> } };

export type MonthActivitiesQueryVariables = Exact<{
  month: string;
  filter?: ActivityFilter | null | undefined;
}>;


export type MonthActivitiesQuery = { activities: { month: string, items: Array<{ id: string, version: number, date: string, category: ActivityCategory, type: ActivityType, name: string | null, effortDays: number | null, effortHours: number | null, owner: { id: string, name: string }, region: { id: string, name: string } | null, account: { id: string, name: string } | null, project: { id: string, name: string } | null }>, totals: { count: number, days: number, hours: number } } };


export const ActivitiesBootstrapDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ActivitiesBootstrap"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bootstrap"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"regionIds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"today"}},{"kind":"Field","name":{"kind":"Name","value":"regions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"industries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"presets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}}]}},{"kind":"Field","name":{"kind":"Name","value":"defaultPresetId"}}]}}]}}]} as unknown as DocumentNode<ActivitiesBootstrapQuery, ActivitiesBootstrapQueryVariables>;
export const MonthActivitiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MonthActivities"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"month"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ActivityFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"month"},"value":{"kind":"Variable","name":{"kind":"Name","value":"month"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"effortDays"}},{"kind":"Field","name":{"kind":"Name","value":"effortHours"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"region"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"days"}},{"kind":"Field","name":{"kind":"Name","value":"hours"}}]}}]}}]}}]} as unknown as DocumentNode<MonthActivitiesQuery, MonthActivitiesQueryVariables>;