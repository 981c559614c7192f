import type { IncomingMessage } from 'node:http';

export type BodyResult =
  | { kind: 'json'; value: unknown }
  | { kind: 'bad-json' }
  | { kind: 'too-large' }
  /** The client went away before the body ended; nobody is left to answer. */
  | { kind: 'aborted' };

/**
 * Reads a JSON request body of at most `limit` bytes. Past the limit it stops keeping bytes and
 * resolves at once, so the caller can answer 413 while Node discards the rest of the upload
 * (destroying the socket instead would reset the connection and the client would see no answer).
 */
export function readJsonBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ kind: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      chunks.length = 0;
      req.resume();
      resolve({ kind: 'too-large' });
    };
    req.on('data', onData);
    req.on('end', () => resolve(parseJson(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', () => resolve({ kind: 'aborted' }));
    req.on('close', () => resolve({ kind: 'aborted' }));
  });
}

function parseJson(text: string): BodyResult {
  try {
    return { kind: 'json', value: text ? JSON.parse(text) : {} };
  } catch {
    return { kind: 'bad-json' };
  }
}
