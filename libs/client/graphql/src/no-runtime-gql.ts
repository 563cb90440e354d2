/**
 * Stands in for graphql-tag in browser builds (aliased by build/narrow-apollo.ts). Every document is
 * precompiled by graphql-codegen, so the GraphQL parser that `gql` pulls into @apollo/client never ships.
 */
const refuse = (): never => {
  throw new Error('gql`` is not available at run time: write the operation in a .graphql file and run npm run codegen');
};
export const gql = refuse;
export const resetCaches = (): void => {};
export const disableFragmentWarnings = (): void => {};
export const enableExperimentalFragmentVariables = (): void => {};
export const disableExperimentalFragmentVariables = (): void => {};
