/** What the bench needs from one HTTP/1.x response; the body itself is counted and dropped. */
export interface ParsedResponse {
  status: number;
  /** X-Skylift-Duration-Ms, when the server sent a number in it. */
  serverDurationMs: number | null;
  /** Whether the connection may carry another request after this response. */
  keepAlive: boolean;
  bodyBytes: number;
}

export class HttpParseError extends Error {}

const SERVER_DURATION = 'x-skylift-duration-ms';
const MAX_HEAD_BYTES = 64 * 1024;
const HEAD_END = Buffer.from('\r\n\r\n');

const enum State {
  Head,
  Body,
  ChunkSize,
  ChunkData,
  ChunkDataEnd,
  Trailers,
  UntilEof,
}

/**
 * An incremental parser for a stream of HTTP/1.x responses: feed it bytes as they arrive, split
 * anywhere; it calls onResponse once each response's body has ended. Knows Content-Length,
 * chunked transfer coding, bodies delimited by the connection closing, and Connection: close.
 */
export class HttpResponseParser {
  private state = State.Head;
  private head: Buffer | null = null;
  private line = '';
  private remaining = 0;
  private current: ParsedResponse | null = null;

  constructor(private readonly onResponse: (response: ParsedResponse) => void) {}

  /** Feeds received bytes; throws HttpParseError on a malformed response. */
  execute(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      switch (this.state) {
        case State.Head:
          at = this.readHead(chunk, at);
          break;
        case State.Body:
        case State.ChunkData: {
          const take = Math.min(this.remaining, chunk.length - at);
          this.remaining -= take;
          this.current!.bodyBytes += take;
          at += take;
          if (this.remaining === 0) {
            if (this.state === State.Body) this.complete();
            else this.state = State.ChunkDataEnd;
          }
          break;
        }
        case State.ChunkSize:
        case State.ChunkDataEnd:
        case State.Trailers:
          at = this.readLine(chunk, at);
          break;
        case State.UntilEof:
          this.current!.bodyBytes += chunk.length - at;
          at = chunk.length;
          break;
      }
    }
  }

  /** The connection has ended: completes a body that runs to the end; throws if a response is cut short. */
  finish(): void {
    if (this.state === State.UntilEof) this.complete();
    else if (this.state !== State.Head || this.head) throw new HttpParseError('The connection closed in the middle of a response');
  }

  /** Whether part of a response has been read. */
  get midResponse(): boolean {
    return this.state !== State.Head || this.head !== null;
  }

  private readHead(chunk: Buffer, at: number): number {
    let bytes = at === 0 ? chunk : chunk.subarray(at);
    let searchFrom = 0;
    if (this.head) {
      searchFrom = Math.max(0, this.head.length - 3);
      bytes = Buffer.concat([this.head, bytes]);
    }
    const end = bytes.indexOf(HEAD_END, searchFrom);
    if (end < 0) {
      if (bytes.length > MAX_HEAD_BYTES) throw new HttpParseError('Response headers too large');
      this.head = this.head ? bytes : Buffer.from(bytes);
      return chunk.length;
    }
    const consumedFromChunk = end + 4 - (this.head ? this.head.length : 0);
    this.head = null;
    this.startResponse(bytes.toString('latin1', 0, end));
    return at + consumedFromChunk;
  }

  private startResponse(head: string): void {
    const lines = head.split('\r\n');
    const statusLine = /^HTTP\/1\.([01]) (\d{3})(?: |$)/.exec(lines[0]);
    if (!statusLine) throw new HttpParseError(`Not an HTTP/1.x status line: ${lines[0].slice(0, 80)}`);
    const http10 = statusLine[1] === '0';
    const status = Number(statusLine[2]);
    let contentLength = -1;
    let chunked = false;
    let connection = '';
    let serverDurationMs: number | null = null;
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i];
      const colon = line.indexOf(':');
      if (colon <= 0) throw new HttpParseError(`Malformed header line: ${line.slice(0, 80)}`);
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'content-length') {
        if (!/^\d+$/.test(value)) throw new HttpParseError(`Bad Content-Length: ${value}`);
        contentLength = Number(value);
      } else if (name === 'transfer-encoding') {
        chunked = value.toLowerCase().split(',').pop()!.trim() === 'chunked';
      } else if (name === 'connection') {
        connection = value.toLowerCase();
      } else if (name === SERVER_DURATION) {
        const parsed = Number.parseFloat(value);
        serverDurationMs = Number.isFinite(parsed) ? parsed : null;
      }
    }
    // 1xx: an interim response; the real one follows.
    if (status >= 100 && status < 200) return;
    const tokens = connection.split(',').map((t) => t.trim());
    const keepAlive = http10 ? tokens.includes('keep-alive') : !tokens.includes('close');
    this.current = { status, serverDurationMs, keepAlive, bodyBytes: 0 };
    if (status === 204 || status === 304) this.complete();
    else if (chunked) this.state = State.ChunkSize;
    else if (contentLength >= 0) {
      this.remaining = contentLength;
      if (contentLength === 0) this.complete();
      else this.state = State.Body;
    } else {
      this.current.keepAlive = false;
      this.state = State.UntilEof;
    }
  }

  /** Reads up to a line end (split anywhere) and acts on the whole line. */
  private readLine(chunk: Buffer, at: number): number {
    const newline = chunk.indexOf(10, at);
    const end = newline < 0 ? chunk.length : newline;
    this.line += chunk.toString('latin1', at, end);
    if (this.line.length > MAX_HEAD_BYTES) throw new HttpParseError('Line too long in a chunked body');
    if (newline < 0) return chunk.length;
    const line = this.line.endsWith('\r') ? this.line.slice(0, -1) : this.line;
    this.line = '';
    this.onLine(line);
    return newline + 1;
  }

  private onLine(line: string): void {
    if (this.state === State.ChunkSize) {
      const hex = line.split(';')[0].trim();
      if (!/^[0-9a-fA-F]+$/.test(hex)) throw new HttpParseError(`Bad chunk size: ${line.slice(0, 80)}`);
      const size = Number.parseInt(hex, 16);
      if (size === 0) this.state = State.Trailers;
      else {
        this.remaining = size;
        this.state = State.ChunkData;
      }
    } else if (this.state === State.ChunkDataEnd) {
      if (line !== '') throw new HttpParseError('Missing line end after a chunk');
      this.state = State.ChunkSize;
    } else if (line === '') {
      this.complete();
    }
  }

  private complete(): void {
    const response = this.current!;
    this.current = null;
    this.state = State.Head;
    this.onResponse(response);
  }
}
