import { useEffect, useState } from 'react';

/** `#/engine` → `engine`; anything else (no hash, `#foo`) → null. */
function readRoute(): string | null {
  const match = /^#\/([\w-]+)/.exec(window.location.hash);
  return match ? match[1] : null;
}

/**
 * Hash-based routing: the UI is served both from app://skylift/index.html and from
 * http://host:port/, and a hash survives a reload under either without server routes.
 */
export function useHashRoute(defaultRoute: string): string {
  const [route, setRoute] = useState(() => readRoute() ?? defaultRoute);

  useEffect(() => {
    if (readRoute() === null) window.location.replace(`#/${defaultRoute}`);
    const onChange = () => setRoute(readRoute() ?? defaultRoute);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, [defaultRoute]);

  return route;
}
