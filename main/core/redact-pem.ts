/**
 * PEM private keys. A block from its BEGIN line to its END line is masked whole. A BEGIN line with
 * no END before the next BEGIN (a key cut short in a log line, a model echoing a header) masks only
 * the key material after it: base64 on the header's own line, then whole lines of base64. The rest
 * of the text is kept, so a JSON answer that mentions a header stays JSON.
 *
 * A hand-written scan, linear in the text: every search moves forward, and the position of the
 * next END line is remembered until the scan passes it.
 */
const BEGIN = '-----BEGIN ';
const HEADER = /-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----/y;
const FOOTER = /-----END [A-Z ]{0,40}PRIVATE KEY-----/g;

export function maskPemKeys(text: string, mask: string): string {
  let candidate = text.indexOf(BEGIN);
  if (candidate < 0) return text;
  const parts: string[] = [];
  let copied = 0;
  let footer: { at: number; end: number } | null | undefined; // undefined: not searched yet; null: none left
  while (candidate >= 0) {
    HEADER.lastIndex = candidate;
    if (!HEADER.test(text)) {
      candidate = text.indexOf(BEGIN, candidate + 1);
      continue;
    }
    const headerEnd = HEADER.lastIndex;
    const nextBegin = text.indexOf(BEGIN, headerEnd);
    if (footer !== null && (footer === undefined || footer.at < headerEnd)) footer = nextFooter(text, headerEnd);
    const closed = footer && (nextBegin < 0 || footer.at < nextBegin);
    const end = closed ? footer!.end : keyMaterialEnd(text, headerEnd);
    parts.push(text.slice(copied, candidate), mask);
    copied = end;
    candidate = nextBegin < 0 ? -1 : text.indexOf(BEGIN, Math.max(end, nextBegin));
  }
  parts.push(text.slice(copied));
  return parts.join('');
}

function nextFooter(text: string, from: number): { at: number; end: number } | null {
  FOOTER.lastIndex = from;
  const match = FOOTER.exec(text);
  return match ? { at: match.index, end: FOOTER.lastIndex } : null;
}

/**
 * Where the key material after an unterminated header ends: base64 words on the header's line,
 * then each following line that is base64 only up to its line break, a quote or the end of the
 * text. Line breaks count raw (\n, \r\n) or JSON-escaped (`\n`, `\r\n`), since logs carry both.
 */
function keyMaterialEnd(text: string, from: number): number {
  let at = from;
  for (;;) {
    const spaces = skipSpaces(text, at);
    const word = base64RunEnd(text, spaces);
    if (word === spaces) break;
    at = word;
  }
  for (;;) {
    const lineStart = lineBreakEnd(text, at);
    if (lineStart === at) return at;
    const lineEnd = base64RunEnd(text, lineStart);
    if (lineEnd === lineStart || !endsKeyLine(text, lineEnd)) return at;
    at = lineEnd;
  }
}

function skipSpaces(text: string, from: number): number {
  let at = from;
  while (text[at] === ' ' || text[at] === '\t') at++;
  return at;
}

function base64RunEnd(text: string, from: number): number {
  let at = from;
  while (at < text.length && isBase64(text.charCodeAt(at))) at++;
  return at;
}

/** Past one line break at `at` (raw or JSON-escaped), or `at` itself when there is none. */
function lineBreakEnd(text: string, at: number): number {
  for (const lineBreak of ['\r\n', '\n', '\\r\\n', '\\n']) if (text.startsWith(lineBreak, at)) return at + lineBreak.length;
  return at;
}

function endsKeyLine(text: string, at: number): boolean {
  return at === text.length || lineBreakEnd(text, at) > at || text[at] === '"' || text[at] === "'";
}

function isBase64(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 43 || code === 47 || code === 61;
}
