import { StringDecoder } from 'node:string_decoder';

/** A container log line longer than this is cut: one 50 MB print must not become one 50 MB string. */
export const MAX_LOG_LINE_CHARS = 32 * 1024;

/**
 * Splits a byte stream into lines in time linear in the data: each chunk is scanned once, the
 * unfinished line is kept as pieces (never re-joined per chunk) and capped at `maxLineChars`.
 * UTF-8 characters split across chunks are decoded whole.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pieces: string[] = [];
  private pieceChars = 0;
  private cutChars = 0;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLineChars = MAX_LOG_LINE_CHARS,
  ) {}

  write(chunk: Buffer): void {
    const text = this.decoder.write(chunk);
    let from = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', from)) {
      this.keep(text, from, newline);
      this.endLine();
      from = newline + 1;
    }
    this.keep(text, from, text.length);
  }

  /** The stream ended: a last line without its newline still counts. */
  end(): void {
    const rest = this.decoder.end();
    if (rest) this.keep(rest, 0, rest.length);
    if (this.pieceChars > 0 || this.cutChars > 0) this.endLine();
  }

  private keep(text: string, from: number, to: number): void {
    const take = Math.max(0, Math.min(this.maxLineChars - this.pieceChars, to - from));
    if (take > 0) {
      this.pieces.push(text.slice(from, from + take));
      this.pieceChars += take;
    }
    this.cutChars += to - from - take;
  }

  private endLine(): void {
    let line = this.pieces.length === 1 ? this.pieces[0] : this.pieces.join('');
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (this.cutChars > 0) line += ` … (line cut: ${this.cutChars} more characters)`;
    this.pieces = [];
    this.pieceChars = 0;
    this.cutChars = 0;
    this.onLine(line);
  }
}
