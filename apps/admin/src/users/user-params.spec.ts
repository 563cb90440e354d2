import { describe, expect, it } from 'vitest';
import { readUserParams, userFilter, usersHref } from './user-params.js';

describe('users list parameters', () => {
  it('reads the URL and writes it back the same', () => {
    const href = '/admin/users?q=ada&role=ADMIN&region=r1&status=DISABLED&seen=stale';
    expect(usersHref(readUserParams(new URL(href, 'http://portal').searchParams))).toBe(href);
  });

  it('ignores values the API does not know', () => {
    expect(readUserParams(new URLSearchParams('role=KING&status=gone&seen=often'))).toEqual({ q: '', role: '', region: '', status: '', seen: '' });
  });

  it('counts "seen" back 30 days from the given day', () => {
    const params = readUserParams(new URLSearchParams('q=mo&role=MEMBER&seen=recent'));
    expect(userFilter(params, '2026-12-31')).toEqual({ search: 'mo', roles: ['MEMBER'], lastSeenAfter: '2026-12-01T00:00:00.000Z' });
    expect(userFilter({ ...params, seen: 'stale' }, '2026-12-31').lastSeenBefore).toBe('2026-12-01T00:00:00.000Z');
  });
});
