import { MONTH_PATTERN } from '@pams/shared-util';

/** A fixed span of months, or the last N months up to this one (moves with the calendar, as presets do). */
export type ReportRange = { kind: 'last'; months: number } | { kind: 'fixed'; from: string; to: string };

export const THIS_MONTH: ReportRange = { kind: 'last', months: 1 };
/** The one-click ranges of the builder. */
export const QUICK_RANGES: readonly { label: string; months: number }[] = [
  { label: 'This month', months: 1 },
  { label: 'Last 3 months', months: 3 },
  { label: '12 months', months: 12 },
];
const MAX_LAST = 120;
/** The server keeps activities between these months (ACTIVITY_DATE_MIN/MAX). */
const FIRST_MONTH = '2020-01';
const LAST_MONTH = '2050-12';

/** `YYYY-MM` of a date, in the browser's time zone (the user's calendar). */
export function monthOf(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

export function shiftMonth(month: string, by: number): string {
  const [year, m] = month.split('-').map(Number);
  return monthOf(new Date(year, m - 1 + by, 1));
}

const validMonth = (value: string | null): value is string =>
  value !== null && MONTH_PATTERN.test(value) && value >= FIRST_MONTH && value <= LAST_MONTH;

/** `?from=2025-01&to=2025-03` or `?last=3`; anything else is this month. */
export function readRange(search: URLSearchParams): ReportRange {
  const from = search.get('from');
  const to = search.get('to');
  if (validMonth(from) && validMonth(to)) return from <= to ? { kind: 'fixed', from, to } : { kind: 'fixed', from: to, to: from };
  if (validMonth(from)) return { kind: 'fixed', from, to: from };
  const last = Number(search.get('last'));
  return Number.isInteger(last) && last >= 1 && last <= MAX_LAST ? { kind: 'last', months: last } : THIS_MONTH;
}

export function writeRange(search: URLSearchParams, range: ReportRange): void {
  if (range.kind === 'fixed') {
    search.set('from', range.from);
    search.set('to', range.to);
  } else if (range.months !== 1) {
    search.set('last', String(range.months));
  }
}

const monthFormat = new Intl.DateTimeFormat('en', { month: 'short', year: 'numeric', timeZone: 'UTC' });

export function monthLabel(month: string): string {
  return monthFormat.format(new Date(`${month}-01T00:00:00Z`));
}

/** "Mar 2025" or "Jan 2025 – Mar 2025". */
export function spanLabel(from: string, to: string): string {
  return from === to ? monthLabel(from) : `${monthLabel(from)} – ${monthLabel(to)}`;
}
