/**
 * Intent prefetch (B-006): hovering, focusing or touching a sidebar link loads that remote's code and
 * warms its first query, so the click renders from cache. Throttled per link and run when the browser
 * is idle, so a mouse sweeping across the sidebar costs nothing noticeable.
 */
export interface IntentPrefetchOptions {
  /** Loads the remote and runs its `prefetch(client, href)`. */
  prefetch(remote: string, href: string): Promise<void>;
  /** The same link is prefetched at most once in this many milliseconds. */
  minIntervalMs?: number;
  now?: () => number;
  /** Defaults to requestIdleCallback (setTimeout where the browser has none). */
  whenIdle?: (task: () => void) => void;
}

export type IntentHandler = (remote: string, href: string) => void;

export function createIntentPrefetch(options: IntentPrefetchOptions): IntentHandler {
  const { prefetch, minIntervalMs = 30_000, now = Date.now, whenIdle = runWhenIdle } = options;
  const lastStarted = new Map<string, number>();
  return (remote, href) => {
    const last = lastStarted.get(href);
    if (last !== undefined && now() - last < minIntervalMs) return;
    lastStarted.set(href, now());
    whenIdle(() => {
      // A failed prefetch is forgotten, so the next intent tries again; the click shows any real error.
      prefetch(remote, href).catch(() => lastStarted.delete(href));
    });
  };
}

export function runWhenIdle(task: () => void): void {
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(task, { timeout: 500 });
  else window.setTimeout(task, 1);
}
