import { memo, useCallback, useLayoutEffect, useRef, useState, type ReactNode, type UIEvent } from 'react';

export interface VirtualListProps<T> {
  items: readonly T[];
  /** Every row has this height (px): what makes windowing a division instead of a measurement. */
  rowHeight: number;
  getKey(item: T): string;
  /**
   * The cells of one row (elements with role="cell"). A row renders again only when its item, its index or
   * this function changes: keep it stable (module level or useCallback) and let it change when what the rows
   * show changes (a selection, a column), so scrolling renders only the rows that come into view.
   */
  renderRow(item: T, index: number): ReactNode;
  /** A last row after the items (e.g. one that loads more): rendered, like them, only within the window. */
  footer?: ReactNode;
  /** The header row's cells (role="columnheader"); kept visible while scrolling. */
  header?: ReactNode;
  /** Accessible name of the table. */
  label: string;
  /** Rows rendered above and below the visible ones, so fast scrolling does not show gaps. */
  overscan?: number;
  className?: string;
}

interface RowProps {
  item: unknown;
  index: number;
  rowHeight: number;
  renderRow(item: unknown, index: number): ReactNode;
}

/** One row, placed by its index; memoised so that scrolling does not render the rows already in view again. */
const Row = memo(function Row({ item, index, rowHeight, renderRow }: RowProps) {
  return (
    <div role="row" aria-rowindex={index + 2} className="pams-vlist-row" style={{ height: rowHeight, transform: `translateY(${index * rowHeight}px)` }}>
      {renderRow(item, index)}
    </div>
  );
});

const FOOTER_KEY = '\u0000footer';
const asIs = (node: unknown) => node as ReactNode;

/**
 * A windowed table with fixed-height rows: only the rows in view (plus `overscan`) are in the DOM, so
 * thousands of rows scroll like a few dozen. ~1 KiB instead of a virtualiser library (docs/adr/0009).
 */
export function VirtualList<T>({ items, rowHeight, getKey, renderRow, footer, header, label, overscan = 10, className }: VirtualListProps<T>) {
  const ref = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 800 });

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setView((v) => (v.height === element.clientHeight ? v : { ...v, height: element.clientHeight }));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Re-render only when the first visible row changes, not on every scrolled pixel.
  const onScroll = useCallback(
    (event: UIEvent<HTMLDivElement>) => {
      const top = event.currentTarget.scrollTop;
      setView((v) => (Math.floor(top / rowHeight) === Math.floor(v.top / rowHeight) ? v : { ...v, top }));
    },
    [rowHeight],
  );

  const hasFooter = footer != null && footer !== false;
  const count = items.length + (hasFooter ? 1 : 0);
  const first = Math.max(0, Math.floor(view.top / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((view.top + view.height) / rowHeight) + overscan);
  const rows: ReactNode[] = [];
  for (let index = first; index < Math.min(last, items.length); index++) {
    const item = items[index];
    rows.push(<Row key={getKey(item)} item={item} index={index} rowHeight={rowHeight} renderRow={renderRow} />);
  }
  if (hasFooter && last > items.length) {
    rows.push(<Row key={FOOTER_KEY} item={footer} index={items.length} rowHeight={rowHeight} renderRow={asIs} />);
  }

  return (
    <div
      ref={ref}
      role="table"
      aria-label={label}
      aria-rowcount={count + 1}
      className={className ? `pams-vlist ${className}` : 'pams-vlist'}
      onScroll={onScroll}
      tabIndex={0}
    >
      {header && (
        <div role="rowgroup" className="pams-vlist-head">
          <div role="row" aria-rowindex={1} className="pams-vlist-row">
            {header}
          </div>
        </div>
      )}
      <div role="rowgroup" className="pams-vlist-body" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
