import type { LogLine } from '../../hooks/job-buffer';
import { stripAnsi } from './ansi';

/** One occurrence of the search text: its row and where it starts in the row's plain text. */
export interface LogMatch {
  line: number;
  start: number;
}

/**
 * Finds every occurrence of a text in a growing log, case-insensitively. The log only grows, so
 * each call scans only the rows added since the last one; a new text starts over.
 */
export class LogSearch {
  private query = '';
  private scanned = 0;
  private lines: readonly LogLine[] | null = null;
  readonly matches: LogMatch[] = [];

  update(lines: readonly LogLine[], count: number, query: string): readonly LogMatch[] {
    const needle = query.toLowerCase();
    if (needle !== this.query || lines !== this.lines || count < this.scanned) {
      this.query = needle;
      this.lines = lines;
      this.scanned = 0;
      this.matches.length = 0;
    }
    if (needle) {
      for (let line = this.scanned; line < count; line++) {
        for (const start of occurrences(stripAnsi(lines[line].line).toLowerCase(), needle)) this.matches.push({ line, start });
      }
    }
    this.scanned = count;
    return this.matches;
  }
}

/** Where `needle` starts in `text` (already lower-cased), without overlaps. */
export function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  if (!needle) return found;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) found.push(at);
  return found;
}
