import type { CSSProperties, ReactNode } from 'react';
import type { Pages } from '@pams/client-graphql';
import { ErrorPanel, Loading, LoadMore, VirtualList } from '@pams/client-ui';

export interface PagedTableProps<Node> {
  pages: Pages<Node>;
  /** Plural, for the messages: "The users could not be loaded", "Loading users…". */
  what: string;
  /** The table's accessible name. */
  label: string;
  columns: readonly (readonly [string, CSSProperties])[];
  getKey: (node: Node) => string;
  renderRow: (node: Node) => ReactNode;
  /** What an empty list says (filters in mind). */
  empty: ReactNode;
  /** Names the "Load more" button (`<more>-more` test id); default `what`. */
  more?: string;
}

/**
 * A keyset-paged admin list as a virtualised table: the failure with Retry, loading, the empty sentence, or
 * the rows with "Load more" at the end.
 */
export function PagedTable<Node>({ pages, what, label, columns, getKey, renderRow, empty, more }: PagedTableProps<Node>) {
  if (pages.error) {
    return (
      <ErrorPanel title={`The ${what} could not be loaded`} onRetry={pages.retry}>
        <p>{pages.error.message}</p>
      </ErrorPanel>
    );
  }
  if (!pages.nodes) return <Loading label={`Loading ${what}…`} />;
  if (pages.nodes.length === 0) return <>{empty}</>;
  return (
    <div style={{ display: 'flex', flex: 1, minHeight: 0 }}>
      <VirtualList
        items={pages.nodes}
        rowHeight={36}
        label={label}
        getKey={getKey}
        header={columns.map(([name, style], i) => (
          <div role="columnheader" key={i} style={style}>
            {name}
          </div>
        ))}
        renderRow={renderRow}
        footer={pages.hasMore && <LoadMore pages={pages} what={more ?? what} />}
      />
    </div>
  );
}
