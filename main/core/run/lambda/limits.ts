import { SkyliftError } from '../../../../shared/errors';
import { LambdaErrorCode } from './errors';

/**
 * Lambda's synchronous invocation request quota: 6 MB, which Lambda enforces as 6 MiB
 * (InvokeFunction: "Request must be smaller than 6291456 bytes").
 */
export const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

/**
 * The response quota the runtime's answer is held to: 6 MiB + 100 bytes, as AWS's Runtime Interface
 * Emulator has it (interop.MaxPayloadSize = 6*1024*1024 + 100) and Lambda's own error message says.
 */
export const MAX_RESPONSE_BYTES = 6 * 1024 * 1024 + 100;

/** Lambda refuses an oversized request before any runtime sees it; so do we. */
export function assertInvokePayloadSize(bytes: number): void {
  if (bytes <= MAX_PAYLOAD_BYTES) return;
  throw new SkyliftError({
    code: LambdaErrorCode.PayloadTooLarge,
    message: `The request payload is ${bytes.toLocaleString('en-US')} bytes; Lambda accepts at most ${MAX_PAYLOAD_BYTES.toLocaleString('en-US')} bytes (6 MB) for a synchronous invoke.`,
    hint: 'Send a smaller payload, or send a reference (an S3 URL, for example) and fetch the data inside predict.',
    details: { bytes, limitBytes: MAX_PAYLOAD_BYTES },
  });
}

/** The error Lambda's Invoke returns when the function's response is over the quota. */
export function responseTooLargeError(bytes: number): { errorMessage: string; errorType: string } {
  return {
    errorMessage: `Response payload size (${bytes} bytes) exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
    errorType: 'Function.ResponseSizeTooLarge',
  };
}
