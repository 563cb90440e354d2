import type { FieldPolicy, FieldReadFunction, TypePolicies, TypePolicy } from '@apollo/client';

/**
 * Cache policies checked against the generated schema types: `TypedTypePolicies<{ Activity: Activity }>`
 * only accepts Activity's real fields as key fields and field policies, so a renamed field fails to compile.
 */
export type TypedTypePolicies<Types extends Record<string, object>> = {
  [Name in keyof Types & string]?: Omit<TypePolicy, 'keyFields' | 'fields'> & {
    keyFields?: false | (keyof Types[Name] & string)[];
    fields?: { [Field in keyof Types[Name] & string]?: FieldPolicy | FieldReadFunction };
  };
};

/** The untyped form InMemoryCache takes; every TypedTypePolicies is one. */
export function toTypePolicies<Types extends Record<string, object>>(policies: TypedTypePolicies<Types>): TypePolicies {
  return policies as TypePolicies;
}
