import { useEffect, useRef, useState } from 'react';

export interface SearchFieldProps {
  label: string;
  /** The search in effect (from the URL or the page's state). */
  value: string;
  placeholder?: string;
  /** Called with the trimmed text once typing has paused: one request per pause, not per key. */
  onChange(text: string): void;
  delayMs?: number;
}

/** A search box applied `delayMs` after the last keystroke; follows `value` when it changes elsewhere (back, forward, a link). */
export function SearchField({ label, value, placeholder, onChange, delayMs = 300 }: SearchFieldProps) {
  const [draft, setDraft] = useState(value);
  // The parent passes a new callback on every render; the pending timer must not restart because of it.
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  // Only a search that differs from what is typed replaces it: the trimmed echo of "acme " must not
  // take the space away under the cursor.
  useEffect(() => setDraft((typed) => (typed.trim() === value ? typed : value)), [value]);
  // A timer, not useSettled: the pause ends in a call, and a `value` changed elsewhere (back, forward)
  // cancels a pending one at once, where a settled copy of `draft` would still hold the old text.
  useEffect(() => {
    if (draft.trim() === value) return;
    const timer = window.setTimeout(() => latest.current(draft.trim()), delayMs);
    return () => window.clearTimeout(timer);
  }, [draft, value, delayMs]);
  return (
    <label className="pams-field">
      {label}
      <input className="pams-input" type="search" value={draft} placeholder={placeholder} onChange={(event) => setDraft(event.target.value)} />
    </label>
  );
}
