import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { contentTypeFor } from '../../shared/renderer-assets';


/** Serves the built renderer; unknown paths get index.html so client-side routes reload. */
export function serveStatic(root: string, urlPath: string, res: ServerResponse): void {
  const relative = decodeURIComponent(urlPath).replace(/^\/+/, '');
  const resolved = path.resolve(root, relative);
  const inside = resolved === root || resolved.startsWith(root + path.sep);
  const file = inside && isFile(resolved) ? resolved : path.join(root, 'index.html');
  if (!isFile(file)) {
    res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The Skylift UI is not built. Run `npm run build` and start again.');
    return;
  }
  res.writeHead(200, {
    'content-type': contentTypeFor(path.extname(file)),
    'cache-control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  fs.createReadStream(file).pipe(res);
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
