import { useEffect, useRef, useState } from 'react';
import { useLiveEvents, type LiveMessage } from '@pams/client-graphql';

/** How long a burst of live activity changes (a bulk edit elsewhere) is gathered into one read of the month. */
const LIVE_REFETCH_MS = 250;

/**
 * Whether a stream message concerns the shown month: a RESET (events were missed), or an Activity event
 * about a shown row or dated in the month, before or after the change (a row moved in or out).
 */
export function touchesMonth(message: LiveMessage, month: string, shownIds: ReadonlySet<string>): boolean {
  if (message.kind === 'RESET') return true;
  const event = message.event;
  if (message.kind !== 'EVENT' || !event || event.entityType !== 'Activity') return false;
  if (event.entityId && shownIds.has(event.entityId)) return true;
  const date = event.changes.find((change) => change.field === 'date');
  const inMonth = (value: unknown) => typeof value === 'string' && value.startsWith(`${month}-`);
  return !!date && (inMonth(date.before) || inMonth(date.after));
}

export interface LiveMonth {
  /** The month changed elsewhere while a selection held the re-read back. */
  pending: boolean;
  /** Re-read now (the "Refresh" of the notice). */
  refresh(): void;
}

/**
 * The month list updates in place when an activity of it changes in another tab or by someone else (the
 * tab's live stream, issue 9). While rows are selected or a bulk confirmation is open, the re-read waits:
 * the rows a confirmation names must not change under it (the bulk delete checks versions itself). The
 * list says it changed and re-reads as soon as the selection is gone, or on Refresh.
 */
export function useLiveMonth(options: { month: string; shownIds: ReadonlySet<string>; held: boolean; refetch: () => Promise<unknown> }): LiveMonth {
  const { month, shownIds, held, refetch } = options;
  const [pending, setPending] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef({ held, refetch });
  latest.current = { held, refetch };

  const readAgain = () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      setPending(false);
      void latest.current.refetch().catch(() => undefined);
    }, LIVE_REFETCH_MS);
  };

  useEffect(() => () => clearTimeout(timer.current), []);
  // Another month or filter is its own fresh read.
  useEffect(() => setPending(false), [month]);
  // The selection is gone: catch up on what was held back.
  useEffect(() => {
    if (!held && pending) readAgain();
  }, [held, pending]);

  useLiveEvents((message) => {
    if (!touchesMonth(message, month, shownIds)) return;
    if (latest.current.held) setPending(true);
    else readAgain();
  });

  return { pending, refresh: readAgain };
}
