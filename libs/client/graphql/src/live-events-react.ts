import { createContext, createElement, useContext, useEffect, useRef, useSyncExternalStore, type ReactNode } from 'react';
import type { LiveEvents, LiveListener, LiveStatus } from './live-events.js';

const LiveEventsContext = createContext<LiveEvents | null>(null);

/** The shell puts the tab's one stream here once someone is signed in; every remote's widgets read it. */
export function LiveEventsProvider({ events, children }: { events: LiveEvents | null; children?: ReactNode }) {
  return createElement(LiveEventsContext.Provider, { value: events }, children);
}

/**
 * Calls `listener` with every message of the tab's live stream while the component is mounted (the
 * latest `listener` each time, so it may close over props). Outside a provider it does nothing: a remote
 * rendered on its own (tests, an older shell) simply does not update live.
 */
export function useLiveEvents(listener: LiveListener): void {
  const events = useContext(LiveEventsContext);
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => events?.subscribe((message) => latest.current(message)), [events]);
}

const noStatus = () => () => undefined;

/** The stream's state, for a "live" indicator; `closed` outside a provider. */
export function useLiveStatus(): LiveStatus {
  const events = useContext(LiveEventsContext);
  return useSyncExternalStore(
    events ? (notify) => events.onStatus(notify) : noStatus,
    () => events?.status() ?? 'closed',
  );
}
