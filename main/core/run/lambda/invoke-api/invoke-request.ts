import type { IncomingHttpHeaders } from 'node:http';
import { findInvalidUtf8 } from '../payload-encoding';
import { invalidContent, tooLarge, validationError } from './aws-errors';

export type InvocationType = 'RequestResponse' | 'Event' | 'DryRun';
export type LogType = 'None' | 'Tail';

export interface InvokeHeaders {
  invocationType: InvocationType;
  logType: LogType;
  /** The decoded client context JSON, as Lambda hands it to the runtime; synchronous invocations only. */
  clientContext?: string;
}

/** Synchronous payloads: 6 MB (6 MiB, "Request must be smaller than 6291456 bytes"). */
export const MAX_SYNC_PAYLOAD_BYTES = 6 * 1024 * 1024;
/** Asynchronous (Event) payloads: 1 MB, per the Invoke operation's documentation. */
export const MAX_EVENT_PAYLOAD_BYTES = 1024 * 1024;
/** ClientContext: "Up to 3,583 bytes of base64-encoded data". */
const MAX_CLIENT_CONTEXT_BYTES = 3583;

const INVOCATION_TYPES: readonly InvocationType[] = ['RequestResponse', 'Event', 'DryRun'];
const LOG_TYPES: readonly LogType[] = ['None', 'Tail'];

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function enumHeader<T extends string>(value: string | undefined, allowed: readonly T[], member: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw validationError(`Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`);
}

/** The Invoke headers, checked against the model's enums; ClientContext must be base64 of a JSON object, as Lambda requires. */
export function parseInvokeHeaders(headers: IncomingHttpHeaders): InvokeHeaders {
  const invocationType = enumHeader(header(headers, 'x-amz-invocation-type'), INVOCATION_TYPES, 'invocationType', 'RequestResponse');
  const logType = enumHeader(header(headers, 'x-amz-log-type'), LOG_TYPES, 'logType', 'None');
  const encoded = header(headers, 'x-amz-client-context');
  if (encoded === undefined || encoded === '') return { invocationType, logType };
  return { invocationType, logType, clientContext: decodeClientContext(encoded) };
}

function decodeClientContext(encoded: string): string {
  const bad = invalidContent('Client context must be a valid Base64-encoded JSON object.');
  if (encoded.length > MAX_CLIENT_CONTEXT_BYTES) throw invalidContent(`Client context must be at most ${MAX_CLIENT_CONTEXT_BYTES} bytes of base64-encoded data.`);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded) || encoded.length % 4 !== 0) throw bad;
  const decoded = Buffer.from(encoded, 'base64');
  if (findInvalidUtf8(decoded)) throw bad;
  try {
    const value: unknown = JSON.parse(decoded.toString('utf8'));
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw bad;
  } catch {
    throw bad;
  }
  return decoded.toString('utf8');
}

/**
 * The payload Lambda passes on: at most the invocation type's quota, UTF-8, and JSON (Lambda's
 * parser refuses anything else with InvalidRequestContentException). An empty body is the event `{}`.
 */
export function checkPayload(body: Buffer, size: number, invocationType: InvocationType): Buffer {
  const limit = invocationType === 'Event' ? MAX_EVENT_PAYLOAD_BYTES : MAX_SYNC_PAYLOAD_BYTES;
  if (size > limit) throw tooLarge(limit, invocationType === 'Event' ? 'InvokeAsync' : 'InvokeFunction');
  if (size === 0) return Buffer.from('{}');
  const problem = findInvalidUtf8(body);
  if (problem) {
    const what = problem.kind === 'end' ? 'Unexpected end-of-input in a UTF-8 character' : `Invalid UTF-8 ${problem.kind} byte 0x${problem.byte.toString(16).padStart(2, '0')}`;
    throw invalidContent(`Could not parse request body into json: Could not parse payload into json: ${what}`);
  }
  try {
    JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw invalidContent(`Could not parse request body into json: Could not parse payload into json: ${(error as Error).message}`);
  }
  return body;
}
