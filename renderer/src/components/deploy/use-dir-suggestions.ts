import { useEffect, useRef, useState } from 'react';
import { skylift } from '../../api/client';

const DEBOUNCE_MS = 120;
const MAX_SUGGESTIONS = 20;

/**
 * Folders on the server that complete a typed path (`/home/me/mo` → `/home/me/models/`), asked
 * after typing pauses; only the newest answer is shown, and a path that reads nowhere shows none.
 */
export function useDirSuggestions(typed: string, enabled: boolean): string[] {
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const latest = useRef(0);
  useEffect(() => {
    if (!enabled || !typed.trim()) {
      setSuggestions([]);
      return;
    }
    const id = ++latest.current;
    const timer = setTimeout(() => {
      skylift.api.fs.listDirs({ path: typed, limit: MAX_SUGGESTIONS }).then(
        ({ parent, dirs }) => id === latest.current && setSuggestions(dirs.map((dir) => `${parent.replace(/\/$/, '')}/${dir}/`)),
        () => id === latest.current && setSuggestions([]),
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [typed, enabled]);
  return suggestions;
}
