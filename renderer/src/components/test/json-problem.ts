/** Where a request body stops being JSON, for a message a person can act on. */
export interface JsonProblem {
  line: number;
  column: number;
  /** What was wrong there, in words ("unexpected 'h'", "the text ends before the value is complete"). */
  what: string;
}

class Stop extends Error {
  constructor(readonly at: number) {
    super('not JSON');
  }
}

/**
 * Null for JSON (or empty text); otherwise the line and column of the first character that is not
 * JSON. A small scanner, because browsers' JSON.parse messages often give no position at all.
 */
export function jsonProblem(text: string): JsonProblem | null {
  if (!text.trim()) return null;
  let at = 0;
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at])) at++;
  };
  const expect = (word: string) => {
    for (const ch of word) {
      if (text[at] !== ch) throw new Stop(at);
      at++;
    }
  };
  const string = () => {
    expect('"');
    while (at < text.length && text[at] !== '"') {
      if (text.charCodeAt(at) < 0x20) throw new Stop(at);
      if (text[at] === '\\') {
        at++;
        if (text[at] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) throw new Stop(at);
          at += 4;
        } else if (!'"\\/bfnrt'.includes(text[at] ?? 'x')) throw new Stop(at);
      }
      at++;
    }
    expect('"');
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at));
    if (!match) throw new Stop(at);
    at += match[0].length;
  };
  const list = <T>(close: string, item: () => T) => {
    at++;
    space();
    if (text[at] === close) return void at++;
    for (;;) {
      item();
      space();
      if (text[at] === close) return void at++;
      expect(',');
      space();
    }
  };
  const value = (): void => {
    space();
    const ch = text[at];
    if (ch === '{') list('}', () => (string(), space(), expect(':'), value()));
    else if (ch === '[') list(']', value);
    else if (ch === '"') string();
    else if (ch === 't') expect('true');
    else if (ch === 'f') expect('false');
    else if (ch === 'n') expect('null');
    else number();
  };
  try {
    value();
    space();
    if (at < text.length) throw new Stop(at);
    return null;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return located(text, error.at);
  }
}

function located(text: string, at: number): JsonProblem {
  const before = text.slice(0, at).split('\n');
  const what = at >= text.length ? 'the text ends before the JSON is complete' : `unexpected ${JSON.stringify(text[at])}`;
  return { line: before.length, column: before[before.length - 1].length + 1, what };
}

/** The sentence under the editor and on a refused Send. */
export const describeJsonProblem = (problem: JsonProblem): string => `Not JSON at line ${problem.line}, column ${problem.column}: ${problem.what}.`;
