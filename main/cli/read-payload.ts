import fs from 'node:fs';
import { SkyliftError } from '../../shared/errors';
import { fileKind } from '../core/project/read-bounded';
import { LambdaErrorCode } from '../core/run/lambda/errors';
import { MAX_PAYLOAD_BYTES } from '../core/run/lambda/limits';

/**
 * The body of `skylift invoke --payload FILE|-`, as bytes (decoding here would hide invalid UTF-8).
 * At most Lambda's request limit + 1 byte is read, from a file or stdin, so `--payload /dev/zero`
 * or an endless pipe is refused at the limit instead of filling memory. One limit for every
 * variant: invoke sends one request, and Lambda's is the smallest any target accepts.
 */
export async function readPayload(source: string): Promise<Buffer> {
  return source === '-' ? readStdin() : readPayloadFile(source);
}

function readPayloadFile(file: string): Buffer {
  if (!fs.existsSync(file)) {
    throw new SkyliftError({ code: 'NOT_FOUND', message: `No payload file at ${file}.`, hint: 'Pass a JSON file, or - to read it from stdin.' });
  }
  const stat = fs.statSync(file); // follows links; a FIFO is refused before an open could block
  if (!stat.isFile()) {
    throw new SkyliftError({
      code: 'BAD_INPUT',
      message: `The payload ${file} is not a regular file (a ${fileKind(stat)}).`,
      hint: 'Pass a JSON file, or - and pipe the payload into stdin.',
    });
  }
  if (stat.size > MAX_PAYLOAD_BYTES) throw tooLarge(stat.size);
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(stat.size, MAX_PAYLOAD_BYTES) + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) read = fs.readSync(fd, buffer, length, buffer.length - length, null);
    if (length > MAX_PAYLOAD_BYTES) throw tooLarge(null); // it grew after the check
    return buffer.subarray(0, length);
  } finally {
    fs.closeSync(fd);
  }
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    length += chunk.length;
    if (length > MAX_PAYLOAD_BYTES) {
      process.stdin.destroy(); // stop reading: the rest may never end
      throw tooLarge(null);
    }
  }
  return Buffer.concat(chunks, length);
}

/** `bytes` is null when reading stopped at the limit, so the full size is unknown. */
function tooLarge(bytes: number | null): SkyliftError {
  const limit = MAX_PAYLOAD_BYTES.toLocaleString('en-US');
  return new SkyliftError({
    code: LambdaErrorCode.PayloadTooLarge,
    message: `The payload is ${bytes === null ? `more than ${limit}` : bytes.toLocaleString('en-US')} bytes; skylift invoke sends at most ${limit} bytes (6 MiB), Lambda's request limit for a synchronous invoke.`,
    hint: 'Send a smaller payload, or send a reference (an S3 URL, for example) and fetch the data inside predict.',
    details: { limitBytes: MAX_PAYLOAD_BYTES },
  });
}
