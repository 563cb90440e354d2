import { useEffect, useState } from 'react';

/** `value` once it has stopped changing for `delayMs` ms: a search asks the server once per pause, not per key. */
export function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
