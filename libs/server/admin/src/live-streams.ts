/**
 * Hook point for ending a user's live event streams (libs/server/events) when a command ended their
 * access (disable, revoke access, force password reset). Called after the command's commit; other
 * gateway processes end their streams from the command's audit events.
 */
export type StreamEnder = (userId: string) => unknown;

const enders = new Set<StreamEnder>();

/** Registers what ends a user's streams in this process; returns the unregister function. */
export function onUserAccessEnded(ender: StreamEnder): () => void {
  enders.add(ender);
  return () => enders.delete(ender);
}

/** Ends the user's open streams in this process (after commit only). A failing ender never undoes the command. */
export function endLiveStreamsOf(userId: string): void {
  for (const ender of enders) {
    try {
      ender(userId);
    } catch {
      // The commit stands; the streams also end when their process reads the audit event.
    }
  }
}
