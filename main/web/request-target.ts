export interface RequestTarget {
  /** Percent-decoded path, exactly as sent otherwise (no dot-segment or slash folding). */
  pathname: string;
  query: URLSearchParams;
}

/**
 * Reads an origin-form request target ("/path?query"). `new URL(target, base)` is no use here:
 * it throws on "//" or "//[" and reads "//evil/x" as a host, and any page can send those.
 * Returns null for anything a browser would not send (absolute-form, "*", bad percent-escapes),
 * which the server answers with 400.
 */
export function parseRequestTarget(raw: string | undefined): RequestTarget | null {
  if (!raw || !raw.startsWith('/')) return null;
  const end = firstIndexOf(raw, ['?', '#']);
  const pathname = decodePath(raw.slice(0, end));
  if (pathname === null) return null;
  const query = raw[end] === '?' ? raw.slice(end + 1).split('#')[0] : '';
  return { pathname, query: new URLSearchParams(query) };
}

function decodePath(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    // "%", "%zz", "%c0": not a valid escape or not UTF-8.
    return null;
  }
}

function firstIndexOf(text: string, marks: string[]): number {
  const found = marks.map((mark) => text.indexOf(mark)).filter((at) => at !== -1);
  return found.length > 0 ? Math.min(...found) : text.length;
}
