import { useCallback, useMemo, useState } from 'react';
import { useApolloClient, useQuery } from '@apollo/client/react';
import type { TypedDocumentNode } from '@apollo/client';

/** A keyset page as the gateway's connections give it. */
export interface Page<Node> {
  nodes: readonly Node[];
  pageInfo: { endCursor?: string | null; hasNextPage: boolean };
}

type PageVariables = Record<string, unknown> & { after?: string | null };

export interface Pages<Node> {
  /** Every node loaded so far, in order; undefined until the first page arrives. */
  nodes: readonly Node[] | undefined;
  /** The first page failed and nothing is shown. */
  error: Error | undefined;
  retry(): void;
  hasMore: boolean;
  /** Reads the page after the last one loaded (a button press: "Load more"). */
  loadMore(): void;
  loadingMore: boolean;
  moreError: Error | null;
}

interface More<Node> {
  key: string;
  first: unknown;
  pages: Page<Node>[];
  loading: boolean;
  error: Error | null;
}

/**
 * A list read one keyset page at a time: the first from `useQuery` (cached, refetched after a command), the
 * next ones from the server on "Load more". New variables, or a first page read again, start over.
 */
export function usePages<Data, Vars extends PageVariables, Node>(document: TypedDocumentNode<Data, Vars>, variables: Vars, pageOf: (data: Data) => Page<Node>): Pages<Node> {
  const client = useApolloClient();
  const key = JSON.stringify(variables);
  const firstVariables = useMemo(() => ({ ...(JSON.parse(key) as Vars), after: null }), [key]);
  const first = useQuery(document as TypedDocumentNode<Data, PageVariables>, { variables: firstVariables });
  const data = first.data as Data | undefined;
  const [state, setState] = useState<More<Node>>({ key, first: data, pages: [], loading: false, error: null });
  const more = state.key === key && state.first === data ? state : { key, first: data, pages: [], loading: false, error: null };
  const firstPage = data ? pageOf(data) : undefined;
  const last = more.pages.at(-1) ?? firstPage;
  const after = last?.pageInfo.hasNextPage ? (last.pageInfo.endCursor ?? null) : null;
  const nodes = useMemo(() => (firstPage ? [firstPage, ...more.pages].flatMap((page) => page.nodes) : undefined), [firstPage, more.pages]);

  const loadMore = useCallback(() => {
    if (!after || more.loading) return;
    const mine = (m: More<Node>) => m.key === key && m.first === data;
    setState((m) => (mine(m) ? { ...m, loading: true, error: null } : { key, first: data, pages: [], loading: true, error: null }));
    client
      .query({ query: document as TypedDocumentNode<Data, PageVariables>, variables: { ...firstVariables, after }, fetchPolicy: 'network-only' })
      .then(({ data: page }) => {
        if (!page) throw new Error('No answer from the server.');
        setState((m) => (mine(m) ? { ...m, pages: [...m.pages, pageOf(page as Data)], loading: false } : m));
      })
      .catch((error: Error) => setState((m) => (mine(m) ? { ...m, loading: false, error } : m)));
  }, [after, more.loading, key, data, client, document, firstVariables, pageOf]);

  return {
    nodes,
    error: first.error && !firstPage ? first.error : undefined,
    retry: () => void first.refetch(),
    hasMore: after !== null,
    loadMore,
    loadingMore: more.loading,
    moreError: more.error,
  };
}
