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
    "subscription LiveEvents($after: String) {\n  liveEvents(after: $after) {\n    kind\n    cursor\n    resetReason\n    event {\n      id\n      occurredAt\n      action\n      entityType\n      entityId\n      actorId\n      actorKind\n      requestId\n      changes {\n        field\n        before\n        after\n      }\n    }\n  }\n}": typeof types.LiveEventsDocument,
    "query UnreadNotificationCount {\n  unreadNotificationCount\n}\n\nquery MyNotifications($first: Int, $after: String, $unreadOnly: Boolean) {\n  myNotifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n    nodes {\n      id\n      kind\n      subject\n      body\n      createdAt\n      readAt\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nmutation MarkNotificationsRead($ids: [ID!]) {\n  markNotificationsRead(ids: $ids) {\n    marked\n    unreadCount\n  }\n}": typeof types.UnreadNotificationCountDocument,
    "query Viewer {\n  viewer {\n    id\n    email\n    name\n    role\n    regionIds\n    mustChangePassword\n  }\n}\n\nmutation SignIn($email: String!, $password: String!) {\n  signIn(email: $email, password: $password) {\n    __typename\n    ... on SignInSuccess {\n      viewer {\n        id\n        email\n        name\n        role\n        regionIds\n        mustChangePassword\n      }\n    }\n    ... on InvalidCredentials {\n      message\n    }\n    ... on RateLimited {\n      message\n      retryAfterSeconds\n    }\n    ... on ValidationFailed {\n      message\n      fields {\n        field\n        message\n      }\n    }\n  }\n}\n\nmutation SignOut {\n  signOut {\n    message\n  }\n}\n\nmutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n  changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n    __typename\n    ... on PasswordChanged {\n      viewer {\n        id\n        email\n        name\n        role\n        regionIds\n        mustChangePassword\n      }\n    }\n    ... on RateLimited {\n      message\n      retryAfterSeconds\n    }\n    ... on ValidationFailed {\n      message\n      fields {\n        field\n        message\n      }\n    }\n  }\n}": typeof types.ViewerDocument,
};
const documents: Documents = {
    "subscription LiveEvents($after: String) {\n  liveEvents(after: $after) {\n    kind\n    cursor\n    resetReason\n    event {\n      id\n      occurredAt\n      action\n      entityType\n      entityId\n      actorId\n      actorKind\n      requestId\n      changes {\n        field\n        before\n        after\n      }\n    }\n  }\n}": types.LiveEventsDocument,
    "query UnreadNotificationCount {\n  unreadNotificationCount\n}\n\nquery MyNotifications($first: Int, $after: String, $unreadOnly: Boolean) {\n  myNotifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n    nodes {\n      id\n      kind\n      subject\n      body\n      createdAt\n      readAt\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nmutation MarkNotificationsRead($ids: [ID!]) {\n  markNotificationsRead(ids: $ids) {\n    marked\n    unreadCount\n  }\n}": types.UnreadNotificationCountDocument,
    "query Viewer {\n  viewer {\n    id\n    email\n    name\n    role\n    regionIds\n    mustChangePassword\n  }\n}\n\nmutation SignIn($email: String!, $password: String!) {\n  signIn(email: $email, password: $password) {\n    __typename\n    ... on SignInSuccess {\n      viewer {\n        id\n        email\n        name\n        role\n        regionIds\n        mustChangePassword\n      }\n    }\n    ... on InvalidCredentials {\n      message\n    }\n    ... on RateLimited {\n      message\n      retryAfterSeconds\n    }\n    ... on ValidationFailed {\n      message\n      fields {\n        field\n        message\n      }\n    }\n  }\n}\n\nmutation SignOut {\n  signOut {\n    message\n  }\n}\n\nmutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n  changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n    __typename\n    ... on PasswordChanged {\n      viewer {\n        id\n        email\n        name\n        role\n        regionIds\n        mustChangePassword\n      }\n    }\n    ... on RateLimited {\n      message\n      retryAfterSeconds\n    }\n    ... on ValidationFailed {\n      message\n      fields {\n        field\n        message\n      }\n    }\n  }\n}": types.ViewerDocument,
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
export function graphql(source: "subscription LiveEvents($after: String) {\n  liveEvents(after: $after) {\n    kind\n    cursor\n    resetReason\n    event {\n      id\n      occurredAt\n      action\n      entityType\n      entityId\n      actorId\n      actorKind\n      requestId\n      changes {\n        field\n        before\n        after\n      }\n    }\n  }\n}"): (typeof documents)["subscription LiveEvents($after: String) {\n  liveEvents(after: $after) {\n    kind\n    cursor\n    resetReason\n    event {\n      id\n      occurredAt\n      action\n      entityType\n      entityId\n      actorId\n      actorKind\n      requestId\n      changes {\n        field\n        before\n        after\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UnreadNotificationCount {\n  unreadNotificationCount\n}\n\nquery MyNotifications($first: Int, $after: String, $unreadOnly: Boolean) {\n  myNotifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n    nodes {\n      id\n      kind\n      subject\n      body\n      createdAt\n      readAt\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nmutation MarkNotificationsRead($ids: [ID!]) {\n  markNotificationsRead(ids: $ids) {\n    marked\n    unreadCount\n  }\n}"): (typeof documents)["query UnreadNotificationCount {\n  unreadNotificationCount\n}\n\nquery MyNotifications($first: Int, $after: String, $unreadOnly: Boolean) {\n  myNotifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n    nodes {\n      id\n      kind\n      subject\n      body\n      createdAt\n      readAt\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nmutation MarkNotificationsRead($ids: [ID!]) {\n  markNotificationsRead(ids: $ids) {\n    marked\n    unreadCount\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Viewer {\n  viewer {\n    id\n    email\n    name\n    role\n    regionIds\n    mustChangePassword\n  }\n}\n\nmutation SignIn($email: String!, $password: String!) {\n  signIn(email: $email, password: $password) {\n    __typename\n    ... on SignInSuccess {\n      viewer {\n        id\n        email\n        name\n        role\n        regionIds\n        mustChangePassword\n      }\n    }\n    ... on InvalidCredentials {\n      message\n    }\n    ... on RateLimited {\n      message\n      retryAfterSeconds\n    }\n    ... on ValidationFailed {\n      message\n      fields {\n        field\n        message\n      }\n    }\n  }\n}\n\nmutation SignOut {\n  signOut {\n    message\n  }\n}\n\nmutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n  changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n    __typename\n    ... on PasswordChanged {\n      viewer {\n        id\n        email\n        name\n        role\n        regionIds\n        mustChangePassword\n      }\n    }\n    ... on RateLimited {\n      message\n      retryAfterSeconds\n    }\n    ... on ValidationFailed {\n      message\n      fields {\n        field\n        message\n      }\n    }\n  }\n}"): (typeof documents)["query Viewer {\n  viewer {\n    id\n    email\n    name\n    role\n    regionIds\n    mustChangePassword\n  }\n}\n\nmutation SignIn($email: String!, $password: String!) {\n  signIn(email: $email, password: $password) {\n    __typename\n    ... on SignInSuccess {\n      viewer {\n        id\n        email\n        name\n        role\n        regionIds\n        mustChangePassword\n      }\n    }\n    ... on InvalidCredentials {\n      message\n    }\n    ... on RateLimited {\n      message\n      retryAfterSeconds\n    }\n    ... on ValidationFailed {\n      message\n      fields {\n        field\n        message\n      }\n    }\n  }\n}\n\nmutation SignOut {\n  signOut {\n    message\n  }\n}\n\nmutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n  changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n    __typename\n    ... on PasswordChanged {\n      viewer {\n        id\n        email\n        name\n        role\n        regionIds\n        mustChangePassword\n      }\n    }\n    ... on RateLimited {\n      message\n      retryAfterSeconds\n    }\n    ... on ValidationFailed {\n      message\n      fields {\n        field\n        message\n      }\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;