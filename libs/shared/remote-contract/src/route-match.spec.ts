import { describe, expect, it } from 'vitest';
import { findRoute, isUnder, matchPath } from './route-match.js';

describe('matchPath', () => {
  it('matches literal paths whole, ignoring a trailing slash', () => {
    expect(matchPath('/activities', '/activities')).toEqual({});
    expect(matchPath('/activities', '/activities/')).toEqual({});
    expect(matchPath('/activities', '/activities/new')).toBeNull();
    expect(matchPath('/activities', '/activitiesx')).toBeNull();
  });

  it('captures :name segments, decoded', () => {
    expect(matchPath('/activities/:id/edit', '/activities/a%20b/edit')).toEqual({ id: 'a b' });
    expect(matchPath('/activities/:id/edit', '/activities/%E0%A4/edit')).toBeNull();
  });
});

describe('findRoute', () => {
  const routes = [{ path: '/activities/new' }, { path: '/activities/:id' }, { path: '/activities' }];

  it('takes the first match in list order', () => {
    expect(findRoute(routes, '/activities/new')?.route.path).toBe('/activities/new');
    expect(findRoute(routes, '/activities/7')).toEqual({ route: routes[1], params: { id: '7' } });
    expect(findRoute(routes, '/reports')).toBeNull();
  });
});

describe('isUnder', () => {
  it('compares whole segments', () => {
    expect(isUnder('/activities', '/activities')).toBe(true);
    expect(isUnder('/activities', '/activities/drafts')).toBe(true);
    expect(isUnder('/activities', '/activitiesx')).toBe(false);
    expect(isUnder('/', '/anything')).toBe(true);
  });
});
