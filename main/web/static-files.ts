import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { contentTypeFor } from '../../shared/renderer-assets';
import type { LogError } from './guard';

/**
 * Serves the built renderer; unknown paths get index.html so client-side routes reload.
 * `pathname` is already percent-decoded (parseRequestTarget refuses bad escapes).
 */
export function serveStatic(root: string, pathname: string, res: ServerResponse, logError: LogError): void {
  const resolved = path.resolve(root, pathname.replace(/^\/+/, ''));
  const inside = resolved === root || resolved.startsWith(root + path.sep);
  const file = inside && isFile(resolved) ? resolved : path.join(root, 'index.html');
  if (!isFile(file)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end('The Skylift UI is not built. Run `npm run build` and start again.');
    return;
  }
  res.writeHead(200, {
    'content-type': contentTypeFor(path.extname(file)),
    'cache-control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  const stream = fs.createReadStream(file);
  // A file that vanishes or can't be read after the stat must not become an uncaught stream error.
  stream.on('error', (error) => {
    logError(`web static file ${path.relative(root, file)}`, error);
    res.destroy();
  });
  stream.pipe(res);
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
