/** Rows per page of the accounts list. */
export const ACCOUNT_PAGE_SIZE = 50;

/**
 * The variables of the accounts list's first page for a search (the list adds `after` for the next
 * ones). The page and the intent prefetch in routes.ts both ask with these, so the prefetch fills the
 * cache entry the page reads.
 */
export function accountListVariables(search: string): { search: string | null; first: number; after: null } {
  return { search: search || null, first: ACCOUNT_PAGE_SIZE, after: null };
}
