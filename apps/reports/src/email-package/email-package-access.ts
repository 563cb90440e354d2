import type { Role } from '@pams/client-reports-data-access';
import { readRange, shiftMonth, writeRange, type ReportRange } from '../report-range.js';

/**
 * Who is offered the monthly email package: the people who send it (managers for their regions, leaders
 * and admins for all). The server would serve anyone signed in their scope; members are not offered it.
 */
const SENDERS: readonly Role[] = ['MANAGER', 'LEADER', 'ADMIN'];

export function mayDownloadEmailPackage(role: Role | undefined): boolean {
  return role !== undefined && SENDERS.includes(role);
}

export const EMAIL_PACKAGE_PATH = '/reports/email-package';

/** The page for a range; a bare link opens last month's package (see `emailPackageRange`). */
export function emailPackageHref(range: ReportRange): string {
  const search = new URLSearchParams();
  writeRange(search, range);
  return search.size > 0 ? `${EMAIL_PACKAGE_PATH}?${search}` : EMAIL_PACKAGE_PATH;
}

/** The range a page link names: this month is written out (`last=1`), since a bare link means last month. */
export function emailPackageRangeHref(range: ReportRange): string {
  return range.kind === 'last' && range.months === 1 ? `${EMAIL_PACKAGE_PATH}?last=1` : emailPackageHref(range);
}

/**
 * The range the page shows: the one in the URL, else last month — the package goes out after a month has
 * closed, so that is the one people come for.
 */
export function emailPackageRange(search: URLSearchParams, currentMonth: string): ReportRange {
  if (search.has('from') || search.has('last')) return readRange(search);
  const last = shiftMonth(currentMonth, -1);
  return { kind: 'fixed', from: last, to: last };
}
