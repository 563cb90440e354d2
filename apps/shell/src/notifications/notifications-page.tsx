import { useState } from 'react';
import { useApolloClient, useMutation, usePages, useQuery } from '@pams/client-graphql';
import {
  MarkNotificationsReadDocument,
  MyNotificationsDocument,
  NotificationPreferencesDocument,
  SetNotificationPreferencesDocument,
  UnreadNotificationCountDocument,
  type MyNotificationsQuery,
  type SetNotificationPreferencesMutation,
} from '@pams/client-shell-data-access';
import { ErrorPanel, Loading, LoadMore } from '@pams/client-ui';

type Notification = MyNotificationsQuery['myNotifications']['nodes'][number];

const PAGE_SIZE = 20;
const pageOf = (data: MyNotificationsQuery) => data.myNotifications;
const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The viewer's notifications (P-016), newest first, a page at a time; read ones stay, unread ones stand out. */
export function NotificationsPage() {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const pages = usePages(MyNotificationsDocument, { first: PAGE_SIZE, unreadOnly }, pageOf);
  const client = useApolloClient();
  const [markRead, marking] = useMutation(MarkNotificationsReadDocument);
  const [failed, setFailed] = useState<string | null>(null);

  const mark = async (ids: string[] | null) => {
    setFailed(null);
    try {
      const { data } = await markRead({ variables: { ids } });
      if (data) client.writeQuery({ query: UnreadNotificationCountDocument, data: { unreadNotificationCount: data.markNotificationsRead.unreadCount } });
      pages.retry();
    } catch (error) {
      setFailed(error instanceof Error ? error.message : String(error));
    }
  };

  const nodes = pages.nodes;
  return (
    <section data-testid="notifications-page" style={{ maxWidth: '46rem' }}>
      <div className="pams-page-head">
        <h1>Notifications</h1>
        <label className="pams-muted">
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} /> Unread only
        </label>
        <button type="button" className="pams-button pams-button-quiet" disabled={marking.loading || !nodes?.some((n) => !n.readAt)} onClick={() => void mark(null)}>
          Mark all read
        </button>
      </div>
      <DigestChoice />
      {failed && (
        <p className="pams-error-text" role="alert">
          Could not mark them read: {failed}
        </p>
      )}
      {pages.error ? (
        <ErrorPanel title="Your notifications could not be loaded" onRetry={pages.retry}>
          <p>{pages.error.message}</p>
        </ErrorPanel>
      ) : !nodes ? (
        <Loading label="Loading notifications…" />
      ) : nodes.length === 0 ? (
        <p className="pams-muted" data-testid="notifications-empty">
          {unreadOnly ? 'Nothing unread.' : 'No notifications yet.'}
        </p>
      ) : (
        <ol style={{ listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: '.6rem' }}>
          {nodes.map((n) => (
            <NotificationItem key={n.id} notification={n} disabled={marking.loading} onRead={() => void mark([n.id])} />
          ))}
          <li>
            <LoadMore pages={pages} what="notifications" />
          </li>
        </ol>
      )}
    </section>
  );
}

function NotificationItem({ notification: n, disabled, onRead }: { notification: Notification; disabled: boolean; onRead: () => void }) {
  return (
    <li className="pams-panel" data-testid="notification" data-unread={n.readAt ? undefined : 'true'} style={{ maxWidth: 'none', borderLeftWidth: n.readAt ? 1 : 4 }}>
      <div style={{ display: 'flex', gap: '1rem', alignItems: 'baseline' }}>
        <strong style={{ flex: 1 }}>{n.subject}</strong>
        <span className="pams-muted">{when(n.createdAt)}</span>
      </div>
      <p style={{ whiteSpace: 'pre-wrap', margin: '.4rem 0' }}>{n.body}</p>
      {!n.readAt && (
        <button type="button" className="pams-link-button" disabled={disabled} onClick={onRead}>
          Mark read
        </button>
      )}
    </li>
  );
}

/** The weekly digest opt-in: saved at once, and the box shows what the server holds. */
function DigestChoice() {
  const { data } = useQuery(NotificationPreferencesDocument);
  const [save, saving] = useMutation(SetNotificationPreferencesDocument, {
    // The choices have no id to normalise by: put the answer where the query reads it.
    update(cache, { data: saved }) {
      if (saved) cache.writeQuery({ query: NotificationPreferencesDocument, data: { notificationPreferences: saved.setNotificationPreferences } });
    },
  });
  const on = data?.notificationPreferences.weeklyDigest;
  return (
    <p style={{ margin: '0 0 .8rem' }}>
      <label>
        <input
          type="checkbox"
          data-testid="weekly-digest"
          checked={on ?? false}
          disabled={on === undefined}
          onChange={(e) => {
            const weeklyDigest = e.target.checked;
            // Shown at once; the server's answer (or a failure, which rolls it back) follows.
            void save({ variables: { weeklyDigest }, optimisticResponse: { setNotificationPreferences: { __typename: 'NotificationPreferences', weeklyDigest } } as SetNotificationPreferencesMutation }).catch(() => undefined);
          }}
        />{' '}
        Mail me a weekly digest on Monday mornings (last week&apos;s activities and unread notifications)
      </label>
      {saving.error && (
        <span className="pams-error-text" role="alert">
          {' '}
          Not saved: {saving.error.message}
        </span>
      )}
    </p>
  );
}
