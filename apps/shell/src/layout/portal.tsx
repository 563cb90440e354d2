import { Suspense, useEffect, useState } from 'react';
import { createLiveEvents, LiveEventsProvider, type LiveEvents } from '@pams/client-graphql';
import { LiveEventsDocument, type ViewerQuery } from '@pams/client-shell-data-access';
import { Loading, navigate, Notice, useLocation, type Location } from '@pams/client-ui';
import { AnalystPage, NotFound, NotificationsPage } from '../lazy-pages.js';
import { useUnreadCount } from '../notifications/use-unread-count.js';
import { ANALYST_PATH, landingFor, NOTIFICATIONS_PATH, mayOpenRemote, navFor, remoteFor } from '../portal-routes.js';
import type { IntentHandler } from '../remotes/intent-prefetch.js';
import { RemoteOutlet } from '../remotes/remote-outlet.js';
import type { RemoteRegistry } from '../remotes/remote-registry.js';
import { useSignOut } from '../session/use-sign-out.js';
import { Sidebar } from './sidebar.js';

type Viewer = NonNullable<ViewerQuery['viewer']>;

interface PortalProps {
  viewer: Viewer;
  registry: RemoteRegistry;
  onIntent: IntentHandler;
}

/** The signed-in portal: sidebar, and the page of the current path (a shell page or a remote's). */
export function Portal({ viewer, registry, onIntent }: PortalProps) {
  const location = useLocation();
  const { signOut } = useSignOut();
  const landing = landingFor(viewer.role);
  // The tab's one live stream, for whoever is signed in: a new viewer (sign-out, another user) gets a new one.
  // Made in an effect, so a StrictMode remount closes the first and opens a second, never a closed one.
  const [live, setLive] = useState<LiveEvents | null>(null);
  useEffect(() => {
    const events = createLiveEvents({ document: LiveEventsDocument });
    setLive(events);
    return () => events.close();
  }, []);

  useEffect(() => {
    if (location.pathname === '/') navigate(landing, { replace: true });
  }, [location.pathname, landing]);

  const remote = remoteFor(location.pathname);
  let page;
  if (remote && !mayOpenRemote(remote, viewer.role)) {
    page = (
      <Notice title="For admins only">
        <p>The {remote} console is for admins. Your pages are in the sidebar.</p>
      </Notice>
    );
  } else if (remote) page = <RemoteOutlet key={remote} name={remote} location={location} registry={registry} />;
  else if (location.pathname === ANALYST_PATH) page = <AnalystPage />;
  else if (location.pathname === NOTIFICATIONS_PATH) page = <NotificationsPage />;
  else if (location.pathname === '/') page = null;
  else page = <NotFound home={landing} />;

  return (
    <LiveEventsProvider events={live}>
      <div className="pams-frame">
        <LiveSidebar viewer={viewer} location={location} onIntent={onIntent} onSignOut={() => void signOut()} />
        <main className="pams-main">
          <Suspense fallback={<Loading />}>{page}</Suspense>
        </main>
      </div>
    </LiveEventsProvider>
  );
}

/** The sidebar inside the stream's provider, with the live unread count (the shell's own stream listener). */
function LiveSidebar(props: { viewer: Viewer; location: Location; onIntent: IntentHandler; onSignOut: () => void }) {
  const unread = useUnreadCount();
  return <Sidebar {...props} items={navFor(props.viewer.role)} unread={unread.count} />;
}
