// Named re-exports only: the federation plugin reads them to load the fallback copy lazily.
export { Link, navigate, useLocation, type LinkProps, type Location, type NavigateOptions } from './router.js';
export { VirtualList, type VirtualListProps } from './virtual-list.js';
export { ErrorPanel, Loading, Notice, type ErrorPanelProps } from './panels.js';
export { LoadMore, type MorePages } from './load-more.js';
