/** The Runtime API's base path; the spec's `servers` entry. */
export const API_VERSION_PREFIX = '/2018-06-01';

export type RuntimeRoute =
  | { name: 'next' }
  | { name: 'response'; requestId: string }
  | { name: 'invocation-error'; requestId: string }
  | { name: 'init-error' };

export type RouteMatch = { route: RuntimeRoute } | { status: 404 } | { status: 405; allow: string };

const NEXT = `${API_VERSION_PREFIX}/runtime/invocation/next`;
const INIT_ERROR = `${API_VERSION_PREFIX}/runtime/init/error`;
const INVOCATION = new RegExp(`^${API_VERSION_PREFIX}/runtime/invocation/([^/]+)/(response|error)$`);

/**
 * Maps a request to one of the spec's four operations, or to 404 / 405 as HTTP says. The path is
 * cut from the raw target, not parsed with `new URL`, which throws on targets like `//` or `//[`:
 * no request target, however odd, may end the process.
 */
export function matchRoute(method: string, rawUrl: string): RouteMatch {
  const pathname = rawUrl.split('?', 1)[0];
  if (pathname === NEXT) return method === 'GET' ? { route: { name: 'next' } } : { status: 405, allow: 'GET' };
  if (pathname === INIT_ERROR) return method === 'POST' ? { route: { name: 'init-error' } } : { status: 405, allow: 'POST' };
  const invocation = INVOCATION.exec(pathname);
  if (!invocation) return { status: 404 };
  if (method !== 'POST') return { status: 405, allow: 'POST' };
  let requestId: string;
  try {
    requestId = decodeURIComponent(invocation[1]);
  } catch {
    return { status: 404 };
  }
  return { route: invocation[2] === 'response' ? { name: 'response', requestId } : { name: 'invocation-error', requestId } };
}
