/** Path matching shared by the shell (which remote?) and remotes (which of my routes?). No wildcards on purpose. */
export type RouteParams = Readonly<Record<string, string>>;

/** `/activities/:id` against `/activities/42` → `{ id: '42' }`; null when it does not match whole. */
export function matchPath(pattern: string, pathname: string): RouteParams | null {
  const want = segments(pattern);
  const have = segments(pathname);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) {
      const value = safeDecode(have[i]);
      if (value === null) return null;
      params[want[i].slice(1)] = value;
    } else if (want[i] !== have[i]) {
      return null;
    }
  }
  return params;
}

/** The first route whose pattern matches, with its params. Literal routes should come before `:param` ones. */
export function findRoute<R extends { path: string }>(routes: readonly R[], pathname: string): { route: R; params: RouteParams } | null {
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return null;
}

/** True when `pathname` is `prefix` or below it (`/activities` owns `/activities/new`, not `/activitiesx`). */
export function isUnder(prefix: string, pathname: string): boolean {
  const p = segments(prefix);
  const s = segments(pathname);
  return p.length <= s.length && p.every((part, i) => part === s[i]);
}

function segments(path: string): string[] {
  return path.split('/').filter((part) => part !== '');
}

function safeDecode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}
