/**
 * JWTs (Entra ID and ARM bearer tokens): `eyJ` at a word start, then three dot-separated runs of
 * [A-Za-z0-9_-], each at least 8 long after the `eyJ`. Found by a scan instead of a regex because
 * the regex restarts at every `eyJ` inside one long run (`eyJ-eyJ-eyJ-…`) and rescans the run each
 * time; here a failed candidate skips the rest of its run, since every later `eyJ` in the same run
 * has a shorter first segment and the same tail, so fails too. Each character is read O(1) times.
 */
const MIN_SEGMENT = 8;

export function maskJwts(text: string, mask: string): string {
  let candidate = text.indexOf('eyJ');
  if (candidate < 0) return text;
  const parts: string[] = [];
  let copied = 0;
  while (candidate >= 0) {
    let resumeAt = candidate + 1;
    if (candidate === 0 || !isWordChar(text.charCodeAt(candidate - 1))) {
      const { end, runEnd } = jwtAt(text, candidate);
      if (end > 0) {
        parts.push(text.slice(copied, candidate), mask);
        copied = end;
      }
      resumeAt = end > 0 ? end : runEnd;
    }
    candidate = text.indexOf('eyJ', resumeAt);
  }
  if (copied === 0) return text;
  parts.push(text.slice(copied));
  return parts.join('');
}

/** Where the JWT starting at `start` ends (or -1), and where its first run ends either way. */
function jwtAt(text: string, start: number): { end: number; runEnd: number } {
  const first = tokenRunEnd(text, start + 3);
  if (first - (start + 3) < MIN_SEGMENT || text.charCodeAt(first) !== DOT) return { end: -1, runEnd: first };
  const second = tokenRunEnd(text, first + 1);
  if (second - (first + 1) < MIN_SEGMENT || text.charCodeAt(second) !== DOT) return { end: -1, runEnd: first };
  const third = tokenRunEnd(text, second + 1);
  return { end: third - (second + 1) < MIN_SEGMENT ? -1 : third, runEnd: first };
}

const DOT = 46;
const DASH = 45;

function tokenRunEnd(text: string, from: number): number {
  let at = from;
  while (at < text.length && (isWordChar(text.charCodeAt(at)) || text.charCodeAt(at) === DASH)) at++;
  return at;
}

/** The characters of regex `\w` without the u flag. */
function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}
