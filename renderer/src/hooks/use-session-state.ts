import { useEffect, useState } from 'react';

const PREFIX = 'skylift.';

/** Reads a value this tab kept earlier; nothing when storage is unavailable or holds something else. */
export function readSession<T>(key: string, fallback: T): T {
  try {
    const text = sessionStorage.getItem(PREFIX + key);
    return text === null ? fallback : (JSON.parse(text) as T);
  } catch {
    return fallback;
  }
}

export function writeSession(key: string, value: unknown): void {
  try {
    if (value === null || value === undefined) sessionStorage.removeItem(PREFIX + key);
    else sessionStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage can be full or blocked; the value then lasts only as long as the page.
  }
}

/**
 * useState that survives leaving the page and reloading the tab (sessionStorage), so a user who
 * looks at another page comes back to the step and project they left.
 */
export function useSessionState<T>(key: string, initial: T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => readSession(key, initial));
  useEffect(() => writeSession(key, value), [key, value]);
  return [value, setValue];
}
