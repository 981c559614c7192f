import { isUtf8 } from 'node:buffer';
import { SkyliftError } from '../../../../shared/errors';
import { LambdaErrorCode } from './errors';

/** Where a byte string stops being UTF-8, in the words Lambda's JSON parser uses (Jackson's). */
export interface Utf8Problem {
  offset: number;
  byte: number;
  /** "start": a byte no character can begin with; "middle": a bad continuation; "end": cut short. */
  kind: 'start' | 'middle' | 'end';
}

/** null when `bytes` is valid UTF-8; otherwise the first bad byte. Linear, and a fast native check first. */
export function findInvalidUtf8(bytes: Uint8Array): Utf8Problem | null {
  if (isUtf8(bytes)) return null;
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    const length = sequenceLength(lead);
    if (length === 0) return { offset: i, byte: lead, kind: 'start' };
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length) return { offset: i + k, byte: lead, kind: 'end' };
      if (!continues(lead, k, bytes[i + k])) return { offset: i + k, byte: bytes[i + k], kind: 'middle' };
    }
    i += length;
  }
  return null; // unreachable: isUtf8 said there was a problem
}

/** Bytes in the sequence a lead byte starts; 0 for a byte that cannot start one (RFC 3629). */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** RFC 3629's table: the second byte's range depends on the lead (no overlongs, surrogates or > U+10FFFF). */
function continues(lead: number, position: number, byte: number): boolean {
  if (position === 1) {
    if (lead === 0xe0) return byte >= 0xa0 && byte <= 0xbf;
    if (lead === 0xed) return byte >= 0x80 && byte <= 0x9f;
    if (lead === 0xf0) return byte >= 0x90 && byte <= 0xbf;
    if (lead === 0xf4) return byte >= 0x80 && byte <= 0x8f;
  }
  return byte >= 0x80 && byte <= 0xbf;
}

/**
 * Lambda's Invoke refuses a payload that is not UTF-8 with 400 InvalidRequestContentException
 * ("Could not parse request body into json: Could not parse payload into json: Invalid UTF-8
 * start byte 0x97"); Skylift refuses it the same way instead of passing U+FFFD to the function.
 */
export function assertUtf8Payload(payload: Uint8Array): void {
  const problem = findInvalidUtf8(payload);
  if (!problem) return;
  const hex = `0x${problem.byte.toString(16).padStart(2, '0')}`;
  const what = problem.kind === 'end' ? 'Unexpected end-of-input in a UTF-8 character' : `Invalid UTF-8 ${problem.kind} byte ${hex}`;
  throw new SkyliftError({
    code: LambdaErrorCode.InvalidRequestContent,
    message: `Could not parse request body into json: Could not parse payload into json: ${what} (at byte ${problem.offset}). Lambda's Invoke refuses this payload (InvalidRequestContentException).`,
    hint: 'Save the payload as UTF-8 JSON (binary data can travel base64-encoded inside a JSON string).',
    details: { errorType: 'InvalidRequestContentException', offset: problem.offset },
  });
}

/** A lone UTF-16 surrogate has no UTF-8 form; Buffer.from would turn it into U+FFFD silently. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text payloads (Try it sends text) are checked before they become bytes: one with a lone
 * surrogate is refused as its bytes would be, never passed on with a U+FFFD in its place.
 */
export function assertEncodablePayload(text: string): Buffer {
  const at = text.search(LONE_SURROGATE);
  if (at >= 0) {
    throw new SkyliftError({
      code: LambdaErrorCode.InvalidRequestContent,
      message: `Could not parse request body into json: the payload has a lone UTF-16 surrogate (at character ${at}), which has no UTF-8 form. Lambda's Invoke refuses this payload (InvalidRequestContentException).`,
      hint: 'Remove the stray character, or write it as a JSON escape of a whole surrogate pair.',
      details: { errorType: 'InvalidRequestContentException', offset: at },
    });
  }
  return Buffer.from(text, 'utf8');
}
