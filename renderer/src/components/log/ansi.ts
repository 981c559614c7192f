/** A run of text with one look: the CSS classes for its SGR colour and weight ('' for plain). */
export interface AnsiSegment {
  text: string;
  className: string;
}

interface Style {
  fg: number | null;
  bg: number | null;
  bold: boolean;
  dim: boolean;
}

const ESCAPE = '\u001b';
// CSI sequences: SGR (`m`) sets the style; any other (cursor moves, erase) is dropped.
const CSI = new RegExp(`${ESCAPE}\\[([0-9;?]*)([A-Za-z])`, 'g');

/** Text without escape sequences: what search matches against, and what the user would copy. */
export function stripAnsi(line: string): string {
  return line.includes(ESCAPE) ? line.replace(CSI, '') : line;
}

/** Splits a line into styled segments: the 16 standard colours (fg and bg), bright variants, bold and dim. */
export function parseAnsi(line: string): AnsiSegment[] {
  if (!line.includes(ESCAPE)) return [{ text: line, className: '' }];
  const segments: AnsiSegment[] = [];
  let style: Style = { fg: null, bg: null, bold: false, dim: false };
  let last = 0;
  for (const match of line.matchAll(CSI)) {
    push(segments, line.slice(last, match.index), style);
    last = match.index + match[0].length;
    if (match[2] === 'm') style = applySgr(style, match[1]);
  }
  push(segments, line.slice(last), style);
  return segments.length > 0 ? segments : [{ text: '', className: '' }];
}

function push(segments: AnsiSegment[], text: string, style: Style): void {
  if (text) segments.push({ text, className: classNameOf(style) });
}

function classNameOf({ fg, bg, bold, dim }: Style): string {
  return [fg !== null && `ansi-fg-${fg}`, bg !== null && `ansi-bg-${bg}`, bold && 'ansi-bold', dim && 'ansi-dim'].filter(Boolean).join(' ');
}

function applySgr(style: Style, params: string): Style {
  const codes = params === '' ? [0] : params.split(';').map((p) => Number(p) || 0);
  let next = { ...style };
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    if (code === 0) next = { fg: null, bg: null, bold: false, dim: false };
    else if (code === 1) next.bold = true;
    else if (code === 2) next.dim = true;
    else if (code === 22) next = { ...next, bold: false, dim: false };
    else if (code >= 30 && code <= 37) next.fg = code - 30;
    else if (code >= 90 && code <= 97) next.fg = code - 90 + 8;
    else if (code === 39) next.fg = null;
    else if (code >= 40 && code <= 47) next.bg = code - 40;
    else if (code >= 100 && code <= 107) next.bg = code - 100 + 8;
    else if (code === 49) next.bg = null;
    else if (code === 38 || code === 48) {
      // 256-colour (5;n) and true-colour (2;r;g;b): the first 16 of the palette map onto ours, the rest stay default.
      const [mode, n] = [codes[i + 1], codes[i + 2]];
      if (mode === 5 && n < 16) next[code === 38 ? 'fg' : 'bg'] = n;
      i += mode === 5 ? 2 : mode === 2 ? 4 : 0;
    }
  }
  return next;
}
