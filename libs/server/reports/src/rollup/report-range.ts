import { isUuid, publicError } from '@pams/server-core';
import { ACTIVITY_DATE_MAX, ACTIVITY_DATE_MIN, MONTH_PATTERN } from '@pams/shared-util';

export const MAX_FILTER_IDS = 200;

/** A checked range of months: first days of `from` and `to` (inclusive) as dates. */
export function monthSpan(from: string, to: string): { fromDate: string; toDate: string } {
  for (const [field, value] of [['from', from], ['to', to]] as const) {
    if (!MONTH_PATTERN.test(value)) throw publicError('BAD_USER_INPUT', `"${field}" must be a month as YYYY-MM, not "${value}".`);
    if (value < ACTIVITY_DATE_MIN.slice(0, 7) || value > ACTIVITY_DATE_MAX.slice(0, 7)) {
      throw publicError('BAD_USER_INPUT', `"${field}" must be between ${ACTIVITY_DATE_MIN.slice(0, 7)} and ${ACTIVITY_DATE_MAX.slice(0, 7)}.`);
    }
  }
  if (from > to) throw publicError('BAD_USER_INPUT', `"from" (${from}) is after "to" (${to}).`);
  return { fromDate: `${from}-01`, toDate: `${to}-01` };
}

/** Ids of a filter list, lower-cased; a malformed one or too many is a typed error, not a database error. */
export function filterIds(field: string, ids: readonly string[] | null | undefined): string[] | null {
  if (!ids || ids.length === 0) return null;
  if (ids.length > MAX_FILTER_IDS) throw publicError('BAD_USER_INPUT', `"${field}" holds more than ${MAX_FILTER_IDS} ids.`);
  const bad = ids.find((id) => !isUuid(id));
  if (bad !== undefined) throw publicError('BAD_USER_INPUT', `"${field}" holds "${bad}", which is not an id.`);
  return [...new Set(ids.map((id) => id.toLowerCase()))];
}
