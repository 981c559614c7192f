/**
 * How the built renderer is served, by the app:// protocol (Electron) and by browser mode alike.
 * renderer/index.html repeats the CSP in a meta tag for pages opened any other way.
 */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** The Content-Type for a file extension such as ".js". */
export const contentTypeFor = (extension: string): string => CONTENT_TYPES[extension] ?? 'application/octet-stream';
