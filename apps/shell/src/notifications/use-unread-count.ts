import { useEffect, useRef } from 'react';
import { useLiveEvents, useQuery } from '@pams/client-graphql';
import { UnreadNotificationCountDocument } from '@pams/client-shell-data-access';

/** How long a burst of new notifications (a command to many users) is gathered into one read of the count. */
const RECOUNT_MS = 300;

/**
 * The viewer's unread notification count, kept live: a notification written for them is an audit event on
 * the tab's stream (it names its user), and a RESET may have hidden one, so either reads the count again.
 * Being the shell's own listener, it also keeps the tab's one stream open on every page.
 */
export function useUnreadCount(): { count: number | null; recount(): void } {
  const query = useQuery(UnreadNotificationCountDocument, { fetchPolicy: 'cache-and-network' });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refetch = useRef(query.refetch);
  refetch.current = query.refetch;
  useEffect(() => () => clearTimeout(timer.current), []);
  const recount = () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      void refetch.current().catch(() => undefined);
    }, RECOUNT_MS);
  };
  useLiveEvents((message) => {
    if (message.kind === 'RESET' || (message.kind === 'EVENT' && message.event?.entityType === 'Notification')) recount();
  });
  return { count: query.data?.unreadNotificationCount ?? null, recount };
}
