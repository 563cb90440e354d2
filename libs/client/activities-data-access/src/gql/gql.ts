/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query ActivitiesBootstrap {\n  bootstrap {\n    viewer {\n      id\n      role\n      regionIds\n    }\n    today\n    regions {\n      id\n      name\n    }\n    industries {\n      id\n      name\n    }\n    presets {\n      id\n      label\n      scope\n    }\n    defaultPresetId\n  }\n}": typeof types.ActivitiesBootstrapDocument,
    "query MonthActivities($month: String!, $filter: ActivityFilter) {\n  activities(month: $month, filter: $filter) {\n    month\n    items {\n      id\n      version\n      date\n      category\n      type\n      name\n      effortDays\n      effortHours\n      owner {\n        id\n        name\n      }\n      region {\n        id\n        name\n      }\n      account {\n        id\n        name\n      }\n      project {\n        id\n        name\n      }\n    }\n    totals {\n      count\n      days\n      hours\n    }\n  }\n}": typeof types.MonthActivitiesDocument,
};
const documents: Documents = {
    "query ActivitiesBootstrap {\n  bootstrap {\n    viewer {\n      id\n      role\n      regionIds\n    }\n    today\n    regions {\n      id\n      name\n    }\n    industries {\n      id\n      name\n    }\n    presets {\n      id\n      label\n      scope\n    }\n    defaultPresetId\n  }\n}": types.ActivitiesBootstrapDocument,
    "query MonthActivities($month: String!, $filter: ActivityFilter) {\n  activities(month: $month, filter: $filter) {\n    month\n    items {\n      id\n      version\n      date\n      category\n      type\n      name\n      effortDays\n      effortHours\n      owner {\n        id\n        name\n      }\n      region {\n        id\n        name\n      }\n      account {\n        id\n        name\n      }\n      project {\n        id\n        name\n      }\n    }\n    totals {\n      count\n      days\n      hours\n    }\n  }\n}": types.MonthActivitiesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ActivitiesBootstrap {\n  bootstrap {\n    viewer {\n      id\n      role\n      regionIds\n    }\n    today\n    regions {\n      id\n      name\n    }\n    industries {\n      id\n      name\n    }\n    presets {\n      id\n      label\n      scope\n    }\n    defaultPresetId\n  }\n}"): (typeof documents)["query ActivitiesBootstrap {\n  bootstrap {\n    viewer {\n      id\n      role\n      regionIds\n    }\n    today\n    regions {\n      id\n      name\n    }\n    industries {\n      id\n      name\n    }\n    presets {\n      id\n      label\n      scope\n    }\n    defaultPresetId\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MonthActivities($month: String!, $filter: ActivityFilter) {\n  activities(month: $month, filter: $filter) {\n    month\n    items {\n      id\n      version\n      date\n      category\n      type\n      name\n      effortDays\n      effortHours\n      owner {\n        id\n        name\n      }\n      region {\n        id\n        name\n      }\n      account {\n        id\n        name\n      }\n      project {\n        id\n        name\n      }\n    }\n    totals {\n      count\n      days\n      hours\n    }\n  }\n}"): (typeof documents)["query MonthActivities($month: String!, $filter: ActivityFilter) {\n  activities(month: $month, filter: $filter) {\n    month\n    items {\n      id\n      version\n      date\n      category\n      type\n      name\n      effortDays\n      effortHours\n      owner {\n        id\n        name\n      }\n      region {\n        id\n        name\n      }\n      account {\n        id\n        name\n      }\n      project {\n        id\n        name\n      }\n    }\n    totals {\n      count\n      days\n      hours\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;