import { useLiveStatus } from '@pams/client-graphql';
import type { ViewerQuery } from '@pams/client-shell-data-access';
import { Link, type Location } from '@pams/client-ui';
import { currentNavItem, NOTIFICATIONS_PATH, type NavItem } from '../portal-routes.js';
import type { IntentHandler } from '../remotes/intent-prefetch.js';

type Viewer = NonNullable<ViewerQuery['viewer']>;

interface SidebarProps {
  viewer: Viewer;
  items: NavItem[];
  location: Location;
  onIntent: IntentHandler;
  onSignOut: () => void;
  /** Unread notifications; null until known. */
  unread: number | null;
}

/** The portal's navigation. Pointing at, focusing or touching a link prefetches what it opens (B-006). */
export function Sidebar({ viewer, items, location, onIntent, onSignOut, unread }: SidebarProps) {
  const current = currentNavItem(items, location.pathname, location.search);
  const live = useLiveStatus();
  return (
    <nav className="pams-sidebar" aria-label="Main">
      <div className="pams-brand">PAMS</div>
      {items.map((item) => {
        const intent = item.remote ? () => onIntent(item.remote!, item.href) : undefined;
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={item === current ? 'page' : undefined}
            onPointerEnter={intent}
            onFocus={intent}
            onTouchStart={intent}
          >
            {item.label}
          </Link>
        );
      })}
      <Link href={NOTIFICATIONS_PATH} aria-current={location.pathname === NOTIFICATIONS_PATH ? 'page' : undefined} data-testid="notifications-link">
        Notifications
        {unread ? (
          <span className="pams-badge" data-testid="unread-count" aria-label={`${unread} unread`}>
            {unread}
          </span>
        ) : null}
      </Link>
      <div className="pams-user">
        <div data-testid="viewer-name">{viewer.name}</div>
        <div>{viewer.role.toLowerCase()}</div>
        <div className="pams-muted" data-testid="live-status" data-status={live} title="Changes made elsewhere appear here as they happen">
          {live === 'open' ? '● live' : live === 'connecting' ? '○ connecting…' : '○ offline'}
        </div>
        <button type="button" className="pams-button pams-button-quiet" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </nav>
  );
}
