import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useApolloClient, useQuery, type TypedDocumentNode } from '@pams/client-graphql';
import { ErrorPanel, Loading, VirtualList } from '@pams/client-ui';

/** A keyset page as the gateway's connections give it (`nodes` and `pageInfo`). */
export interface ListPage<Node> {
  nodes: readonly Node[];
  pageInfo: { endCursor?: string | null; hasNextPage: boolean };
}

/** Variables of a paged query: `after` is set by the hook. */
type PageVariables = Record<string, unknown> & { after?: string | null };

export interface PagedList<Node> {
  /** Every loaded node in order; undefined until the first page arrives. */
  nodes: readonly Node[] | undefined;
  /** Set when the first page failed and there is nothing to show. */
  firstError: Error | undefined;
  retryFirst(): void;
  hasNextPage: boolean;
  endCursor: string | null;
  /** Asks for the page after the last one loaded (once at a time; nothing when there is none). */
  loadMore(): void;
  moreLoading: boolean;
  moreError: Error | null;
}

/** The pages after the first one, loaded on demand, for one set of variables (`key`) and one read of the first page. */
interface MorePages<Node> {
  key: string;
  /** The first page's data these pages follow: a refetched first page starts them over. */
  first: unknown;
  pages: ListPage<Node>[];
  loading: boolean;
  error: Error | null;
}

/**
 * A list read a keyset page at a time: the first page comes from `useQuery` (so the intent prefetch
 * finds it cached), the next ones from `loadMore`, which the row after the last loaded one calls as it
 * scrolls into view (MoreRow), always from the server. New variables start over from their first page,
 * and so does a first page read again (a write evicted the list): answers for old ones are dropped.
 */
export function usePagedList<Data, Vars extends PageVariables, Node>(
  document: TypedDocumentNode<Data, Vars>,
  variables: Vars,
  pageOf: (data: Data) => ListPage<Node>,
): PagedList<Node> {
  const client = useApolloClient();
  const key = JSON.stringify(variables);
  const firstVariables = useMemo(() => ({ ...(JSON.parse(key) as Vars), after: null }), [key]);
  const first = useQuery(document as TypedDocumentNode<Data, PageVariables>, { variables: firstVariables });
  const firstData = first.data;
  const [state, setState] = useState<MorePages<Node>>({ key, first: firstData, pages: [], loading: false, error: null });
  const more = state.key === key && state.first === firstData ? state : { key, first: firstData, pages: [], loading: false, error: null };
  // The list (variables and first page) a page is being read for: one request at a time per list.
  const busy = useRef<{ key: string; first: unknown } | null>(null);
  const firstPage = firstData ? pageOf(firstData as Data) : undefined;
  const last = more.pages.at(-1) ?? firstPage;
  const after = last?.pageInfo.hasNextPage ? (last.pageInfo.endCursor ?? null) : null;
  // Flattened once per page read, not on every render.
  const nodes = useMemo(() => (firstPage ? [firstPage, ...more.pages].flatMap((page) => page.nodes) : undefined), [firstPage, more.pages]);

  const loadMore = useCallback(() => {
    if (!after || (busy.current?.key === key && busy.current.first === firstData)) return;
    const token = { key, first: firstData };
    busy.current = token;
    const mine = (m: MorePages<Node>) => m.key === key && m.first === firstData;
    setState((m) => (mine(m) ? { ...m, loading: true, error: null } : { key, first: firstData, pages: [], loading: true, error: null }));
    client
      // Later pages are never taken from the cache: they must follow the first page as the server has it now.
      .query({ query: document as TypedDocumentNode<Data, PageVariables>, variables: { ...firstVariables, after }, fetchPolicy: 'network-only' })
      .then(({ data }) => {
        if (!data) throw new Error('No answer from the server.');
        setState((m) => (mine(m) ? { ...m, pages: [...m.pages, pageOf(data as Data)], loading: false, error: null } : m));
      })
      .catch((error: Error) => setState((m) => (mine(m) ? { ...m, loading: false, error } : m)))
      .finally(() => {
        if (busy.current === token) busy.current = null;
      });
  }, [client, document, firstVariables, key, firstData, after, pageOf]);

  return {
    nodes,
    firstError: first.error && !firstPage ? first.error : undefined,
    retryFirst: () => void first.refetch(),
    hasNextPage: !!last?.pageInfo.hasNextPage,
    endCursor: last?.pageInfo.endCursor ?? null,
    loadMore,
    moreLoading: more.loading,
    moreError: more.error,
  };
}

/**
 * The row after the last loaded one: being rendered means it is within the overscan of the view, so
 * the next page loads (again whenever a page arrives and it is still in view, until one fails).
 */
export function MoreRow({ cursor, failed, onVisible, what, testId }: { cursor: string | null; failed: boolean; onVisible(): void; what: string; testId: string }) {
  const latest = useRef(onVisible);
  latest.current = onVisible;
  // Once per cursor: a new page moves the cursor on; after a failure, Retry asks again.
  useEffect(() => {
    if (!failed) latest.current();
  }, [cursor, failed]);
  return (
    <span role="cell" className="pams-muted" data-testid={testId} aria-busy={!failed}>
      {failed ? `More ${what} could not be loaded.` : 'Loading more…'}
    </span>
  );
}

export interface PagedTableProps<Node> {
  list: PagedList<Node>;
  /** Plural noun for messages and test ids: "accounts" → "No accounts match.", `accounts-empty`, `accounts-more`. */
  what: string;
  /** Accessible name of the table. */
  label: string;
  /** The header row's cells (role="columnheader"). */
  header: ReactNode;
  rowHeight: number;
  getKey(node: Node): string;
  /** The cells of one row (role="cell"). */
  renderRow(node: Node): ReactNode;
}

/**
 * A paged list as a virtualised table: a failed first page is an error with Retry (never "no rows"),
 * then the rows, then a row that loads the next page as it scrolls into view; a failed next page keeps
 * what is shown and offers Retry.
 */
export function PagedTable<Node>({ list, what, label, header, rowHeight, getKey, renderRow }: PagedTableProps<Node>) {
  if (list.firstError) return <ErrorPanel title={`The ${what} could not be loaded`} onRetry={list.retryFirst} />;
  if (!list.nodes) return <Loading label={`Loading ${what}…`} />;
  if (list.nodes.length === 0) {
    return (
      <p className="pams-muted" data-testid={`${what}-empty`}>
        No {what} match.
      </p>
    );
  }
  return (
    <>
      <div style={{ display: 'flex', flex: 1, minHeight: 0 }}>
        <VirtualList
          items={list.nodes}
          rowHeight={rowHeight}
          label={label}
          getKey={getKey}
          header={header}
          renderRow={renderRow}
          // The row after the last loaded one, which asks for the next page.
          footer={
            list.hasNextPage && (
              <MoreRow cursor={list.endCursor} failed={list.moreError !== null} onVisible={list.loadMore} what={what} testId={`${what}-more`} />
            )
          }
        />
      </div>
      {list.moreError && (
        <ErrorPanel title={`More ${what} could not be loaded`} onRetry={list.loadMore} retrying={list.moreLoading}>
          <p>{list.moreError.message}</p>
        </ErrorPanel>
      )}
    </>
  );
}
