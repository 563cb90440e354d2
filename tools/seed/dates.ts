/**
 * Calendar days as whole numbers (days since 1970-01-01, UTC): generators add and compare plain
 * integers and format once, which matters when a million activities are generated.
 */
const DAY_MS = 86_400_000;

export function dayOf(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS);
}

export function dayFromIso(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM-01` of the month the day is in. */
export function monthStartIso(day: number): string {
  return `${isoDay(day).slice(0, 7)}-01`;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (day + 4) % 7;
}

export function isWeekend(day: number): boolean {
  const w = weekday(day);
  return w === 0 || w === 6;
}

/** The nearest working day on or before `day`. */
export function workingDayOnOrBefore(day: number): number {
  const w = weekday(day);
  return w === 0 ? day - 2 : w === 6 ? day - 1 : day;
}

/** A moment on the given day (minutes after midnight UTC), never later than `notAfter`. */
export function timestampOn(day: number, minutes: number, notAfter: Date): Date {
  const at = new Date(day * DAY_MS + minutes * 60_000);
  return at > notAfter ? notAfter : at;
}

export interface CalendarMonth {
  /** `YYYY-MM`. */
  month: string;
  first: number;
  /** Last day of the month, or today in the current month. */
  last: number;
  /** Days in the whole month. */
  length: number;
}

/** The months from the one holding `fromDay` up to the one holding `today`, the last cut at today. */
export function monthsBetween(fromDay: number, today: number): CalendarMonth[] {
  const months: CalendarMonth[] = [];
  const start = new Date(fromDay * DAY_MS);
  let year = start.getUTCFullYear();
  let month = start.getUTCMonth();
  for (;;) {
    const first = dayOf(new Date(Date.UTC(year, month, 1)));
    if (first > today) break;
    const next = dayOf(new Date(Date.UTC(year, month + 1, 1)));
    months.push({ month: isoDay(first).slice(0, 7), first, last: Math.min(next - 1, today), length: next - first });
    month += 1;
    if (month === 12) {
      month = 0;
      year += 1;
    }
  }
  return months;
}
