import { describe, expect, it } from 'vitest';
import { emailPackageHref, emailPackageRange, emailPackageRangeHref } from './email-package-access.js';

const range = (query: string) => emailPackageRange(new URLSearchParams(query), '2026-12');

describe('the email package page range', () => {
  it('opens last month when the link names none, and the named range otherwise', () => {
    expect(range('')).toEqual({ kind: 'fixed', from: '2026-11', to: '2026-11' });
    expect(range('last=1')).toEqual({ kind: 'last', months: 1 });
    expect(range('last=3')).toEqual({ kind: 'last', months: 3 });
    expect(range('from=2026-01&to=2026-03')).toEqual({ kind: 'fixed', from: '2026-01', to: '2026-03' });
  });

  it('writes this month out, so choosing it on the page does not fall back to last month', () => {
    expect(emailPackageRangeHref({ kind: 'last', months: 1 })).toBe('/reports/email-package?last=1');
    expect(range(new URL(emailPackageRangeHref({ kind: 'last', months: 1 }), 'http://p').search)).toEqual({ kind: 'last', months: 1 });
    expect(emailPackageHref({ kind: 'last', months: 1 })).toBe('/reports/email-package');
    expect(emailPackageRangeHref({ kind: 'fixed', from: '2026-10', to: '2026-10' })).toBe('/reports/email-package?from=2026-10&to=2026-10');
  });
});
