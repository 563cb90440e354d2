/** "March 2026" or "January 2026 – March 2026". */
export function monthRangeLabel(from: string, to: string): string {
  const name = (month: string) => {
    const [year, m] = month.split('-').map(Number);
    return new Date(Date.UTC(year, m - 1, 1)).toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  };
  return from === to ? name(from) : `${name(from)} – ${name(to)}`;
}

/** A filter in one line: each given criterion with its values (ids counted, not listed). */
export function filterLabel(filter: Record<string, unknown> | null | undefined): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(filter ?? {})) {
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0) || value === '') continue;
    if (Array.isArray(value)) parts.push(/Ids$/.test(key) ? `${key}: ${value.length} selected` : `${key}: ${value.join(', ')}`);
    else parts.push(`${key}: ${String(value)}`);
  }
  return parts.length > 0 ? `Filter: ${parts.join('; ')}` : 'No filter';
}

/** `2026-03` for one month, `2026-01_2026-03` for a range (file names). */
export function monthRangeSlug(from: string, to: string): string {
  return from === to ? from : `${from}_${to}`;
}
