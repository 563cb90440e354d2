/** How the admin screens write times and values. */
const timeFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });

/** An ISO time as "Dec 5, 2026, 4:18:11 PM UTC"; a dash when there is none. */
export function formatTime(iso: string | null | undefined): string {
  return iso ? `${timeFormat.format(new Date(iso))} UTC` : '—';
}

/** A changed field's value as a reader wants it: no value is "(none)", text as is, lists and objects as JSON. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  if (typeof value === 'string') return value === '' ? '(empty)' : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Sentence case of an enum value: `FORCE_PASSWORD_RESET` → "Force password reset". */
export function humanize(value: string): string {
  const words = value.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What a change did to its field, for the diff's first column. */
export function changeKind(change: { before: unknown; after: unknown }): 'set' | 'cleared' | 'changed' {
  if (change.before === null || change.before === undefined) return 'set';
  if (change.after === null || change.after === undefined) return 'cleared';
  return 'changed';
}
