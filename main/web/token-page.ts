import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseCookies, sessionCookieName } from './auth';

/** Why a request was refused 401: it showed no token at all, or one that is not this start's. */
export type TokenRefusal = 'none' | 'wrong';

/**
 * A request that showed anything (a ?token=, a Bearer header, this port's session cookie) showed
 * a wrong one: typically an address or cookie from before `skylift serve` was restarted.
 */
export function tokenRefusal(req: IncomingMessage, port: number, queryToken: string | null | undefined): TokenRefusal {
  const shown = queryToken != null || req.headers.authorization !== undefined || parseCookies(req.headers.cookie)[sessionCookieName(port)] !== undefined;
  return shown ? 'wrong' : 'none';
}

const TEXT: Record<TokenRefusal, { title: string; body: string }> = {
  none: {
    title: 'Open Skylift with its full address',
    body: 'This page needs the address that <code>skylift serve</code> printed when it started, the one that ends in <code>?token=…</code>. Copy it from the terminal where <code>skylift serve</code> runs and open it here.',
  },
  wrong: {
    title: 'This address is out of date',
    body: 'Its token is not the one this server made, most likely because <code>skylift serve</code> was restarted, which makes a new one. Open the new address it printed (it ends in <code>?token=…</code>).',
  },
};

/** Plain words for a caller that is not a browser page (a contract call). */
const PLAIN: Record<TokenRefusal, string> = {
  none: 'Skylift needs the session token. Open the full address that skylift serve printed (it ends in ?token=…).',
  wrong: 'The session token is not this server’s (skylift serve was probably restarted). Open the new address it printed (it ends in ?token=…).',
};

const STYLE =
  'body{margin:0;font:15px/1.5 system-ui,sans-serif;background:#f4f5f7;color:#1f2328}' +
  'main{max-width:34rem;margin:18vh auto 0;padding:1.5rem 1.75rem;background:#fff;border:1px solid #d0d7de;border-radius:8px}' +
  'h1{font-size:1.2rem;margin:0 0 .5rem}p{margin:0}code{font:13px ui-monospace,monospace;background:#eef1f4;padding:.1rem .3rem;border-radius:4px}' +
  '.brand{color:#57606a;font-size:.8rem;letter-spacing:.05em;text-transform:uppercase;margin-bottom:.75rem}' +
  '@media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}main{background:#161b22;border-color:#30363d}code{background:#21262d}.brand{color:#8b949e}}';

/** The page loads nothing and runs nothing: only this inline style, allowed by its hash. */
const PAGE_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'`;

function page(refusal: TokenRefusal): string {
  const { title, body } = TEXT[refusal];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title} · Skylift</title><style>${STYLE}</style></head><body><main data-refusal="${refusal}"><p class="brand">Skylift</p><h1>${title}</h1><p>${body}</p></main></body></html>`;
}

/** 401 with no token echoed: a small styled page for a browser, plain text for a contract call. */
export function refuseToken(res: ServerResponse, refusal: TokenRefusal, asPage: boolean): void {
  if (!asPage) {
    res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    return void res.end(PLAIN[refusal]);
  }
  res.writeHead(401, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': PAGE_CSP });
  res.end(page(refusal));
}
