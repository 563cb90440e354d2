/** What "Load more" needs of a paged list (`usePages` of @pams/client-graphql gives it). */
export interface MorePages {
  hasMore: boolean;
  loadMore(): void;
  loadingMore: boolean;
  moreError: Error | null;
}

/** The last row of a paged table: "Load more" while there is more, the failure in plain words when it failed. */
export function LoadMore({ pages, what }: { pages: MorePages; what: string }) {
  if (!pages.hasMore) return null;
  return (
    <span role="cell">
      <button type="button" className="pams-button pams-button-quiet" onClick={pages.loadMore} disabled={pages.loadingMore} data-testid={`${what}-more`}>
        {pages.loadingMore ? 'Loading…' : pages.moreError ? `More ${what} could not be loaded: try again` : `Load more ${what}`}
      </button>
    </span>
  );
}
