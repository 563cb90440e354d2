import type { ApolloClient, TypedDocumentNode } from '@pams/client-graphql';
import {
  CreateIndustryDocument,
  CreateProductDocument,
  CreateRegionDocument,
  UpdateCurrencyRateDocument,
  UpdateIndustryDocument,
  UpdateProductDocument,
  UpdateRegionDocument,
  UpdateSalesRepDocument,
  UpdateUseCaseDocument,
} from '@pams/client-admin-data-access';

/** The kinds of reference data the page edits; the URL's `kind`. */
export type ReferenceKind = 'industries' | 'use-cases' | 'regions' | 'products' | 'sales-reps' | 'rates';

export const KINDS: readonly { kind: ReferenceKind; label: string; one: string }[] = [
  { kind: 'industries', label: 'Industries', one: 'industry' },
  { kind: 'use-cases', label: 'Use cases', one: 'use case' },
  { kind: 'regions', label: 'Regions', one: 'region' },
  { kind: 'products', label: 'Products', one: 'product' },
  { kind: 'sales-reps', label: 'Sales reps', one: 'sales rep' },
  { kind: 'rates', label: 'Currency rates', one: 'rate' },
];

export const readKind = (value: string | null): ReferenceKind => KINDS.find((k) => k.kind === value)?.kind ?? 'industries';

/** Kinds an admin can add from this page by name alone (use cases and sales reps need more than a name). */
export const ADDABLE: readonly ReferenceKind[] = ['industries', 'regions', 'products'];

/** What every edit answers, whatever its record type: the record, or a user error with a sentence. */
interface EditAnswer {
  __typename: string;
  message?: string;
  fields?: readonly { field: string; message: string }[];
}

export type EditOutcome = { ok: true } | { ok: false; message: string; conflict: boolean };

// The mutations by kind: each takes { id, expectedVersion, input } (update) or { input } (create).
const UPDATES: Partial<Record<ReferenceKind, TypedDocumentNode<Record<string, EditAnswer>, Record<string, unknown>>>> = {
  industries: UpdateIndustryDocument as never,
  'use-cases': UpdateUseCaseDocument as never,
  regions: UpdateRegionDocument as never,
  products: UpdateProductDocument as never,
  'sales-reps': UpdateSalesRepDocument as never,
};
const CREATES: Partial<Record<ReferenceKind, TypedDocumentNode<Record<string, EditAnswer>, Record<string, unknown>>>> = {
  industries: CreateIndustryDocument as never,
  regions: CreateRegionDocument as never,
  products: CreateProductDocument as never,
};

function outcomeOf(answer: EditAnswer | undefined, expected: string): EditOutcome {
  if (!answer) return { ok: false, message: 'No answer from the server.', conflict: false };
  const refused = answer.__typename === 'ValidationFailed' || answer.__typename === 'NotFound' || answer.__typename.endsWith('VersionConflict');
  if (!refused) return { ok: true };
  if (answer.__typename === 'ValidationFailed' && answer.fields?.length) {
    return { ok: false, message: answer.fields.map((f) => f.message).join(' '), conflict: false };
  }
  const conflict = answer.__typename.endsWith('VersionConflict');
  return { ok: false, message: conflict ? `This ${expected} was changed by someone else meanwhile; the list now shows it as it is. Check and try again.` : (answer.message ?? 'Refused.'), conflict };
}

/** Runs one edit of a record of `kind` and says how it went in the admin's terms. */
export async function editRecord(
  client: ApolloClient,
  kind: ReferenceKind,
  one: string,
  edit: { id: string; expectedVersion: number; input: Record<string, unknown> } | { input: Record<string, unknown> },
): Promise<EditOutcome> {
  const document = 'id' in edit ? UPDATES[kind] : CREATES[kind];
  if (!document) return { ok: false, message: `A ${one} cannot be changed here.`, conflict: false };
  try {
    const { data } = await client.mutate({ mutation: document, variables: edit });
    return outcomeOf(data ? Object.values(data)[0] : undefined, one);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error), conflict: false };
  }
}

/** Sets one currency's rate to the reporting currency. */
export async function editRate(client: ApolloClient, currency: string, expectedVersion: number, rate: number): Promise<EditOutcome> {
  try {
    const { data } = await client.mutate({ mutation: UpdateCurrencyRateDocument, variables: { currency: currency as never, expectedVersion, input: { rateToReporting: rate } } });
    return outcomeOf(data?.updateCurrencyRate as EditAnswer | undefined, 'rate');
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error), conflict: false };
  }
}
