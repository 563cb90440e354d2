import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/**
 * The portal's router: the browser's history and a hook. The shell and the remotes share it (one
 * singleton), so a remote's `navigate` re-renders the shell's routes too. react-router would add ~15 KiB gz
 * for features the portal does not use (docs/adr/0009).
 */
const CHANGE = 'pams:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

// One string per location, so useSyncExternalStore sees a stable snapshot between changes.
const snapshot = (): string => window.location.pathname + window.location.search;

export interface Location {
  pathname: string;
  search: URLSearchParams;
  /** pathname + search, as given to `navigate`. */
  href: string;
}

let cached: Location | undefined;

function toLocation(href: string): Location {
  if (cached?.href !== href) {
    const url = new URL(href, window.location.origin);
    cached = { pathname: url.pathname, search: url.searchParams, href };
  }
  return cached;
}

/** The current location; re-renders on navigate, back and forward. */
export function useLocation(): Location {
  return toLocation(useSyncExternalStore(subscribe, snapshot));
}

export interface NavigateOptions {
  /** Replace the history entry (filters, redirects) instead of adding one. */
  replace?: boolean;
}

/** Goes to `to` (a path with an optional query) without reloading the page. */
export function navigate(to: string, options: NavigateOptions = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(CHANGE));
}

export type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string };

/** An anchor that navigates in-page for plain left clicks and lets the browser handle the rest. */
export function Link({ href, onClick, ...rest }: LinkProps) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (rest.target && rest.target !== '_self') return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}
