import fs from 'node:fs';
import path from 'node:path';
import { SkyliftError } from '../../../shared/errors';
import type { PayloadStore } from '../runs/payloads';

/** Lambda's synchronous Invoke takes at most 6 MB of request: a bigger file could never verify. */
export const MAX_VERIFY_PAYLOAD_BYTES = 6 * 1024 * 1024;

/**
 * The request a verify sends: a saved or sample payload by name (the first sample when none is
 * named, as a bench does), else a file at that path. The name wins, so a sample is never shadowed
 * by a file of the same name in the folder the command runs from.
 */
export function resolveVerifyPayload(payloads: PayloadStore, dir: string, chosen: string | undefined): { name: string; body: Buffer } {
  if (chosen === undefined) {
    const first = payloads.list(dir)[0];
    return { name: first?.name ?? '', body: payloads.resolve(dir, [])[0]! };
  }
  try {
    return { name: chosen, body: payloads.resolve(dir, [chosen])[0]! };
  } catch (error) {
    const file = path.resolve(chosen);
    if (!(error instanceof SkyliftError) || error.code !== 'NO_PAYLOAD' || !isFile(file)) throw error;
    return { name: chosen, body: readBounded(file) };
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile(); // a FIFO or a device would block or never end
  } catch {
    return false;
  }
}

function readBounded(file: string): Buffer {
  const size = fs.statSync(file).size;
  if (size > MAX_VERIFY_PAYLOAD_BYTES) {
    throw new SkyliftError({ code: 'BAD_PAYLOAD', message: `${file} is ${size.toLocaleString('en-US')} bytes; Lambda's Invoke takes at most 6 MB.`, hint: 'Choose a smaller request payload.' });
  }
  return fs.readFileSync(file);
}
